import { agentsRequired, type StaffingTarget } from '@tajriba/erlang';
import type { PlannerQuery, StaffingPlan } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { getFirstCallDay, getIntervalHistory, getSchedule } from './contact-centre.queries.ts';
import { getContactCentreTargets } from './contact-centre.service.ts';

// Staffing planner: forecast offered calls per interval of one day from the same weekday in
// recent weeks, then Erlang C (@tajriba/erlang) for the agents each interval needs.

/** Week k back (1 = last week) weighs DECAY^(k−1): recent weeks count most. */
export const WEEK_WEIGHT_DECAY = 0.75;
/** Below this many answered calls an interval's own AHT is too noisy: the day's AHT is used. */
const MIN_ANSWERED_FOR_INTERVAL_AHT = 5;
/** The seed's contact-centre result: 97 % of calls answered, a 2-minute wait. */
const SEED_TARGET: StaffingTarget = { serviceLevel: 0.97, withinSeconds: 120 };

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Same weekday in the `weeks` weeks before `date`, skipping days before the first call on record. */
export function historyWeeks(date: string, weeks: number, firstDay: string) {
  const out: { date: string; weight: number }[] = [];
  for (let k = 1; k <= weeks; k++) {
    const d = addDays(date, -7 * k);
    if (d >= firstDay) out.push({ date: d, weight: WEEK_WEIGHT_DECAY ** (k - 1) });
  }
  return out;
}

/** Scheduled agents at each interval start: the latest schedule row at or before it that day. */
function scheduledAt(schedule: { minute: number; agents: number }[], minute: number): number | null {
  let v: number | null = null;
  for (const s of schedule) if (s.minute <= minute) v = s.agents;
  return v;
}

export async function planStaffing(db: Db, agency: AgencyRef, p: PlannerQuery): Promise<StaffingPlan> {
  const targets = getContactCentreTargets(agency);
  const target: StaffingTarget =
    p.target_asa !== undefined
      ? { asaSeconds: p.target_asa }
      : { serviceLevel: p.target_sl ?? targets.serviceLevel, withinSeconds: p.target_seconds ?? targets.serviceLevelSeconds };
  const shrinkage = p.shrinkage ?? 0.3;
  const maxOccupancy = p.max_occupancy ?? 0.85;
  const firstDay = await getFirstCallDay(db, agency.id);
  const weeks = firstDay ? historyWeeks(p.date, p.weeks, firstDay) : [];
  if (!weeks.length) throw new AppError('no_call_history', 422, 'cc_no_call_history', { field: 'date' });

  const history = await getIntervalHistory(db, agency.id, weeks.map((w) => w.date), p.interval, p.queue);
  const weightOf = new Map(weeks.map((w) => [w.date, w.weight]));
  const totalWeight = weeks.reduce((s, w) => s + w.weight, 0);
  const perInterval = new Map<number, { weighted: number; answered: number; handle: number }>();
  let dayAnswered = 0;
  let dayHandle = 0;
  for (const h of history) {
    const e = perInterval.get(h.minute) ?? { weighted: 0, answered: 0, handle: 0 };
    e.weighted += h.offered * weightOf.get(h.day)!;
    e.answered += h.answered;
    e.handle += h.sum_handle;
    perInterval.set(h.minute, e);
    dayAnswered += h.answered;
    dayHandle += h.sum_handle;
  }
  if (!dayAnswered) throw new AppError('no_call_history', 422, 'cc_no_call_history', { field: 'date' });
  const dayAht = dayHandle / dayAnswered;
  const schedule = await getSchedule(db, agency.id, p.date);
  const hours = p.interval / 60;

  const intervals: StaffingPlan['intervals'] = [];
  for (let minute = 0; minute < 1440; minute += p.interval) {
    const e = perInterval.get(minute);
    // A week with no call in this interval counts as zero calls, not as missing.
    const forecastCalls = (e?.weighted ?? 0) / totalWeight;
    const aht = e && e.answered >= MIN_ANSWERED_FOR_INTERVAL_AHT ? e.handle / e.answered : dayAht;
    const base = { callsPerInterval: forecastCalls, ahtSeconds: aht, intervalSeconds: p.interval * 60, shrinkage, maxOccupancy };
    const need = agentsRequired({ ...base, target });
    const seed = agentsRequired({ ...base, target: SEED_TARGET });
    const scheduled = schedule.length ? scheduledAt(schedule, minute) : null;
    intervals.push({
      start: hhmm(minute), forecastCalls, ahtSeconds: e ? aht : null, agents: need.agents,
      agentsWithShrinkage: need.agentsWithShrinkage, serviceLevel: need.serviceLevel,
      asaSeconds: Number.isFinite(need.asaSeconds) ? need.asaSeconds : 0, occupancy: need.occupancy,
      scheduled, gap: scheduled === null ? null : scheduled - need.agentsWithShrinkage,
      agentsFor97In120: seed.agentsWithShrinkage,
    });
  }
  const sum = (f: (i: (typeof intervals)[number]) => number) => intervals.reduce((s, i) => s + f(i), 0);
  const agentHoursRequired = sum((i) => i.agentsWithShrinkage) * hours;
  const agentHoursScheduled = schedule.length ? sum((i) => i.scheduled ?? 0) * hours : null;
  const seedHours = sum((i) => i.agentsFor97In120) * hours;
  return {
    date: p.date, intervalMinutes: p.interval, weeksUsed: weeks, target, shrinkage, maxOccupancy, intervals,
    summary: {
      forecastCalls: sum((i) => i.forecastCalls),
      agentHoursRequired,
      agentHoursScheduled,
      peakAgents: Math.max(...intervals.map((i) => i.agentsWithShrinkage)),
      for97In120: {
        agentHours: seedHours,
        peakAgents: Math.max(...intervals.map((i) => i.agentsFor97In120)),
        extraAgentHoursVsScheduled: agentHoursScheduled === null ? null : seedHours - agentHoursScheduled,
        extraAgentHoursVsTarget: seedHours - agentHoursRequired,
      },
    },
  };
}
