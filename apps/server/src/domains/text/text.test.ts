import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_PSEUDONYM_KEY, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { drainJobs } from '../../jobs/jobs.ts';
import { pseudonymize } from '../../lib/pseudonym.ts';
import { seedTestCatalog } from '../interactions/test-catalog.ts';

// Clear cases (labelled by hand; the library's unit tests assert these labels too).
const NEG = 'خدمة سيئة جدا وتعامل الموظفين زفت';
const NEG_WAIT = 'من الصبح وانا انتظر بالفرع والموظف طالع';
const POS = 'ما شاء الله خدمة سريعة والموظف متعاون';

let ctx: TestContext;
let admin: Auth;
let agencyA: { id: number; slug: string };
const A = 'text-a';
const B = 'text-b';

const fb = (external_id: string, text: string, over: Record<string, unknown> = {}) => ({ external_id, kind: 'complaint', text, ...over });
const post = (items: unknown[], auth = admin, slug = A) => ctx.request('POST', `/api/v1/feedback?agency=${slug}`, { auth, body: { items } });
const list = (query: string, auth = admin) => ctx.request('GET', `/api/v1/feedback?agency=${A}&${query}`, { auth });

beforeAll(async () => {
  ctx = await createTestContext();
  agencyA = await ctx.createAgency(A);
  const agencyB = await ctx.createAgency(B);
  await seedTestCatalog(ctx.db, agencyA.id);
  await seedTestCatalog(ctx.db, agencyB.id);
  admin = await ctx.createUser('text-admin@example.sa', [{ agencyId: agencyA.id, role: 'admin' }]);
});
afterAll(() => ctx?.close());

describe('POST /feedback', () => {
  it('stores valid rows, reports row errors in the house format, and is idempotent on external_id', async () => {
    const res = await post([
      fb('F-1', NEG, { service: 'work-permit', branch: 'ruh-1', channel: 'branch', occurred_at: '2024-05-05T10:00', beneficiary_id: '0512345678' }),
      fb('F-2', 'عندي استفسار عن الإستعلام عن المخالفات', { kind: 'comment', occurred_at: '2024-05-05T11:00' }),
      { external_id: 'F-3', kind: 'praise', text: POS },
      fb('F-4', ''),
      fb('F-5', POS, { service: 'nope' }),
      fb('F-1', POS),
      fb('F-6', POS, { occurred_at: '2024-02-30T10:00' }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 5 });
    expect(res.body.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code])).toEqual([
      [3, 'kind', 'invalid_kind'],
      [4, 'text', 'missing_field'],
      [5, 'service', 'unknown_service'],
      [6, 'external_id', 'duplicate_in_batch'],
      [7, 'occurred_at', 'invalid_timestamp'],
    ]);
    expect(res.body.errors[0].message_ar).toContain('praise');
    const again = await post([fb('F-1', NEG), fb('F-2', 'نص آخر', { kind: 'suggestion' })]);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2, rejected: 0 });
  });

  it('stores the beneficiary only as a pseudonym', async () => {
    const rows = await ctx.db.query<{ beneficiary_pid: string; text: string }>(
      `SELECT beneficiary_pid, text FROM text_items WHERE agency_id = $1 AND source_id = 'F-1'`, [agencyA.id]);
    expect(rows[0].beneficiary_pid).toBe(pseudonymize(TEST_PSEUDONYM_KEY, agencyA.id, '+966512345678'));
    expect(JSON.stringify(rows)).not.toContain('512345678');
  });

  it('is analysed by the durable job: pending until drained, then sentiment and topics', async () => {
    const before = await list('');
    expect(before.body.items.every((i: { status: string }) => i.status === 'pending')).toBe(true);
    expect(await drainJobs(ctx.services)).toBeGreaterThanOrEqual(1);
    const after = await list('');
    const f1 = after.body.items.find((i: { external_id: string }) => i.external_id === 'F-1');
    expect(f1).toMatchObject({ status: 'done', sentiment: 'negative', service: 'work-permit', branch: 'ruh-1', channel: 'branch', kind: 'complaint' });
    expect(f1.topics).toContain('staff_behaviour');
    expect(f1.scores.positive + f1.scores.negative + f1.scores.neutral).toBeCloseTo(1, 5);
    expect(f1.occurred_at).toBe('2024-05-05T07:00:00.000Z'); // 10:00 Riyadh wall time
  });

  it('answers 413 above 5,000 items and 400 on a bad body', async () => {
    const big = await post(Array.from({ length: 5001 }, (_, i) => fb(`X${i}`, 'x')));
    expect(big.status).toBe(413);
    const bad = await ctx.request('POST', `/api/v1/feedback?agency=${A}`, { auth: admin, raw: '{not json', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
  });
});

