import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { getAgencyById } from '../../http/agency-scope.ts';
import { assembleJourneys, DAY_MS, hasLoop, type JourneyContact } from './journey-engine.ts';
import { dayRuns, rebuildJourneysAndRollups } from './journeys.service.ts';
import { ingestFixture, seedFixtureCatalog } from './test-fixture.ts';

const H = 3_600_000;
const T0 = Date.parse('2024-03-01T07:00:00Z');
const contact = (hoursAfter: number, o: Partial<JourneyContact> = {}): JourneyContact => ({
  startedMs: T0 + hoursAfter * H, endedMs: null, outcome: 'failed', channelId: 1, category: 'traditional', branchId: 0,
  providerId: 0, stageId: 0, stagePosition: null, day: '2024-03-01', ...o,
});
const rules = (nowMs: number) => ({ repeatWindowDays: 7, maxSpanDays: 30, nowMs });

describe('journey engine', () => {
  it('keeps a contact exactly 7 × 24 h later in the journey and splits one a second later', () => {
    const same = assembleJourneys([contact(0), contact(168)], rules(T0 + 400 * DAY_MS));
    expect(same).toHaveLength(1);
    const split = assembleJourneys([contact(0), { ...contact(168), startedMs: T0 + 168 * H + 1000 }], rules(T0 + 400 * DAY_MS));
    expect(split.map((j) => j.contacts)).toEqual([1, 1]);
    expect(split.map((j) => j.status)).toEqual(['dropped', 'dropped']);
  });

  it('closes a journey after the 30-day span even when contacts keep coming every 6 days', () => {
    // Contacts on days 0, 6, …, 36: days 0–30 form one journey (6 contacts), days 36 the next.
    const cs = [0, 6, 12, 18, 24, 30, 36].map((d) => contact(d * 24));
    const js = assembleJourneys(cs, rules(T0 + 400 * DAY_MS));
    expect(js.map((j) => j.contacts)).toEqual([6, 1]);
  });

  it('is open while the last contact is under N days old, dropped after, completed on a completion', () => {
    const c = [contact(0)];
    expect(assembleJourneys(c, rules(T0 + 6 * DAY_MS))[0].status).toBe('open');
    expect(assembleJourneys(c, rules(T0 + 8 * DAY_MS))[0].status).toBe('dropped');
    const done = assembleJourneys([contact(0), contact(2, { outcome: 'completed', endedMs: T0 + 3 * H })], rules(T0 + DAY_MS));
    expect(done[0]).toMatchObject({ status: 'completed', resolvedMs: T0 + 3 * H, contacts: 2 });
  });

  it('counts the channel mix, the furthest stage, the last stage and the path', () => {
    const [j] = assembleJourneys([
      contact(0, { channelId: 3, category: 'digital', stageId: 11, stagePosition: 1 }),
      contact(1, { channelId: 2, category: 'voice', stageId: 12, stagePosition: 2 }),
      contact(2, { channelId: 2, category: 'voice' }),
    ], rules(T0 + 100 * DAY_MS));
    expect(j).toMatchObject({ traditional: 0, voice: 2, digital: 1, maxStagePosition: 2, lastStageId: 12, path: '11/3>12/2>0/2', hasLoop: false });
  });

  it('flags a revisited stage or a channel returned to as a loop', () => {
    expect(hasLoop([{ stageId: 1, channelId: 1 }, { stageId: 1, channelId: 1 }])).toBe(true);
    expect(hasLoop([{ stageId: 1, channelId: 1 }, { stageId: 2, channelId: 2 }, { stageId: 3, channelId: 1 }])).toBe(true);
    expect(hasLoop([{ stageId: 0, channelId: 1 }, { stageId: 0, channelId: 1 }, { stageId: 2, channelId: 2 }])).toBe(false);
  });

  it('merges day runs', () => {
    expect(dayRuns(['2024-03-05', '2024-03-01', '2024-03-02', '2024-03-09'])).toEqual([['2024-03-01', '2024-03-02'], ['2024-03-05', '2024-03-05'], ['2024-03-09', '2024-03-09']]);
    expect(dayRuns(['2024-03-01', '2024-03-04'], 2)).toEqual([['2024-03-01', '2024-03-04']]);
  });
});

