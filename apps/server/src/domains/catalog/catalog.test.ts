import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Auth, type TestContext } from '../../../../../test/harness.ts';

let t: TestContext;
let a: { id: number; slug: string };
let b: { id: number; slug: string };
let admin: Auth;
let viewer: Auth;
const A = '?agency=alpha';

beforeAll(async () => {
  t = await createTestContext();
  a = await t.createAgency('alpha');
  b = await t.createAgency('beta');
  admin = await t.createUser('admin@a.sa', [{ agencyId: a.id, role: 'admin' }]);
  viewer = await t.createUser('viewer@a.sa', [{ agencyId: a.id, role: 'viewer' }]);
});
afterAll(() => t.close());

const api = (method: string, path: string, body?: unknown, auth: Auth = admin) =>
  t.request(method, `/api/v1${path}${path.includes('?') ? '&' : '?'}agency=alpha`, { auth, body });

/** Inserts one interaction pointing at the given catalog ids (the interactions domain is not needed). */
async function insertInteraction(agencyId: number, ids: { service: number; channel: number; branch?: number; provider?: number; stage?: number }) {
  await t.db.query(
    `INSERT INTO interactions (agency_id, external_id, beneficiary_pid, service_id, channel_id, branch_id, provider_id, stage_id, started_at, outcome)
     VALUES ($1, md5(random()::text), 'p', $2, $3, $4, $5, $6, now(), 'completed')`,
    [agencyId, ids.service, ids.channel, ids.branch ?? null, ids.provider ?? null, ids.stage ?? null],
  );
}
const idOf = async (table: string, agencyId: number, code: string) =>
  (await t.db.query<{ id: number }>(`SELECT id FROM ${table} WHERE agency_id = $1 AND code = $2`, [agencyId, code]))[0].id;

