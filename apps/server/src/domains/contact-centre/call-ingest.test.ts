import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_PSEUDONYM_KEY, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { drainJobs } from '../../jobs/jobs.ts';
import { pseudonymize } from '../../lib/pseudonym.ts';
import { getAgencyBySlug } from '../../http/agency-scope.ts';
import { importCallsFile } from './call-import.ts';
import { CALLS_FIXTURE, fixtureItems } from './fixtures/fixture-items.ts';

let ctx: TestContext;
let adminA: Auth;
let adminB: Auth;
let agencyA: { id: number; slug: string };
const dir = mkdtempSync(join(tmpdir(), 'tajriba-calls-'));

const post = (items: unknown[], auth = adminA, slug = 'calls-a') =>
  ctx.request('POST', `/api/v1/calls?agency=${slug}`, { auth, body: { items } });
const call = (over: Record<string, string>) => ({
  call_id: 'X', caller: '0551112222', queue: 'q1', arrived_at: '2024-06-02T10:00:00',
  answered_at: '2024-06-02T10:00:10', ended_at: '2024-06-02T10:02:00', outcome: 'answered', ...over,
});

beforeAll(async () => {
  ctx = await createTestContext();
  agencyA = await ctx.createAgency('calls-a');
  const b = await ctx.createAgency('calls-b');
  adminA = await ctx.createUser('a@calls.sa', [{ agencyId: agencyA.id, role: 'admin' }]);
  adminB = await ctx.createUser('b@calls.sa', [{ agencyId: b.id, role: 'admin' }]);
  // Catalog of A: a voice channel and a service whose code is the queue name (queue default).
  await ctx.db.query(`INSERT INTO channels (agency_id, code, name_ar, name_en, category) VALUES ($1, 'branch', 'فرع', 'Branch', 'traditional'), ($1, 'call-centre', 'مركز الاتصال', 'Call centre', 'voice')`, [agencyA.id]);
  await ctx.db.query(`INSERT INTO services (agency_id, code, name_ar, name_en) VALUES ($1, 'q1', 'خدمة ١', 'Service 1'), ($1, 'permits', 'تصاريح', 'Permits')`, [agencyA.id]);
});
afterAll(() => ctx?.close());

describe('call-record row errors', () => {
  it('rejects each broken row with its code, row and field, and keeps the good ones', async () => {
    const res = await post([
      call({ call_id: 'ok-1' }),
      call({ call_id: 'e-2', answered_at: '' }), // answered without answered_at
      call({ call_id: 'e-3', ended_at: '2024-06-02T09:59:00', answered_at: '', outcome: 'abandoned' }), // ended before arrived
      call({ call_id: 'e-4', outcome: 'transferred' }), // unknown outcome
      call({ call_id: 'e-5', answered_at: '2024-06-02T09:59:59' }), // answered before arrived
      call({ call_id: 'e-6', outcome: 'abandoned' }), // abandoned with answered_at
      call({ call_id: 'e-7', ended_at: '' }), // answered without ended_at
      call({ call_id: 'e-8', arrived_at: '02/06/2024 10:00' }), // not ISO 8601
      call({ call_id: '' }),
      call({ call_id: 'e-10', queue: '' }), // offered call without a queue
      call({ call_id: 'e-11', service: 'nope' }),
      call({ call_id: 'ok-1' }), // same call twice in one batch
      call({ call_id: 'e-13', ended_at: '2024-06-02T10:00:05' }), // ended before answered
      call({ call_id: 'ok-14', queue: '', outcome: 'ivr', answered_at: '' }), // IVR-only needs no queue
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 12 });
    expect(res.body.errors.map((e: any) => [e.row, e.code, e.field])).toEqual([
      [2, 'answered_at_required', 'answered_at'],
      [3, 'ended_before_arrived', 'ended_at'],
      [4, 'invalid_call_outcome', 'outcome'],
      [5, 'answered_before_arrived', 'answered_at'],
      [6, 'answered_at_not_allowed', 'answered_at'],
      [7, 'ended_at_required', 'ended_at'],
      [8, 'invalid_timestamp', 'arrived_at'],
      [9, 'missing_field', 'call_id'],
      [10, 'queue_required', 'queue'],
      [11, 'unknown_service', 'service'],
      [12, 'duplicate_in_batch', 'call_id'],
      [13, 'ended_before_answered', 'ended_at'],
    ]);
    for (const e of res.body.errors) { expect(e.message_ar).toMatch(/[\u0600-\u06FF]/); expect(e.message_en).not.toContain('ingest_'); }
    expect(res.body.errors[2].message_en).toContain('"transferred"');
  });

  it('refuses a batch of more than 10,000 with 413', async () => {
    const res = await post(Array.from({ length: 10_001 }, (_, i) => call({ call_id: `big-${i}` })));
    expect(res.status).toBe(413);
  });
});

