import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { fixtureItems } from './fixtures/fixture-items.ts';

// The 30 hand-timed calls of fixtures/calls-30.csv (agency time Asia/Riyadh = UTC+3).
// Period 2024-05-05 (Sunday) … 2024-05-06 (Monday), T = 20 s. Worked by hand:
//  out of period: C01 (05-04 23:59:59 local), C14 and C16 (05-12), C24 (21:00Z = 05-07 00:00 local).
//  in period (C02 is 21:00Z on 05-04 = 05-05 00:00 local; C23 arrives 05-06 23:59:59, answered next day):
//   answered (wait s / handle s): C02 20/100, C03 10/180, C04 21/120, C08 120/300, C09 121/120,
//     C10 5/300, C13 15/60, C15 0/30, C19 8/200, C20 12/90, C22 30/150, C23 10/60, C25 19/120,
//     C28 20.5/100, C30 45/240                                   → answered = 15
//   abandoned (waited): C05 90, C06 30 (no caller), C11 300, C12 600, C17 40, C21 50, C26 5,
//     C29 (no ended_at)                                          → abandoned = 8
//   ivr: C07, C18, C27                                           → ivrOnly = 3 (not offered)
//  offered = 23; answerRate = 15/23; abandonmentRate = 8/23
//  within 20 s (≤ T, C02 at exactly 20 counts; C04 21 and C28 20.5 do not): C02 C03 C10 C13 C15
//    C19 C20 C23 C25 = 9 → serviceLevel = 9/23
//  within 120 s: all answered but C09 (121) = 14 → 14/23
//  ASA = (20+10+21+120+121+5+15+0+8+12+30+10+19+20.5+45)/15 = 456.5/15 = 30.4333…
//  AHT = (100+180+120+300+120+300+60+30+200+90+150+60+120+100+240)/15 = 2170/15 = 144.666…
//  longest wait = C12, 600 s
//  repeat: denominator = offered with a caller = 23 − C06 = 22. Repeats: C02 (A calls again C19,
//    other queue), C05 (D calls again C22), C10 (G calls again C11, abandoned counts), C13 (R1 calls
//    again C14 at +7×24 h − 1 s). Not: C15 (C16 at +7×24 h + 1 s), C17 (next is IVR C18),
//    C20/C21 (same instant: not strictly after), C08 (E's IVR call was before) → 4/22.
let ctx: TestContext;
let admin: Auth;
const A = 'cc-a';

const kpis = (query: string) => ctx.request('GET', `/api/v1/contact-centre/kpis?agency=${A}&${query}`, { auth: admin });

beforeAll(async () => {
  ctx = await createTestContext();
  const agency = await ctx.createAgency(A);
  admin = await ctx.createUser('cc-admin@example.sa', [{ agencyId: agency.id, role: 'admin' }]);
  const res = await ctx.request('POST', `/api/v1/calls?agency=${A}`, { auth: admin, body: { items: fixtureItems() } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ accepted: 30, duplicates: 0, rejected: 0 });
});
afterAll(() => ctx?.close());

