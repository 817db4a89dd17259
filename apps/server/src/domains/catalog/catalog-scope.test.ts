import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { getAgencySettings } from './agency-settings.ts';

let t: TestContext;
let a: { id: number };
let b: { id: number };
let adminA: Auth;
let keyA: Auth;
let adminB: Auth;

beforeAll(async () => {
  t = await createTestContext();
  a = await t.createAgency('alpha');
  b = await t.createAgency('beta');
  adminA = await t.createUser('admin@alpha.sa', [{ agencyId: a.id, role: 'admin' }]);
  adminB = await t.createUser('admin@beta.sa', [{ agencyId: b.id, role: 'admin' }]);
  keyA = await t.createApiKey(a.id, 'admin');
  // Both agencies use the same codes; only the names tell them apart.
  for (const [slug, auth, label] of [['alpha', adminA, 'أ'], ['beta', adminB, 'ب']] as const) {
    const post = (kind: string, body: object) => t.request('POST', `/api/v1/catalog/${kind}?agency=${slug}`, { auth, body });
    await post('providers', { code: 'P1', name_ar: `مزود ${label}`, name_en: `Provider ${slug}` });
    await post('branches', { code: 'B1', name_ar: `فرع ${label}`, name_en: `Branch ${slug}` });
    await post('channels', { code: 'C1', name_ar: `قناة ${label}`, name_en: `Channel ${slug}`, category: 'digital' });
    await post('services', { code: 'S1', name_ar: `خدمة ${label}`, name_en: `Service ${slug}`, provider: 'P1' });
    await t.request('PUT', `/api/v1/catalog/services/S1/stages?agency=${slug}`, { auth, body: { items: [{ code: 'st', name_ar: `مرحلة ${label}`, name_en: 'Stage', position: 1 }] } });
    await t.request('PUT', `/api/v1/catalog/services/S1/reasons?agency=${slug}`, { auth, body: { items: [{ code: 'r', name_ar: `سبب ${label}`, name_en: 'Reason' }] } });
  }
});
afterAll(() => t.close());

const CSV_ROW = 'type,code,name_ar,name_en\nbranch,B1,مخترق,Hijacked\n';
const ATTEMPTS: { method: string; path: string; body?: unknown; raw?: string }[] = [
  ...['branches', 'channels', 'services', 'providers'].map((k) => ({ method: 'GET', path: `/catalog/${k}` })),
  { method: 'POST', path: '/catalog/branches', body: { code: 'B2', name_ar: 'مخترق', name_en: 'Hijacked' } },
  { method: 'PUT', path: '/catalog/branches/B1', body: { name_ar: 'مخترق', name_en: 'Hijacked' } },
  { method: 'DELETE', path: '/catalog/branches/B1' },
  { method: 'DELETE', path: '/catalog/services/S1' },
  { method: 'GET', path: '/catalog/services/S1/stages' },
  { method: 'PUT', path: '/catalog/services/S1/stages', body: { items: [] } },
  { method: 'GET', path: '/catalog/services/S1/reasons' },
  { method: 'PUT', path: '/catalog/services/S1/reasons', body: { items: [] } },
  { method: 'GET', path: '/catalog/export?format=csv' },
  { method: 'GET', path: '/catalog/export?format=json' },
  { method: 'POST', path: '/catalog/import', raw: CSV_ROW },
  { method: 'GET', path: '/agency/settings' },
  { method: 'PUT', path: '/agency/settings', body: { min_n: 1 } },
];

