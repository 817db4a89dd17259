import type { Rng } from '../../lib/random.ts';

// Realistic synthetic call records for the demo and the benchmark: Sunday–Thursday peaks, a
// simulated agent pool (so under-staffed intervals really lose service level) and callers who
// hang up when their patience runs out — abandonment rises with the wait — and often call back.

export const DEMO_QUEUES = [
  { queue: 'LAB-COMPLAINT', weight: 45 },
  { queue: 'WORK-PERMIT', weight: 35 },
  { queue: 'SOC-SECURITY', weight: 20 },
] as const;

const MIN = 60_000;
const DAY = 86_400_000;
// Relative arrivals per local hour (0–23) on a working day (Sun–Thu): morning peak, dip at noon prayer.
const HOURLY = [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.9, 2.2, 3.2, 3.4, 3.0, 2.2, 2.5, 2.4, 1.8, 1.3, 1.0, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];
const WEEKDAY_FACTOR = [1.25, 1.1, 1.0, 1.0, 0.95, 0.3, 0.4]; // Sunday … Saturday

export interface CallGenOptions {
  rng: Rng;
  /** Local midnight (UTC ms) of the first day, and the agency's fixed UTC offset. */
  firstDayMs: number;
  days: number;
  offsetMs: number;
  /** Offered calls on an average working day. */
  callsPerWorkingDay: number;
  /** No call arrives after this instant (the demo's "now"). */
  untilMs?: number;
  callerPool?: number;
}

export interface GeneratedCall {
  call_id: string;
  caller: string;
  queue: string;
  arrived_at: string;
  answered_at: string;
  ended_at: string;
  outcome: 'answered' | 'abandoned' | 'ivr';
  agent_id: string;
}

/** Agents the centre puts on the phones in a local 15-minute slot (sized from the expected load, with known gaps). */
export function plannedAgents(callsPerWorkingDay: number, weekday: number, minuteOfDay: number, dayIndex: number): number {
  const hour = Math.floor(minuteOfDay / 60);
  const share = HOURLY[hour] / HOURLY.reduce((a, b) => a + b, 0);
  const load = (callsPerWorkingDay * WEEKDAY_FACTOR[weekday] * share * 240) / 3600; // Erlangs at 240 s AHT
  let agents = Math.ceil(load * 1.15 + 1);
  if (weekday === 0 && hour >= 9 && hour < 11) agents = Math.floor(agents * 0.7); // Sunday morning crunch
  if (minuteOfDay >= 12 * 60 && minuteOfDay < 13 * 60) agents = Math.floor(agents * 0.75); // prayer/lunch gap
  if (dayIndex < 30) agents = Math.floor(agents * 0.85); // the first month was short-staffed
  return Math.max(1, agents);
}

/** One local day's calls, in arrival order, simulated through the agent pool. */
function* simulateDay(o: CallGenOptions, dayIndex: number, seq: { n: number }): Generator<GeneratedCall> {
  const { rng } = o;
  const dayStart = o.firstDayMs + dayIndex * DAY;
  const weekday = new Date(dayStart + o.offsetMs).getUTCDay();
  const pool = o.callerPool ?? 60_000;
  const arrivals: { at: number; caller: string; retry: boolean }[] = [];
  const perHourTotal = HOURLY.reduce((a, b) => a + b, 0);
  for (let h = 0; h < 24; h++) {
    const expected = (o.callsPerWorkingDay * WEEKDAY_FACTOR[weekday] * HOURLY[h]) / perHourTotal / 0.85; // + IVR-only
    const n = Math.max(0, Math.round(expected + Math.sqrt(expected) * (rng.next() * 2 - 1)));
    for (let i = 0; i < n; i++) arrivals.push({ at: dayStart + h * 3_600_000 + rng.int(3_600_000), caller: rng.chance(0.05) ? '' : `05${String(10_000_000 + rng.int(pool)).padStart(8, '0')}`, retry: false });
  }
  arrivals.sort((a, b) => a.at - b.at);
  const freeAt: number[] = [];
  const retries: typeof arrivals = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  let i = 0;
  while (i < arrivals.length || retries.length) {
    const next = retries.length && (i >= arrivals.length || retries[0].at < arrivals[i].at) ? retries.shift()! : arrivals[i++];
    if (next.at >= dayStart + DAY || (o.untilMs !== undefined && next.at > o.untilMs)) continue;
    const id = `CC${String(++seq.n).padStart(9, '0')}`;
    const queue = DEMO_QUEUES[rng.weighted(DEMO_QUEUES.map((q) => q.weight))].queue;
    const base = { call_id: id, caller: next.caller, arrived_at: iso(next.at), agent_id: '' };
    if (!next.retry && rng.chance(0.15)) {
      yield { ...base, queue: '', answered_at: '', ended_at: iso(next.at + 30_000 + rng.int(150_000)), outcome: 'ivr' };
      continue;
    }
    const minute = Math.floor((next.at - dayStart) / MIN);
    const staff = plannedAgents(o.callsPerWorkingDay, weekday, minute - (minute % 15), dayIndex);
    while (freeAt.length < staff) freeAt.push(0);
    let agent = 0;
    for (let a = 1; a < staff; a++) if (freeAt[a] < freeAt[agent]) agent = a;
    const answerAt = Math.max(next.at + 2_000 + rng.int(6_000), freeAt[agent]);
    const patience = rng.logNormal(110_000, 0.9);
    if (answerAt - next.at > patience) {
      yield { ...base, queue, answered_at: '', ended_at: iso(next.at + Math.round(patience)), outcome: 'abandoned' };
      // Many who hang up call back within the hour.
      if (next.caller && rng.chance(0.45)) {
        const at = next.at + Math.round(patience) + 5 * MIN + rng.int(55 * MIN);
        const k = retries.findIndex((r) => r.at > at);
        retries.splice(k < 0 ? retries.length : k, 0, { at, caller: next.caller, retry: true });
      }
      continue;
    }
    const handle = Math.round(rng.logNormal(230_000, 0.5));
    freeAt[agent] = answerAt + handle + 10_000; // wrap-up
    yield { ...base, queue, answered_at: iso(answerAt), ended_at: iso(answerAt + handle), outcome: 'answered', agent_id: `AGT-${agent + 1}` };
  }
}

/** Every day's calls, day by day (each day in arrival order). */
export function* generateCalls(o: CallGenOptions): Generator<GeneratedCall> {
  const seq = { n: 0 };
  for (let d = 0; d < o.days; d++) yield* simulateDay(o, d, seq);
}