describe('contact-centre KPIs on the hand-timed fixture', () => {
  it('matches the hand-computed totals', async () => {
    const res = await kpis('from=2024-05-05&to=2024-05-06');
    expect(res.status).toBe(200);
    const t = res.body.totals;
    expect([t.offered, t.answered, t.abandoned, t.ivrOnly]).toEqual([23, 15, 8, 3]);
    expect(t.answerRate.rate).toBeCloseTo(15 / 23, 12);
    expect(t.answerRate.n).toBe(23);
    expect(t.abandonmentRate.rate).toBeCloseTo(8 / 23, 12);
    expect(t.serviceLevel.rate).toBeCloseTo(9 / 23, 12);
    expect(t.serviceLevelSeconds).toBe(20);
    expect(t.answeredWithin120.rate).toBeCloseTo(14 / 23, 12);
    expect(t.asaSeconds).toBeCloseTo(456.5 / 15, 9);
    expect(t.ahtSeconds).toBeCloseTo(2170 / 15, 9);
    expect(t.longestWaitSeconds).toBe(600);
    expect(t.repeatCallRate7d.rate).toBeCloseTo(4 / 22, 12);
    expect(t.repeatCallRate7d.n).toBe(22);
    // Wilson 95 % for 15/23 by hand: centre (0.652174 + 3.841459/46)/(1 + 3.841459/23) = 0.735684/1.167020
    // = 0.630396; half = 1.959964/1.167020 · √(0.652174·0.347826/23 + 3.841459/2116) = 1.679460 · 0.108066
    // = 0.181493 → [0.4489, 0.8119].
    expect(t.answerRate.low).toBeCloseTo(0.4489, 4);
    expect(t.answerRate.high).toBeCloseTo(0.8119, 4);
  });

  it('uses raw calls for a T that is not rolled up, and the rollup for one that is', async () => {
    // within 25 s: the 9 above + C04 (21) + C28 (20.5) = 11; within 30 s: + C22 (30) = 12.
    expect((await kpis('from=2024-05-05&to=2024-05-06&sl_seconds=25')).body.totals.serviceLevel.rate).toBeCloseTo(11 / 23, 12);
    expect((await kpis('from=2024-05-05&to=2024-05-06&sl_seconds=30')).body.totals.serviceLevel.rate).toBeCloseTo(12 / 23, 12);
  });

  it('groups by day, queue, 15-minute interval, hour and weekday in agency time', async () => {
    const byDay = (await kpis('from=2024-05-05&to=2024-05-06&group_by=day')).body.groups;
    // 05-05: offered 14 (answered 9, abandoned 5), ivr 2; 05-06: offered 9 (6, 3), ivr 1.
    expect(byDay.map((g: any) => [g.key[0], g.offered, g.answered, g.abandoned, g.ivrOnly])).toEqual([
      ['2024-05-05', 14, 9, 5, 2],
      ['2024-05-06', 9, 6, 3, 1],
    ]);
    const byQueue = (await kpis('from=2024-05-05&to=2024-05-06&group_by=queue')).body.groups;
    // IVR-only calls have no queue ('').
    expect(byQueue.map((g: any) => [g.key[0], g.offered, g.ivrOnly])).toEqual([['', 0, 3], ['q1', 14, 0], ['q2', 9, 0]]);
    const q15 = (await kpis('from=2024-05-05&to=2024-05-05&group_by=interval15')).body.groups;
    const at = (k: string) => q15.find((g: any) => g.key[0] === k);
    // 08:00–08:15: C03 (10 s), C04 (21 s) answered, C05 and C06 abandoned → SL 1/4.
    expect(at('2024-05-05T08:00')).toMatchObject({ offered: 4, answered: 2, abandoned: 2 });
    expect(at('2024-05-05T08:00').serviceLevel.rate).toBe(0.25);
    expect(at('2024-05-05T08:15')).toMatchObject({ offered: 0, ivrOnly: 1 });
    expect(at('2024-05-05T08:30')).toMatchObject({ offered: 2, answered: 2 });
    expect(at('2024-05-05T00:00')).toMatchObject({ offered: 1, answered: 1 }); // C02 given in UTC
    const byHour = (await kpis('from=2024-05-05&to=2024-05-06&group_by=hour')).body.groups;
    expect(byHour.find((g: any) => g.key[0] === '08')).toMatchObject({ offered: 6, ivrOnly: 1 });
    const byWeekday = (await kpis('from=2024-05-05&to=2024-05-06&group_by=weekday')).body.groups;
    expect(byWeekday.map((g: any) => [g.key[0], g.offered])).toEqual([['0', 14], ['1', 9]]);
  });

  it('filters by queue; the repeat call may be in any queue', async () => {
    const t = (await kpis('from=2024-05-05&to=2024-05-06&queue=q2')).body.totals;
    // q2: C08 C09 C10 C19 answered, C11 C17 C21 C26 C29 abandoned; repeats: C10 only → 1/9.
    expect([t.offered, t.answered, t.abandoned]).toEqual([9, 4, 5]);
    expect(t.repeatCallRate7d.rate).toBeCloseTo(1 / 9, 12);
  });

  it('reads T and targets from the agency settings and sets the traffic lights', async () => {
    await ctx.db.query(`UPDATE agencies SET settings = '{"sl_seconds": 30, "targets": {"answerRate": 0.6}}' WHERE slug = $1`, [A]);
    const r = (await kpis('from=2024-05-05&to=2024-05-06')).body;
    await ctx.db.query(`UPDATE agencies SET settings = '{}' WHERE slug = $1`, [A]);
    // T = 30 s → 12/23 = 0.5217 (< 0.8 − 0.05: red); answer rate 0.652 ≥ 0.6 green; ASA 30.4 s ≤ 120 green.
    expect(r.totals.serviceLevelSeconds).toBe(30);
    expect(r.totals.serviceLevel.rate).toBeCloseTo(12 / 23, 12);
    expect(r.targets).toEqual({ answerRate: 0.6, serviceLevel: 0.8, asaSeconds: 120, serviceLevelSeconds: 30 });
    expect(r.lights).toEqual({ answerRate: 'green', serviceLevel: 'red', asaSeconds: 'green' });
  });

  it('documents its endpoints in the OpenAPI file', async () => {
    const doc = (await ctx.request('GET', '/api/v1/openapi.json')).body;
    for (const path of ['/api/v1/calls', '/api/v1/imports/calls', '/api/v1/contact-centre/kpis', '/api/v1/contact-centre/heatmap', '/api/v1/contact-centre/planner', '/api/v1/contact-centre/schedule']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('refuses a reversed period and an unknown grouping with 400', async () => {
    expect((await kpis('from=2024-05-06&to=2024-05-05')).status).toBe(400);
    expect((await kpis('from=2024-05-05&to=2024-05-06&group_by=month')).status).toBe(400);
  });

  it('answers nulls, not NaN, for an empty period', async () => {
    const t = (await kpis('from=2023-01-01&to=2023-01-31')).body.totals;
    expect(t).toMatchObject({ offered: 0, asaSeconds: null, ahtSeconds: null, longestWaitSeconds: null });
    expect(t.answerRate.rate).toBeNull();
  });
});
