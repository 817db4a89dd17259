import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_PSEUDONYM_KEY, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { registerIngestHook, unregisterIngestHook, type InsertedInteraction } from './ingest-hooks.ts';
import { interaction, seedTestCatalog } from './test-catalog.ts';

let t: TestContext;
let a: { id: number; slug: string };
let b: { id: number; slug: string };
let cat: Awaited<ReturnType<typeof seedTestCatalog>>;
let keyA: Auth;
let keyB: Auth;

const post = (body: unknown, auth: Auth = keyA, query = '') => t.request('POST', `/api/v1/interactions${query}`, { body, auth });
// The pseudonym formula, written out independently: HMAC-SHA256(key, "<agency>:<canonical id>")[:32].
const hmac = (agencyId: number, canonical: string) =>
  createHmac('sha256', TEST_PSEUDONYM_KEY).update(`${agencyId}:${canonical}`).digest('hex').slice(0, 32);

beforeAll(async () => {
  t = await createTestContext();
  a = await t.createAgency('alpha');
  b = await t.createAgency('beta');
  cat = await seedTestCatalog(t.db, a.id);
  await seedTestCatalog(t.db, b.id);
  keyA = await t.createApiKey(a.id, 'analyst');
  keyB = await t.createApiKey(b.id, 'analyst');
});
afterAll(() => t.close());