describe('calls become voice interactions', () => {
  it('stores pseudonyms only and one interaction per call with a caller and a service', async () => {
    const res = await post([
      call({ call_id: 'v-1', caller: '0551234567', agent_id: 'EMP-9' }),
      call({ call_id: 'v-2', caller: '', outcome: 'abandoned', answered_at: '' }), // no caller: no interaction
      call({ call_id: 'v-3', queue: 'q9' }), // queue without a same-code service: no interaction
      call({ call_id: 'v-4', queue: 'q9', service: 'permits', outcome: 'abandoned', answered_at: '' }),
      call({ call_id: 'v-5', queue: '', outcome: 'ivr', answered_at: '', service: 'permits' }),
    ]);
    expect(res.body).toMatchObject({ accepted: 5, rejected: 0 });
    expect(res.body.drop_reasons).toMatchObject({ call_interaction_no_caller: 1, call_interaction_no_service: 1 });
    const stored = await ctx.db.query<any>(`SELECT call_id, caller_pid, agent_pid FROM calls WHERE agency_id = $1 AND call_id = 'v-1'`, [agencyA.id]);
    expect(stored[0].caller_pid).toBe(pseudonymize(TEST_PSEUDONYM_KEY, agencyA.id, '+966551234567'));
    expect(JSON.stringify(stored)).not.toContain('551234567');
    expect(stored[0].agent_pid).toBe(pseudonymize(TEST_PSEUDONYM_KEY, agencyA.id, 'EMP-9'));
    const inter = await ctx.db.query<any>(
      `SELECT i.external_id, i.outcome, i.wait_seconds, c.code AS channel, s.code AS service
         FROM interactions i JOIN channels c ON c.agency_id = i.agency_id AND c.id = i.channel_id
         JOIN services s ON s.agency_id = i.agency_id AND s.id = i.service_id
        WHERE i.agency_id = $1 AND i.source = 'calls' AND i.external_id LIKE 'v-%' ORDER BY 1`,
      [agencyA.id],
    );
    // answered → completed, abandoned → abandoned, ivr → completed (self-service).
    expect(inter).toEqual([
      { external_id: 'v-1', outcome: 'completed', wait_seconds: 10, channel: 'call-centre', service: 'q1' },
      { external_id: 'v-4', outcome: 'abandoned', wait_seconds: 120, channel: 'call-centre', service: 'permits' },
      { external_id: 'v-5', outcome: 'completed', wait_seconds: null, channel: 'call-centre', service: 'permits' },
    ]);
  });
});