describe('GET /feedback filters', () => {
  it('searches with the same normalization: الاستعلام finds الإستعلام', async () => {
    const res = await list(`q=${encodeURIComponent('الاستعلام')}`);
    expect(res.body.items.map((i: { external_id: string }) => i.external_id)).toEqual(['F-2']);
  });
  it('filters by sentiment, topic, service, kind and period', async () => {
    const negative = (await list('sentiment=negative')).body.items;
    expect(negative.map((i: { external_id: string }) => i.external_id)).toContain('F-1');
    expect(negative.every((i: { sentiment: string }) => i.sentiment === 'negative')).toBe(true);
    expect((await list('sentiment=positive')).body.items.map((i: { external_id: string }) => i.external_id)).not.toContain('F-1');
    expect((await list('topic=staff_behaviour')).body.items.map((i: { external_id: string }) => i.external_id)).toEqual(['F-1']);
    expect((await list('service=work-permit')).body.items).toHaveLength(1);
    expect((await list('kind=comment')).body.items.map((i: { external_id: string }) => i.external_id)).toEqual(['F-2']);
    expect((await list('from=2024-05-06&to=2024-05-07')).body.items).toHaveLength(0);
    expect((await list('service=unknown')).status).toBe(400);
  });
  it('returns markup as inert data (the web escapes it when rendering)', async () => {
    await post([fb('F-XSS', '<img src=x onerror=alert(1)> الموظف ما رد')]);
    const res = await list(`q=${encodeURIComponent('onerror')}`);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.items[0].text).toBe('<img src=x onerror=alert(1)> الموظف ما رد');
  });
});

describe('POST /text/analyze', () => {
  it('labels texts in order without storing them, empty text neutral with a flag', async () => {
    const count = async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM text_items WHERE agency_id = $1', [agencyA.id]))[0].n;
    const n0 = await count();
    const res = await ctx.request('POST', `/api/v1/text/analyze?agency=${A}`, { auth: admin, body: { texts: [NEG_WAIT, POS, ''] } });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { label: string }) => i.label)).toEqual(['negative', 'positive', 'neutral']);
    expect(res.body.items[0].topics).toContain('waiting_time');
    expect(res.body.items[2]).toEqual({ label: 'neutral', scores: { positive: 0, negative: 0, neutral: 1 }, topics: [], empty: true });
    expect(await count()).toBe(n0);
  });
});

describe('topic taxonomy', () => {
  it('seeds the nine default topics on first read, replaces them, and re-analyses stored texts', async () => {
    const first = await ctx.request('GET', `/api/v1/text/topics?agency=${A}`, { auth: admin });
    expect(first.body.items.map((t: { code: string }) => t.code)).toEqual([
      'waiting_time', 'staff_behaviour', 'appointments', 'digital_systems', 'documents_procedures', 'request_outcome',
      'communication_followup', 'accessibility', 'fees',
    ]);
    const put = await ctx.request('PUT', `/api/v1/text/topics?agency=${A}`, {
      auth: admin, body: { items: [{ code: 'staff', name_ar: 'الموظفون', name_en: 'Staff', keywords: ['الموظفين', 'موظف'] }] },
    });
    expect(put.status).toBe(200);
    await drainJobs(ctx.services);
    expect((await list('topic=staff')).body.items.map((i: { external_id: string }) => i.external_id).sort()).toEqual(['F-1', 'F-XSS']);
    expect((await list('topic=staff_behaviour')).body.items).toHaveLength(0);
    const dup = await ctx.request('PUT', `/api/v1/text/topics?agency=${A}`, { auth: admin, body: { items: [put.body.items[0], put.body.items[0]] } });
    expect(dup.status).toBe(400);
  });
  it('turns a cluster into a topic; a taken code is 409', async () => {
    const body = { code: 'parking', name_ar: 'المواقف', name_en: 'Parking', phrases: ['مواقف', 'مواقف السيارات'] };
    const res = await ctx.request('POST', `/api/v1/text/topics/from-cluster?agency=${A}`, { auth: admin, body });
    expect(res.status).toBe(201);
    expect(res.body.items.map((t: { code: string }) => t.code)).toEqual(['staff', 'parking']);
    expect((await ctx.request('POST', `/api/v1/text/topics/from-cluster?agency=${A}`, { auth: admin, body })).status).toBe(409);
  });
});