describe('POST /interactions', () => {
  it('stores one interaction with catalog ids, pseudonyms and UTC times', async () => {
    const res = await post(interaction({
      external_id: 'one', branch: 'ruh-1', provider: 'tasheel', stage: 'apply', reason: 'renewal', employee_id: 'EMP-7',
      started_at: '2024-05-01T09:00:00', ended_at: '2024-05-01T09:12:30+03:00', wait_seconds: 95, outcome: 'Completed',
      attributes: { ticket: 'A-17' },
    }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 1, duplicates: 0, rejected: 0, errors: [], drop_reasons: {} });
    const [row] = await t.db.query<Record<string, unknown>>(`SELECT * FROM interactions WHERE agency_id = $1 AND external_id = 'one'`, [a.id]);
    expect(row).toMatchObject({
      source: 'api', service_id: cat.service, channel_id: cat.channel, branch_id: cat.branch, provider_id: cat.provider,
      stage_id: cat.stage, reason_id: cat.reason, wait_seconds: 95, outcome: 'completed', attributes: { ticket: 'A-17' },
      beneficiary_pid: hmac(a.id, '1012345678'), employee_pid: hmac(a.id, 'emp7'), // canonical: lower case, no - . ( ) or spaces
    });
    // 09:00 Riyadh (UTC+3, no offset given) = 06:00 UTC.
    expect(new Date(row.started_at as string).toISOString()).toBe('2024-05-01T06:00:00.000Z');
    expect(new Date(row.ended_at as string).toISOString()).toBe('2024-05-01T06:12:30.000Z');
  });

  it('counts a resent external_id as a duplicate and never stores a second row', async () => {
    const first = await post({ items: [interaction({ external_id: 'dup-1' }), interaction({ external_id: 'dup-2' })] });
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 0 });
    const again = await post({ items: [interaction({ external_id: 'dup-1' }), interaction({ external_id: 'dup-3' })] });
    expect(again.body).toMatchObject({ accepted: 1, duplicates: 1, rejected: 0, drop_reasons: { duplicate: 1 } });
    const n = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM interactions WHERE agency_id = $1 AND external_id LIKE 'dup-%'`, [a.id]);
    expect(n[0].n).toBe(3);
    // The same external_id from another source is another interaction.
    expect((await post(interaction({ external_id: 'dup-1', source: 'ivr' }))).body.accepted).toBe(1);
  });

  it('reports every row error code with its row, field and Arabic + English message', async () => {
    const rows = [
      interaction({ external_id: 'r1', beneficiary_id: undefined }),
      interaction({ external_id: 'r2', started_at: '2024-13-01T00:00:00' }),
      interaction({ external_id: 'r3', ended_at: '2024-05-01T08:59:59+03:00' }),
      interaction({ external_id: 'r4', outcome: 'done' }),
      interaction({ external_id: 'r5', wait_seconds: -5 }),
      interaction({ external_id: 'r6', attributes: [1, 2] }),
      interaction({ external_id: 'r7', service: 'nope' }),
      interaction({ external_id: 'r8', channel: 'fax' }),
      interaction({ external_id: 'r9', branch: 'jed-9' }),
      interaction({ external_id: 'r10', provider: 'acme' }),
      interaction({ external_id: 'r11', service: 'labour-complaint', stage: 'apply' }), // stage of another service
      interaction({ external_id: 'r12', reason: 'ghost' }),
      interaction({ external_id: 'r13' }),
      interaction({ external_id: 'r13' }),
      interaction({ external_id: 'x'.repeat(201) }),
      interaction({ external_id: 'r16', service: { code: 'work-permit' } }),
    ];
    const res = await post({ items: rows });
    expect(res.status).toBe(200);
    const expected: [number, string, string][] = [
      [1, 'missing_field', 'beneficiary_id'], [2, 'invalid_timestamp', 'started_at'], [3, 'ended_before_started', 'ended_at'],
      [4, 'invalid_outcome', 'outcome'], [5, 'invalid_wait_seconds', 'wait_seconds'], [6, 'invalid_attributes', 'attributes'],
      [7, 'unknown_service', 'service'], [8, 'unknown_channel', 'channel'], [9, 'unknown_branch', 'branch'],
      [10, 'unknown_provider', 'provider'], [11, 'unknown_stage', 'stage'], [12, 'unknown_reason', 'reason'],
      [14, 'duplicate_in_batch', 'external_id'], [15, 'field_too_long', 'external_id'], [16, 'invalid_value', 'service'],
    ];
    expect(res.body.errors.map((e: { row: number; code: string; field: string }) => [e.row, e.code, e.field])).toEqual(expected);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 0, rejected: 15 });
    expect(res.body.drop_reasons).toEqual(Object.fromEntries(expected.map(([, code]) => [code, 1])));
    for (const e of res.body.errors) {
      expect(e.message_ar).toMatch(/[\u0600-\u06FF]/);
      expect(e.message_en).toMatch(/[a-z]/);
      expect(e.message_en).not.toMatch(/\{\w+\}/); // every placeholder filled
    }
    expect(res.body.errors[12].message_en).toContain('first at row 13');
  });

  it('refuses 10,001 items with a clear 413 and stores nothing', async () => {
    const items = Array.from({ length: 10_001 }, (_, i) => interaction({ external_id: `big-${i}` }));
    const res = await post({ items });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'batch_too_large', field: 'items' });
    expect(res.body.error.message_en).toContain('10001');
    expect(res.body.error.message_ar).toContain('10000');
    const n = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM interactions WHERE external_id LIKE 'big-%'`);
    expect(n[0].n).toBe(0);
  });

  it('creates missing catalog codes when asked, guessing channel categories from the code', async () => {
    const admin = await t.createApiKey(a.id, 'admin');
    const items = [
      interaction({ external_id: 'cm-1', service: 'new-svc', channel: 'call-centre', stage: 's1', reason: 'why' }),
      interaction({ external_id: 'cm-2', service: 'new-svc', channel: 'mobile-app', stage: 's2' }),
      interaction({ external_id: 'cm-3', channel: 'kiosk', branch: 'dmm-2', provider: 'newco' }),
    ];
    expect((await post({ items }, keyA, '?create_missing=1')).status).toBe(403); // an analyst cannot edit the catalog
    const res = await post({ items }, admin, '?create_missing=1');
    expect(res.body).toMatchObject({ accepted: 3, rejected: 0 });
    const channels = await t.db.query(`SELECT code, category FROM channels WHERE agency_id = $1 AND code IN ('call-centre', 'mobile-app', 'kiosk') ORDER BY code`, [a.id]);
    expect(channels).toEqual([
      { code: 'call-centre', category: 'voice' }, { code: 'kiosk', category: 'traditional' }, { code: 'mobile-app', category: 'digital' },
    ]);
    const stages = await t.db.query(`SELECT s.code, s.position FROM stages s JOIN services v ON v.agency_id = s.agency_id AND v.id = s.service_id
      WHERE s.agency_id = $1 AND v.code = 'new-svc' ORDER BY s.position`, [a.id]);
    expect(stages).toEqual([{ code: 's1', position: 1 }, { code: 's2', position: 2 }]);
    const audited = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE agency_id = $1 AND action = 'create' AND after->>'created_by' = 'import --create-missing'`, [a.id]);
    expect(audited[0].n).toBe(9); // 1 service + 3 channels + 2 stages + 1 reason + 1 branch + 1 provider
  });
});

describe('pseudonymization', () => {
  it('links phone formats of one person, separates agencies, and never stores the clear value', async () => {
    const phones = ['0512345678', '+966 51 234 5678', '٠٥١٢٣٤٥٦٧٨', '00966512345678'];
    const items = phones.map((p, i) => interaction({ external_id: `ph-${i}`, beneficiary_id: p, employee_id: 'EMP-9913' }));
    expect((await post({ items })).body.accepted).toBe(4);
    expect((await post(interaction({ external_id: 'ph-b', beneficiary_id: '0512345678' }), keyB)).body.accepted).toBe(1);
    const pids = await t.db.query<{ agency_id: number; beneficiary_pid: string }>(
      `SELECT DISTINCT agency_id, beneficiary_pid FROM interactions WHERE external_id LIKE 'ph-%' ORDER BY agency_id`,
    );
    expect(pids).toEqual([
      { agency_id: a.id, beneficiary_pid: hmac(a.id, '+966512345678') },
      { agency_id: b.id, beneficiary_pid: hmac(b.id, '+966512345678') },
    ]);
    expect(pids[0].beneficiary_pid).not.toBe(pids[1].beneficiary_pid);
    // Every row of every table as text: neither the phone nor the employee id appears in clear.
    const tables = await t.db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    for (const { table_name } of tables) {
      const hits = await t.db.query(`SELECT 1 FROM ${table_name} x WHERE x::text LIKE '%512345678%' OR x::text ILIKE '%emp-9913%' LIMIT 1`);
      expect(hits, table_name).toEqual([]);
    }
  });
});

describe('time zones', () => {
  it("reads offset-less times in the agency's zone, in and out of daylight saving time", async () => {
    await t.db.query(`UPDATE agencies SET timezone = 'America/New_York' WHERE id = $1`, [b.id]);
    const cases: [string, string][] = [
      ['2024-07-01T10:00:00', '2024-07-01T14:00:00.000Z'], // EDT, UTC−4
      ['2024-01-15T10:00:00', '2024-01-15T15:00:00.000Z'], // EST, UTC−5
      ['2024-03-10T02:30:00', '2024-03-10T07:30:00.000Z'], // in the spring-forward gap: read as EST
      ['2024-11-03T01:30:00', '2024-11-03T05:30:00.000Z'], // repeated hour: the first (EDT) one
      ['2024-07-01T10:00:00Z', '2024-07-01T10:00:00.000Z'], // an explicit offset wins
      ['2024-07-01 10:00+0530', '2024-07-01T04:30:00.000Z'],
    ];
    const items = cases.map(([s], i) => interaction({ external_id: `tz-${i}`, started_at: s }));
    expect((await post({ items }, keyB)).body.accepted).toBe(cases.length);
    const rows = await t.db.query<{ external_id: string; started_at: string }>(
      `SELECT external_id, started_at FROM interactions WHERE agency_id = $1 AND external_id LIKE 'tz-%' ORDER BY external_id`, [b.id],
    );
    expect(rows.map((r) => new Date(r.started_at).toISOString())).toEqual(cases.map(([, utc]) => utc));
  });
});

describe('ingest hooks and tenant isolation', () => {
  it('hands stored rows (ids, pseudonyms, no clear ids) to hooks inside the transaction', async () => {
    const seen: InsertedInteraction[] = [];
    registerIngestHook('test-capture', async (tx, agency, inserted) => {
      expect(agency.id).toBe(a.id);
      const n = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM interactions WHERE agency_id = $1 AND external_id = 'hook-1'`, [a.id]);
      expect(n[0].n).toBe(1); // visible inside the same transaction
      seen.push(...inserted);
    });
    try {
      await post({ items: [interaction({ external_id: 'hook-1' }), interaction({ external_id: 'dup-1' })] });
    } finally {
      unregisterIngestHook('test-capture');
    }
    expect(seen).toHaveLength(1); // the duplicate is not handed on
    expect(seen[0]).toMatchObject({ agency_id: a.id, external_id: 'hook-1', service_id: cat.service, beneficiary_pid: hmac(a.id, '1012345678') });
    expect(seen[0].started_at).toBeInstanceOf(Date);
    expect(typeof seen[0].id).toBe('number');
    expect(JSON.stringify(seen[0])).not.toContain('1012345678');
  });

  it("rolls the batch back when a hook fails", async () => {
    registerIngestHook('test-fail', async () => {
      throw new Error('hook down');
    });
    try {
      expect((await post(interaction({ external_id: 'hook-fail' }))).status).toBe(500);
    } finally {
      unregisterIngestHook('test-fail');
    }
    const n = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM interactions WHERE external_id = 'hook-fail'`);
    expect(n[0].n).toBe(0);
  });

  it("does not let agency A's key write into agency B, and refuses viewers", async () => {
    expect((await post(interaction({ external_id: 'cross' }), keyA, `?agency=${b.slug}`)).status).toBe(404);
    const viewer = await t.createApiKey(a.id, 'viewer');
    expect((await post(interaction({ external_id: 'view' }), viewer)).status).toBe(403);
    expect((await t.request('POST', '/api/v1/interactions', { body: interaction() })).status).toBe(401);
  });
});