describe('tenant isolation', () => {
  it('answers 404 to a user and to an API key of agency A for every catalog path of agency B', async () => {
    for (const auth of [adminA, keyA]) {
      for (const { method, path, body, raw } of ATTEMPTS) {
        const url = `/api/v1${path}${path.includes('?') ? '&' : '?'}agency=beta`;
        const res = await t.request(method, url, { auth, body, raw, headers: raw ? { 'content-type': 'text/csv' } : {} });
        expect([method, path, res.status]).toEqual([method, path, 404]);
        expect(res.body.error.code).toBe('agency_not_found');
      }
    }
    const exported = await t.request('GET', '/api/v1/catalog/export?agency=beta&format=json', { auth: adminB });
    expect(exported.body.branches).toEqual([{ code: 'B1', name_ar: 'فرع ب', name_en: 'Branch beta', city: '', region: '' }]);
    expect(exported.body.services[0]).toMatchObject({ name_ar: 'خدمة ب', stages: [{ name_ar: 'مرحلة ب' }], reasons: [{ name_ar: 'سبب ب' }] });
    expect((await getAgencySettings(t.db, b.id)).min_n).toBe(30);
  });

  it("never shows agency B's rows in agency A's lists, exports or child lists, codes being equal", async () => {
    for (const auth of [adminA, keyA]) {
      for (const kind of ['branches', 'channels', 'services', 'providers']) {
        const res = await t.request('GET', `/api/v1/catalog/${kind}?agency=alpha`, { auth });
        expect(res.body.items).toHaveLength(1);
        expect(res.body.items[0].name_en).toMatch(/alpha$/);
      }
      const stages = await t.request('GET', '/api/v1/catalog/services/S1/stages', { auth: keyA });
      expect(stages.body.items).toEqual([{ code: 'st', name_ar: 'مرحلة أ', name_en: 'Stage', position: 1 }]);
      const csv = (await t.request('GET', '/api/v1/catalog/export?agency=alpha', { auth })).body as string;
      expect(csv).toContain('فرع أ');
      expect(csv).not.toMatch(/beta|ب,/);
    }
    const services = await t.request('GET', '/api/v1/catalog/services?agency=alpha', { auth: adminA });
    expect(services.body.items[0]).toMatchObject({ provider: 'P1', stage_count: 1, reason_count: 1 });
  });

  it("an import into A with B's codes touches only A", async () => {
    const res = await t.request('POST', '/api/v1/catalog/import', { auth: keyA, raw: CSV_ROW, headers: { 'content-type': 'text/csv' } });
    expect(res.body).toMatchObject({ updated: 1 });
    const bBranches = await t.request('GET', '/api/v1/catalog/branches?agency=beta', { auth: adminB });
    expect(bBranches.body.items[0].name_ar).toBe('فرع ب');
  });
});

describe('agency settings', () => {
  it('returns the defaults for an agency that never saved any', async () => {
    const res = await t.request('GET', '/api/v1/agency/settings?agency=alpha', { auth: keyA });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      min_n: 30, repeat_window_days: 7, journey_max_span_days: 30, sl_seconds: 20,
      quiet_hours: { start: '22:00', end: '08:00' }, cost_per_contact: {},
      survey_min_days_between: 30, survey_sampling: {}, survey_link_days: 14,
    });
  });

  it('updates the given keys, keeps the rest, and audits before and after', async () => {
    const res = await t.request('PUT', '/api/v1/agency/settings?agency=alpha', { auth: adminA, body: { sl_seconds: 30, cost_per_contact: { C1: 12.5 } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ min_n: 30, sl_seconds: 30, cost_per_contact: { C1: 12.5 } });
    const again = await t.request('PUT', '/api/v1/agency/settings?agency=alpha', { auth: adminA, body: { quiet_hours: { start: '21:30', end: '07:00' } } });
    expect(again.body).toMatchObject({ sl_seconds: 30, quiet_hours: { start: '21:30', end: '07:00' }, cost_per_contact: { C1: 12.5 } });
    const audit = await t.db.query<{ before: any; after: any }>(
      `SELECT before, after FROM audit_log WHERE agency_id = $1 AND entity = 'agency_settings' ORDER BY id`, [a.id]);
    expect(audit.map((r) => [r.before.sl_seconds, r.after.sl_seconds])).toEqual([[20, 30], [30, 30]]);
    expect(await getAgencySettings(t.db, a.id)).toMatchObject({ sl_seconds: 30, repeat_window_days: 7 });
  });

  it('validates values with field names and refuses unknown keys and channels', async () => {
    const put = (body: unknown, auth = adminA) => t.request('PUT', '/api/v1/agency/settings?agency=alpha', { auth, body });
    expect((await put({ min_n: 0 })).body.error).toMatchObject({ code: 'validation_failed', field: 'min_n' });
    expect((await put({ quiet_hours: { start: '25:00', end: '08:00' } })).body.error.field).toBe('quiet_hours.start');
    expect((await put({ cost_per_contact: { C1: -1 } })).body.error.field).toBe('cost_per_contact.C1');
    expect((await put({ minimum: 5 })).status).toBe(400);
    const unknown = await put({ cost_per_contact: { WALK: 3 } });
    expect(unknown.body.error).toMatchObject({ code: 'unknown_channel', field: 'cost_per_contact.WALK' });
    const viewer = await t.createUser('viewer@alpha.sa', [{ agencyId: a.id, role: 'viewer' }]);
    expect((await put({ min_n: 10 }, viewer)).status).toBe(403);
  });

  it('falls back to the default for a stored value that no longer validates', async () => {
    await t.db.query(`UPDATE agencies SET settings = settings || '{"min_n": "many", "other_domain": true}'::jsonb WHERE id = $1`, [b.id]);
    expect((await getAgencySettings(t.db, b.id)).min_n).toBe(30);
    await t.request('PUT', '/api/v1/agency/settings?agency=beta', { auth: adminB, body: { min_n: 50 } });
    const stored = await t.db.query<{ settings: any }>('SELECT settings FROM agencies WHERE id = $1', [b.id]);
    expect(stored[0].settings).toMatchObject({ min_n: 50, other_domain: true });
  });
});
