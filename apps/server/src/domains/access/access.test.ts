import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../../test/harness.ts';

let t: TestContext;
let a: { id: number; slug: string };
let b: { id: number; slug: string };

beforeAll(async () => {
  t = await createTestContext();
  a = await t.createAgency('alpha');
  b = await t.createAgency('beta');
});
afterAll(() => t.close());

describe('sign-in and sessions', () => {
  it('logs in, reports memberships, and logs out', async () => {
    const auth = await t.createUser('analyst@a.sa', [{ agencyId: a.id, role: 'analyst' }]);
    const me = await t.request('GET', '/api/v1/auth/me', { auth });
    expect(me.status).toBe(200);
    expect(me.body.memberships).toEqual([expect.objectContaining({ slug: 'alpha', role: 'analyst' })]);
    expect((await t.request('POST', '/api/v1/auth/logout', { auth })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/me', { auth })).status).toBe(401);
  });

  it('rejects a wrong password with a bilingual error and no hint which part was wrong', async () => {
    await t.createUser('x@a.sa', []);
    const res = await t.request('POST', '/api/v1/auth/login', { body: { email: 'x@a.sa', password: 'nope' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
    expect(res.body.error.message_ar).toMatch(/كلمة المرور/);
    const unknown = await t.request('POST', '/api/v1/auth/login', { body: { email: 'ghost@a.sa', password: 'nope' } });
    expect(unknown.body.error).toEqual(res.body.error);
  });

  it('refuses cookie-authenticated writes without the CSRF header', async () => {
    const auth = await t.createUser('adm@a.sa', [{ agencyId: a.id, role: 'admin' }]);
    const res = await t.app.request('/api/v1/api-keys?agency=alpha', {
      method: 'POST',
      headers: { cookie: (auth as { cookie: string }).cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'k', role: 'viewer' }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('csrf');
  });

  it('validates input with field names', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', { body: { email: 'not-an-email', password: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field: 'email' });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', { raw: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message_en).toBeTruthy();
  });
});

describe('API keys', () => {
  it('are shown once, stored hashed, usable, and revocable', async () => {
    const admin = await t.createUser('admin2@a.sa', [{ agencyId: a.id, role: 'admin' }]);
    const created = await t.request('POST', '/api/v1/api-keys?agency=alpha', { auth: admin, body: { name: 'queue system', role: 'supervisor' } });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key.startsWith('tjk_')).toBe(true);
    const stored = await t.db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [created.body.id]);
    expect(stored[0].key_hash).not.toContain(key.slice(4));
    const list = await t.request('GET', '/api/v1/api-keys?agency=alpha', { auth: admin });
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect((await t.request('GET', '/api/v1/auth/me', { auth: { apiKey: key } })).body.api_key.role).toBe('supervisor');
    await t.request('DELETE', `/api/v1/api-keys/${created.body.id}?agency=alpha`, { auth: admin });
    expect((await t.request('GET', '/api/v1/auth/me', { auth: { apiKey: key } })).status).toBe(401);
    const audit = await t.request('GET', '/api/v1/audit?agency=alpha', { auth: admin });
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['create', 'revoke']));
    expect(JSON.stringify(audit.body)).not.toContain(key);
  });
});

describe('tenant isolation of access endpoints', () => {
  it('never lets one agency see or change another', async () => {
    const adminA = await t.createUser('iso@a.sa', [{ agencyId: a.id, role: 'admin' }]);
    const keyA = await t.createApiKey(a.id, 'admin');
    for (const auth of [adminA, keyA]) {
      for (const [m, p] of [
        ['GET', '/api/v1/members?agency=beta'],
        ['GET', '/api/v1/api-keys?agency=beta'],
        ['GET', '/api/v1/audit?agency=beta'],
        ['POST', '/api/v1/api-keys?agency=beta'],
        ['POST', '/api/v1/members?agency=beta'],
      ] as const) {
        const res = await t.request(m, p, { auth, body: m === 'POST' ? { name: 'x', role: 'admin', email: 'e@e.sa' } : undefined });
        expect(res.status, `${m} ${p}`).toBe(404);
      }
    }
    const agencies = await t.request('GET', '/api/v1/agencies', { auth: adminA });
    expect(agencies.body.items.map((x: { slug: string }) => x.slug)).toEqual(['alpha']);
  });

  it('only a superadmin creates agencies; the creator becomes its admin', async () => {
    const viewer = await t.createUser('v@a.sa', [{ agencyId: a.id, role: 'viewer' }]);
    const body = { slug: 'gamma', name_ar: 'جهة جاما', name_en: 'Gamma' };
    expect((await t.request('POST', '/api/v1/agencies', { auth: viewer, body })).status).toBe(403);
    const root = await t.createUser('root@a.sa', [], true);
    const res = await t.request('POST', '/api/v1/agencies', { auth: root, body });
    expect(res.status).toBe(201);
    expect(res.body.timezone).toBe('Asia/Riyadh');
    expect((await t.request('POST', '/api/v1/agencies', { auth: root, body })).status).toBe(409);
  });

  it('viewers cannot manage members', async () => {
    const viewer = await t.createUser('v2@b.sa', [{ agencyId: b.id, role: 'viewer' }]);
    expect((await t.request('GET', '/api/v1/members?agency=beta', { auth: viewer })).status).toBe(403);
  });
});

describe('API surface', () => {
  it('serves health, readiness and an OpenAPI 3.1 document', async () => {
    expect((await t.request('GET', '/healthz')).status).toBe(200);
    expect((await t.request('GET', '/readyz')).body.status).toBe('ready');
    const doc = await t.request('GET', '/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/auth/login');
  });

  it('returns the error shape for unknown API routes and a request id header', async () => {
    const res = await t.request('GET', '/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('route_not_found');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