describe('journeys and rollups from ingested interactions', () => {
  let t: TestContext;
  let key: Auth;
  let agencyId: number;
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const table of ['rollup_contacts_daily', 'rollup_stage_reason_daily', 'rollup_journeys_daily']) {
      out[table] = await t.db.query(`SELECT * FROM ${table} WHERE agency_id = $1 ORDER BY 1, 2, 3, 4, 5, 6`, [agencyId]);
    }
    out.journeys = await t.db.query(
      `SELECT beneficiary_pid, service_id, start_day::text, first_at, last_at, resolved_at, status, contacts, path, has_loop
         FROM journeys WHERE agency_id = $1 ORDER BY beneficiary_pid, service_id, first_at`, [agencyId]);
    return out;
  };

  beforeAll(async () => {
    t = await createTestContext();
    const a = await t.createAgency('alpha');
    agencyId = a.id;
    await seedFixtureCatalog(t, a.id);
    key = await t.createApiKey(a.id, 'analyst');
    await ingestFixture(t, key);
  });
  afterAll(() => t.close());

  it('assembles the hand-worked journeys, including the repeat that arrived late', async () => {
    const rows = await t.db.query<{ status: string; contacts: number; n: number }>(
      `SELECT status, contacts, count(*)::int AS n FROM journeys WHERE agency_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [agencyId]);
    // Completed: A×6 and D's second journey (1 contact), D's first (2), B×5 (3). Dropped: C×3, E×5 (1 contact).
    expect(rows).toEqual([
      { status: 'completed', contacts: 1, n: 7 }, { status: 'completed', contacts: 2, n: 1 },
      { status: 'completed', contacts: 3, n: 5 }, { status: 'dropped', contacts: 1, n: 8 },
    ]);
    const [b] = await t.db.query<{ start_day: string; secs: number; has_loop: boolean; max_stage_position: number }>(
      `SELECT start_day::text, extract(epoch FROM resolved_at - first_at)::int AS secs, has_loop, max_stage_position
         FROM journeys WHERE agency_id = $1 AND contacts = 3 LIMIT 1`, [agencyId]);
    // 03-10 09:00 → 03-14 09:30 = 4 days + 30 min; branch → phone → branch is a loop.
    expect(b).toEqual({ start_day: '2024-03-10', secs: 4 * 86400 + 1800, has_loop: true, max_stage_position: 3 });
  });

  it('rolls up contacts and repeats per day: 11 of 32 contacts were followed within 7 days', async () => {
    const [r] = await t.db.query<{ contacts: number; repeated: number; abandoned: number; wait: number }>(
      `SELECT sum(contacts)::int AS contacts, sum(repeated)::int AS repeated, sum(abandoned)::int AS abandoned, sum(wait_sum)::int AS wait
         FROM rollup_contacts_daily WHERE agency_id = $1`, [agencyId]);
    expect(r).toEqual({ contacts: 32, repeated: 11, abandoned: 5, wait: 600 });
    // D's 03-02 contact became a repeat only when the 03-04 one arrived in the second batch.
    const [d] = await t.db.query<{ repeated: number }>(`SELECT sum(repeated)::int AS repeated FROM rollup_contacts_daily WHERE agency_id = $1 AND day = '2024-03-02'`, [agencyId]);
    expect(d.repeated).toBe(1);
  });

  it('gives the same journeys and rollups when rebuilt from scratch or for a range', async () => {
    const incremental = await snapshot();
    const agency = (await getAgencyById(t.db, agencyId))!;
    await rebuildJourneysAndRollups(t.db, agency);
    expect(await snapshot()).toEqual(incremental);
    await rebuildJourneysAndRollups(t.db, agency, { from: '2024-03-10', to: '2024-03-14' });
    expect(await snapshot()).toEqual(incremental);
  });
});