describe('idempotency and tenant isolation', () => {
  it('imports the fixture file once; a rerun and the API count duplicates only', async () => {
    const path = join(dir, 'calls.csv');
    copyFileSync(CALLS_FIXTURE, path);
    const agency = (await getAgencyBySlug(ctx.db, 'calls-a'))!;
    const first = await importCallsFile(ctx.services, agency, path);
    expect(first).toMatchObject({ status: 'done', accepted: 30, duplicates: 0, rejected: 0 });
    const again = await importCallsFile(ctx.services, agency, path, { batchSize: 7 });
    expect(again).toMatchObject({ accepted: 0, duplicates: 30 });
    const api = await post(fixtureItems());
    expect(api.body).toMatchObject({ accepted: 0, duplicates: 30 });
    const [{ n }] = await ctx.db.query<any>(`SELECT count(*)::int AS n FROM calls WHERE agency_id = $1 AND call_id LIKE 'C%'`, [agencyA.id]);
    expect(n).toBe(30);
    // Rollup = raw: 23 offered in the period, counted once.
    const k = await ctx.request('GET', '/api/v1/contact-centre/kpis?agency=calls-a&from=2024-05-05&to=2024-05-06', { auth: adminA });
    expect(k.body.totals.offered).toBe(23);
  });

  it('an import killed after its second batch resumes to exactly one clean import (rollup included)', async () => {
    const c = await ctx.createAgency('calls-c');
    const agency = (await getAgencyBySlug(ctx.db, 'calls-c'))!;
    const path = join(dir, 'calls-crash.csv');
    copyFileSync(CALLS_FIXTURE, path);
    const crash = () => importCallsFile(ctx.services, agency, path, { batchSize: 7, afterBatchCommitted: (n) => { if (n === 2) throw new Error('killed'); } });
    await expect(crash()).rejects.toThrow('killed');
    const [{ n: half }] = await ctx.db.query<any>('SELECT count(*)::int AS n FROM calls WHERE agency_id = $1', [c.id]);
    expect(half).toBe(14);
    const done = await importCallsFile(ctx.services, agency, path, { batchSize: 7 });
    expect(done).toMatchObject({ status: 'done', accepted: 30, duplicates: 0 });
    const [{ offered }] = await ctx.db.query<any>(
      `SELECT sum(offered)::int AS offered FROM call_intervals WHERE agency_id = $1 AND day BETWEEN '2024-05-05' AND '2024-05-06'`, [c.id]);
    expect(offered).toBe(23);
  });

  it('an upload is imported by the job', async () => {
    const csv = 'call_id,caller,queue,arrived_at,answered_at,ended_at,outcome\nU1,0500000001,q1,2024-07-01T09:00:00,,2024-07-01T09:01:00,abandoned\n';
    const res = await ctx.request('POST', '/api/v1/imports/calls?agency=calls-a', { auth: adminA, raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(202);
    await drainJobs(ctx.services);
    const run = await ctx.request('GET', `/api/v1/imports/${res.body.import_id}?agency=calls-a`, { auth: adminA });
    expect(run.body).toMatchObject({ kind: 'calls', status: 'done', accepted: 1 });
  });

  it('never shows or accepts another agency’s calls', async () => {
    const b = await ctx.request('GET', '/api/v1/contact-centre/kpis?agency=calls-b&from=2024-05-05&to=2024-05-06', { auth: adminB });
    expect(b.body.totals.offered).toBe(0);
    for (const path of ['/api/v1/contact-centre/kpis?agency=calls-a&from=2024-05-05&to=2024-05-06', '/api/v1/contact-centre/heatmap?agency=calls-a&from=2024-05-05&to=2024-05-06', '/api/v1/contact-centre/planner?agency=calls-a&date=2024-05-12']) {
      expect((await ctx.request('GET', path, { auth: adminB })).status).toBe(404);
    }
    expect((await post([call({ call_id: 'intruder' })], adminB, 'calls-a')).status).toBe(404);
    const keyB = await ctx.createApiKey((await getAgencyBySlug(ctx.db, 'calls-b'))!.id, 'supervisor');
    const viaKey = await ctx.request('POST', '/api/v1/calls', { auth: keyB, body: call({ call_id: 'C02' }) });
    expect(viaKey.body).toMatchObject({ accepted: 1, duplicates: 0 }); // its own namespace of call ids
  });
});

describe('properties on random call sets (real database path)', () => {
  it('rates stay in [0, 1] and offered = answered + abandoned', async () => {
    const base = Date.parse('2024-08-04T05:00:00Z');
    const callArb = fc.record({
      outcome: fc.constantFrom('answered', 'abandoned', 'ivr'),
      arriveMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
      wait: fc.integer({ min: 0, max: 400 }),
      handle: fc.integer({ min: 1, max: 900 }),
      caller: fc.integer({ min: 0, max: 6 }),
      queue: fc.constantFrom('p1', 'p2'),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(callArb, { maxLength: 25 }), async (calls) => {
        const slug = `prop-${run++}`;
        const agency = await ctx.createAgency(slug);
        const auth = await ctx.createApiKey(agency.id, 'analyst');
        const iso = (ms: number) => new Date(ms).toISOString();
        const items = calls.map((c, i) => {
          const arrived = base + c.arriveMin * 60_000;
          const answered = c.outcome === 'answered' ? arrived + c.wait * 1000 : null;
          return {
            call_id: `p${i}`, caller: c.caller ? `05000000${c.caller}0` : '', queue: c.queue, arrived_at: iso(arrived),
            answered_at: answered ? iso(answered) : '', ended_at: iso((answered ?? arrived + c.wait * 1000) + (answered ? c.handle * 1000 : 0)), outcome: c.outcome,
          };
        });
        const ins = await ctx.request('POST', '/api/v1/calls', { auth, body: { items } });
        expect(ins.body.accepted).toBe(calls.length);
        for (const group of ['', '&group_by=interval15', '&group_by=queue&sl_seconds=33']) {
          const k = await ctx.request('GET', `/api/v1/contact-centre/kpis?from=2024-08-03&to=2024-08-08${group}`, { auth });
          for (const g of [k.body.totals, ...k.body.groups]) {
            expect(g.offered).toBe(g.answered + g.abandoned);
            for (const r of [g.answerRate, g.abandonmentRate, g.serviceLevel, g.answeredWithin120, g.repeatCallRate7d]) {
              if (r.rate !== null) expect(r.rate >= 0 && r.rate <= 1).toBe(true);
              expect(r.low >= 0 && r.high <= 1 && r.low <= r.high).toBe(true);
            }
          }
          expect(k.body.totals.offered).toBe(calls.filter((c) => c.outcome !== 'ivr').length);
        }
      }),
      { numRuns: 12, seed: 6006 },
    );
  });
});