describe('catalog CRUD', () => {
  it('creates, lists by code, updates and deletes each kind, Arabic intact', async () => {
    const cases = [
      { kind: 'providers', item: { code: 'P1', name_ar: 'شركة التشغيل', name_en: 'Operator Co', kind: 'third_party' }, change: { name_ar: 'مشغّل «أ»', name_en: 'Operator A', kind: 'in_house' } },
      { kind: 'branches', item: { code: 'RUH-01', name_ar: 'فرع الرياض – العليا', name_en: 'Riyadh Olaya', city: 'الرياض', region: 'منطقة الرياض' }, change: { name_ar: 'فرع العليا', name_en: 'Olaya', city: 'الرياض', region: '' } },
      { kind: 'channels', item: { code: 'call', name_ar: 'مركز الاتصال', name_en: 'Contact centre', category: 'voice' }, change: { name_ar: 'الهاتف', name_en: 'Phone', category: 'voice' } },
      { kind: 'services', item: { code: 'S1', name_ar: 'إصدار رخصة عمل', name_en: 'Work permit', department_ar: 'العمل', department_en: 'Labour', provider: 'P1' }, change: { name_ar: 'تجديد رخصة عمل', name_en: 'Permit renewal', provider: null } },
    ];
    for (const { kind, item, change } of cases) {
      const created = await api('POST', `/catalog/${kind}`, item);
      expect(created.status, kind).toBe(201);
      expect(created.body).toMatchObject(item);
      const updated = await api('PUT', `/catalog/${kind}/${item.code}`, change);
      expect(updated.status, kind).toBe(200);
      expect(updated.body).toMatchObject({ code: item.code, ...change });
      const list = await api('GET', `/catalog/${kind}`, undefined, viewer);
      expect(list.body.items).toEqual([expect.objectContaining({ code: item.code, ...change })]);
    }
    const services = await api('GET', '/catalog/services');
    expect(services.body.items[0]).toEqual({
      code: 'S1', name_ar: 'تجديد رخصة عمل', name_en: 'Permit renewal', department_ar: '', department_en: '', provider: null, stage_count: 0, reason_count: 0,
    });
    for (const kind of ['services', 'providers', 'branches', 'channels']) {
      expect((await api('DELETE', `/catalog/${kind}/${cases.find((c) => c.kind === kind)!.item.code}`)).status).toBe(200);
      expect((await api('GET', `/catalog/${kind}`)).body.items).toEqual([]);
    }
  });

  it('orders lists by code in byte order on both databases', async () => {
    for (const code of ['b-2', 'B_1', 'a.3', 'A10', 'A9']) {
      await api('POST', '/catalog/branches', { code, name_ar: 'فرع', name_en: 'Branch' });
    }
    const codes = (await api('GET', '/catalog/branches')).body.items.map((i: { code: string }) => i.code);
    expect(codes).toEqual(['A10', 'A9', 'B_1', 'a.3', 'b-2']);
    for (const c of codes) await api('DELETE', `/catalog/branches/${c}`);
  });

  it('validates input and names the field', async () => {
    const badCategory = await api('POST', '/catalog/channels', { code: 'x', name_ar: 'س', name_en: 'X', category: 'fax' });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error).toMatchObject({ code: 'validation_failed', field: 'category' });
    const noName = await api('POST', '/catalog/branches', { code: 'B9', name_en: 'B' });
    expect(noName.body.error.field).toBe('name_ar');
    const badCode = await api('POST', '/catalog/branches', { code: 'فرع 1', name_ar: 'ف', name_en: 'B' });
    expect(badCode.body.error.field).toBe('code');
    expect((await api('GET', '/catalog/things')).body.error.field).toBe('kind');
    const unknownProvider = await api('POST', '/catalog/services', { code: 'S2', name_ar: 'خ', name_en: 'S', provider: 'NOPE' });
    expect(unknownProvider.status).toBe(400);
    expect(unknownProvider.body.error).toMatchObject({ code: 'unknown_provider', field: 'provider' });
    expect(unknownProvider.body.error.message_ar).toContain('NOPE');
  });

  it('refuses a duplicate code with 409 and a missing code with 404', async () => {
    const ch = { code: 'web', name_ar: 'البوابة', name_en: 'Portal', category: 'digital' };
    expect((await api('POST', '/catalog/channels', ch)).status).toBe(201);
    const dup = await api('POST', '/catalog/channels', ch);
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'catalog_code_exists', field: 'code' });
    expect((await api('PUT', '/catalog/channels/none', { name_ar: 'ق', name_en: 'C', category: 'voice' })).status).toBe(404);
    expect((await api('DELETE', '/catalog/channels/none')).status).toBe(404);
  });

  it('documents its paths in the OpenAPI document', async () => {
    const paths = Object.keys((await t.request('GET', '/api/v1/openapi.json')).body.paths);
    expect(paths).toEqual(expect.arrayContaining([
      '/api/v1/catalog/{kind}', '/api/v1/catalog/{kind}/{code}', '/api/v1/catalog/services/{code}/stages',
      '/api/v1/catalog/services/{code}/reasons', '/api/v1/catalog/export', '/api/v1/catalog/import', '/api/v1/agency/settings',
    ]));
  });

  it('lets viewers read but not write', async () => {
    expect((await api('GET', '/catalog/channels', undefined, viewer)).status).toBe(200);
    const res = await api('POST', '/catalog/channels', { code: 'sms', name_ar: 'رسائل', name_en: 'SMS', category: 'digital' }, viewer);
    expect(res.status).toBe(403);
  });

  it('answers 409 with a bilingual reason when an item is still referenced', async () => {
    await api('POST', '/catalog/providers', { code: 'OUT', name_ar: 'مزوّد', name_en: 'Vendor', kind: 'third_party' });
    await api('POST', '/catalog/services', { code: 'VISA', name_ar: 'التأشيرات', name_en: 'Visas', provider: 'OUT' });
    await api('POST', '/catalog/branches', { code: 'JED', name_ar: 'جدة', name_en: 'Jeddah' });
    const byServices = await api('DELETE', '/catalog/providers/OUT');
    expect(byServices.status).toBe(409);
    expect(byServices.body.error).toMatchObject({ code: 'catalog_in_use', used_by: ['services'] });
    expect(byServices.body.error.message_ar).toBe('لا يمكن حذف OUT لأنه ما زال مستخدماً في الخدمات.');
    expect(byServices.body.error.message_en).toBe('Cannot delete OUT: it is still referenced by services.');
    await insertInteraction(a.id, { service: await idOf('services', a.id, 'VISA'), channel: await idOf('channels', a.id, 'web'), branch: await idOf('branches', a.id, 'JED') });
    for (const [kind, code] of [['services', 'VISA'], ['channels', 'web'], ['branches', 'JED']]) {
      const res = await api('DELETE', `/catalog/${kind}/${code}`);
      expect(res.status, kind).toBe(409);
      expect(res.body.error.used_by).toEqual(['interactions']);
      expect(res.body.error.message_en).toContain('interactions');
    }
  });
});

