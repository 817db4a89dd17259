import { agentsRequired } from '@tajriba/erlang';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Auth, type TestContext } from '../../../../../test/harness.ts';

let ctx: TestContext;
let auth: Auth;

// History for Sunday 2024-06-16: the 10:00–10:30 interval had 10 calls on 06-09 (last week,
// weight 1) and 20 on 06-02 (two weeks back, weight 0.75); nothing earlier. Every call is
// answered after 5 s and handled for 180 s.
function answeredCalls(day: string, n: number, prefix: string) {
  return Array.from({ length: n }, (_, i) => {
    const t = (s: number) => `${day}T10:${String(Math.floor((i * 60 + s) / 60)).padStart(2, '0')}:${String((i * 60 + s) % 60).padStart(2, '0')}`;
    return { call_id: `${prefix}${i}`, caller: `05500001${String(i).padStart(2, '0')}`, queue: 'q1', arrived_at: t(0), answered_at: t(5), ended_at: t(185), outcome: 'answered' };
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await ctx.createAgency('plan-a');
  auth = await ctx.createUser('plan@example.sa', [{ agencyId: a.id, role: 'supervisor' }]);
  const items = [...answeredCalls('2024-06-09', 10, 'w1-'), ...answeredCalls('2024-06-02', 20, 'w2-')];
  const res = await ctx.request('POST', '/api/v1/calls?agency=plan-a', { auth, body: { items } });
  expect(res.body.accepted).toBe(30);
  const schedule = 'date,interval_start,agents\n2024-06-16,08:00,4\n2024-06-16,10:00,2\n2024-06-16,12:00,0\n2024-06-16,25:00,3\n';
  const s = await ctx.request('POST', '/api/v1/contact-centre/schedule?agency=plan-a', { auth, raw: schedule, headers: { 'content-type': 'text/csv' } });
  expect(s.body).toMatchObject({ stored: 3, rejected: 1 });
  expect(s.body.errors[0]).toMatchObject({ row: 4, code: 'invalid_schedule_row' });
});
afterAll(() => ctx?.close());

describe('staffing planner', () => {
  it('forecasts from weighted weeks and sizes agents with Erlang C', async () => {
    const res = await ctx.request('GET', '/api/v1/contact-centre/planner?agency=plan-a&date=2024-06-16&interval=30&target_sl=0.8&target_seconds=20&shrinkage=0.3', { auth });
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p.weeksUsed).toEqual([{ date: '2024-06-09', weight: 1 }, { date: '2024-06-02', weight: 0.75 }]);
    expect(p.intervals).toHaveLength(48);
    const at10 = p.intervals.find((i: any) => i.start === '10:00');
    // Forecast (10·1 + 20·0.75)/1.75 = 14.2857 calls; AHT 180 s → A = 14.2857·180/1800 = 1.4286 Erl.
    expect(at10.forecastCalls).toBeCloseTo(25 / 1.75, 9);
    expect(at10.ahtSeconds).toBe(180);
    // By hand (Erlang B recursion): N=2 → C 0.595, SL(20 s) 0.441; N=3 → C 0.212, SL 0.822 ≥ 0.8.
    // 3 agents, ÷ (1 − 0.3) = 4.29 → 5 scheduled. For 97 % in 120 s: N=3 gives 0.926, N=4 0.988 → 4 → 6.
    expect([at10.agents, at10.agentsWithShrinkage, at10.agentsFor97In120]).toEqual([3, 5, 6]);
    expect(at10.serviceLevel).toBeCloseTo(0.822, 3);
    // The same figures as @tajriba/erlang gives for that load (the planner calls it, not a copy).
    const lib = agentsRequired({ callsPerInterval: 25 / 1.75, ahtSeconds: 180, intervalSeconds: 1800, target: { serviceLevel: 0.8, withinSeconds: 20 }, shrinkage: 0.3 });
    expect(at10.agentsWithShrinkage).toBe(lib.agentsWithShrinkage);
    expect(at10.occupancy).toBeCloseTo(lib.occupancy, 12);
    // Schedule is a step function: 08:00 → 4, 10:00 → 2, 12:00 → 0; before 08:00 nothing.
    expect(at10.scheduled).toBe(2);
    expect(at10.gap).toBe(-3);
    expect(p.intervals.find((i: any) => i.start === '07:30').scheduled).toBeNull();
    expect(p.intervals.find((i: any) => i.start === '09:30').scheduled).toBe(4);
    expect(p.intervals.find((i: any) => i.start === '09:30').agents).toBe(0);
    // Agent-hours: required 5 × 0.5 h; scheduled (4 slots × 4 + 4 slots × 2) × 0.5 h = 12 h; seed target 6 × 0.5 h.
    expect(p.summary).toMatchObject({ agentHoursRequired: 2.5, agentHoursScheduled: 12, peakAgents: 5 });
    expect(p.summary.for97In120).toMatchObject({ agentHours: 3, peakAgents: 6, extraAgentHoursVsTarget: 0.5, extraAgentHoursVsScheduled: -9 });
  });

  it('accepts an ASA target instead of a service level', async () => {
    const res = await ctx.request('GET', '/api/v1/contact-centre/planner?agency=plan-a&date=2024-06-16&target_asa=30&shrinkage=0', { auth });
    expect(res.body.target).toEqual({ asaSeconds: 30 });
    const at10 = res.body.intervals.find((i: any) => i.start === '10:00');
    expect(at10.asaSeconds).toBeLessThanOrEqual(30);
    // N=2: ASA = C·AHT/(N − A) = 0.595·180/0.571 = 187 s; N=3: 0.212·180/1.571 = 24.3 s ≤ 30.
    expect(at10.agents).toBe(3);
  });

  it('answers 422 without history and 400 for a bad target', async () => {
    expect((await ctx.request('GET', '/api/v1/contact-centre/planner?agency=plan-a&date=2024-06-02', { auth })).status).toBe(422);
    expect((await ctx.request('GET', '/api/v1/contact-centre/planner?agency=plan-a&date=2024-06-16&target_sl=1.5', { auth })).status).toBe(400);
  });
});