describe('stages and reasons', () => {
  it('replaces the ordered stage list and reports counts on the service', async () => {
    await api('POST', '/catalog/services', { code: 'ID', name_ar: 'الهوية', name_en: 'ID card' });
    const stages = [
      { code: 'apply', name_ar: 'تقديم الطلب', name_en: 'Apply', position: 2 },
      { code: 'book', name_ar: 'حجز موعد', name_en: 'Book', position: 1 },
      { code: 'collect', name_ar: 'الاستلام', name_en: 'Collect', position: 3 },
    ];
    const put = await api('PUT', '/catalog/services/ID/stages', { items: stages });
    expect(put.status).toBe(200);
    expect(put.body.items.map((s: { code: string }) => s.code)).toEqual(['book', 'apply', 'collect']);
    const reasons = [{ code: 'lost', name_ar: 'بدل فاقد', name_en: 'Lost card', action_ar: 'تحقق من البلاغ\nثم أصدر البدل', action_en: 'Check the report' }];
    expect((await api('PUT', '/catalog/services/ID/reasons', { items: reasons })).body.items).toEqual(reasons);
    const svc = (await api('GET', '/catalog/services')).body.items.find((s: { code: string }) => s.code === 'ID');
    expect(svc).toMatchObject({ stage_count: 3, reason_count: 1 });
    const two = await api('PUT', '/catalog/services/ID/stages', { items: [{ ...stages[1] }, { ...stages[2], position: 2 }] });
    expect(two.body.items).toEqual([stages[1], { ...stages[2], position: 2 }]);
    expect((await api('GET', '/catalog/services/ID/stages', undefined, viewer)).body.items).toHaveLength(2);
  });

  it('requires positions 1..n, each once, and unique codes', async () => {
    const s = (code: string, position: number) => ({ code, name_ar: 'مرحلة', name_en: 'Stage', position });
    const gap = await api('PUT', '/catalog/services/ID/stages', { items: [s('a', 1), s('b', 3)] });
    expect(gap.status).toBe(400);
    expect(gap.body.error.field).toBe('items.1.position');
    const twice = await api('PUT', '/catalog/services/ID/stages', { items: [s('a', 1), s('b', 1)] });
    expect(twice.body.error.field).toBe('items.1.position');
    const dupCode = await api('PUT', '/catalog/services/ID/stages', { items: [s('a', 1), s('a', 2)] });
    expect(dupCode.body.error.field).toBe('items.1.code');
    expect((await api('PUT', '/catalog/services/NOPE/stages', { items: [] })).status).toBe(404);
    expect((await api('GET', '/catalog/services/ID/stages')).body.items).toHaveLength(2);
  });

  it('keeps stage ids by code and refuses to drop a stage interactions use', async () => {
    const bookId = await idOf('stages', a.id, 'book');
    await insertInteraction(a.id, { service: await idOf('services', a.id, 'ID'), channel: await idOf('channels', a.id, 'web'), stage: bookId });
    const renamed = { code: 'book', name_ar: 'الحجز', name_en: 'Booking', position: 1 };
    await api('PUT', '/catalog/services/ID/stages', { items: [renamed] });
    expect(await idOf('stages', a.id, 'book')).toBe(bookId);
    const drop = await api('PUT', '/catalog/services/ID/stages', { items: [] });
    expect(drop.status).toBe(409);
    expect(drop.body.error.message_en).toContain('book');
  });
});

describe('audit', () => {
  it('records before and after of every catalog write', async () => {
    await api('PUT', '/catalog/channels/web', { name_ar: 'البوابة الإلكترونية', name_en: 'Web portal', category: 'digital' });
    const rows = await t.db.query<{ action: string; entity: string; entity_id: string; before: any; after: any; actor_label: string }>(
      `SELECT action, entity, entity_id, before, after, actor_label FROM audit_log WHERE agency_id = $1 AND entity_id = 'web' ORDER BY id`, [a.id]);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    expect(rows[1]).toMatchObject({ entity: 'channel', actor_label: 'admin@a.sa', before: { name_ar: 'البوابة' }, after: { name_ar: 'البوابة الإلكترونية' } });
    const stages = await t.db.query<{ before: any }>(`SELECT before FROM audit_log WHERE agency_id = $1 AND entity = 'stages' ORDER BY id DESC LIMIT 1`, [a.id]);
    expect(stages[0].before.items.map((s: { code: string }) => s.code)).toEqual(['book', 'collect']);
    const deletes = await t.db.query(`SELECT 1 FROM audit_log WHERE agency_id = $1 AND action = 'delete' AND entity = 'provider' AND entity_id = 'P1'`, [a.id]);
    expect(deletes).toHaveLength(1);
  });
});
