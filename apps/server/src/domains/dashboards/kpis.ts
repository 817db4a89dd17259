import { KPI_DEFINITIONS, type Figure, type KpiCode, type KpiFigure, type Target, type TrafficLight } from '@tajriba/contracts';
import { rateWithFlags, SUPPRESSION_MIN_N, twoProportionTest } from '@tajriba/stats';

// KPI arithmetic over rollup totals: pure, no I/O (docs/metrics.md defines each figure).

/** Journey sums from the journey rollup. */
export interface JourneyTotals {
  journeys: number;
  j_completed: number;
  j_dropped: number;
  j_open: number;
  one_contact: number;
  digital_only: number;
  mostly_digital: number;
  loops: number;
  j_contacts: number;
  duration_sum_s: number;
}

/** Sums over rollup rows for one group (a service, a branch, a week, the whole agency…). */
export interface Totals extends JourneyTotals {
  contacts: number;
  abandoned: number;
  repeated: number;
  wait_sum: number;
  wait_n: number;
  /** Σ contacts × cost per contact of their channel; null when a used channel has no cost. */
  cost: number | null;
  answers: number;
  top2: number;
}

export const emptyTotals = (): Totals => ({
  contacts: 0, abandoned: 0, repeated: 0, wait_sum: 0, wait_n: 0, cost: 0, journeys: 0, j_completed: 0, j_dropped: 0,
  j_open: 0, one_contact: 0, digital_only: 0, mostly_digital: 0, loops: 0, j_contacts: 0, duration_sum_s: 0, answers: 0, top2: 0,
});

export function addTotals(into: Totals, t: Partial<Totals>) {
  for (const [k, v] of Object.entries(t) as [keyof Totals, number | null][]) {
    if (k === 'cost') into.cost = into.cost === null || v === null ? null : into.cost + v;
    else into[k] = (into[k] as number) + (v ?? 0);
  }
  return into;
}

/** The KPIs the journey/contact rollups yield (contact-centre KPIs come from their domain). */
export const DASHBOARD_KPIS = [
  'csat', 'completion_rate', 'fcr', 'repeat_contact_rate', 'digital_take_up', 'abandonment_rate',
  'cost_per_transaction', 'mean_wait_seconds', 'mean_journey_days',
] as const satisfies readonly KpiCode[];
export type DashboardKpi = (typeof DASHBOARD_KPIS)[number];

/** Numerator and denominator of each rate KPI. */
export function rateParts(kpi: DashboardKpi, t: Totals): [number, number] | null {
  switch (kpi) {
    case 'csat': return [t.top2, t.answers];
    case 'completion_rate': return [t.j_completed, t.j_completed + t.j_dropped];
    case 'fcr': return [t.one_contact, t.j_completed];
    case 'repeat_contact_rate': return [t.repeated, t.contacts];
    case 'digital_take_up': return [t.digital_only, t.j_completed];
    case 'abandonment_rate': return [t.abandoned, t.contacts];
    default: return null;
  }
}

/** A mean KPI: [sum, n] (value = sum / n). */
function meanParts(kpi: DashboardKpi, t: Totals): [number | null, number] {
  switch (kpi) {
    case 'cost_per_transaction': return [t.cost, t.j_completed];
    case 'mean_wait_seconds': return [t.wait_sum, t.wait_n];
    case 'mean_journey_days': return [t.duration_sum_s / 86_400, t.j_completed];
    default: return [null, 0];
  }
}

export function figureFor(kpi: DashboardKpi, t: Totals, minN: number): Figure {
  const parts = rateParts(kpi, t);
  if (parts) {
    const r = rateWithFlags(parts[0], parts[1], { minN });
    return { value: r.rate, n: r.n, low: r.low, high: r.high, low_n: r.lowN, suppressed: r.suppressed };
  }
  const [sum, n] = meanParts(kpi, t);
  const suppressed = n < SUPPRESSION_MIN_N;
  const value = suppressed || sum === null || n === 0 ? null : sum / n;
  return { value, n, low: null, high: null, low_n: n < minN, suppressed };
}

/**
 * Green meets the target; amber misses it by at most the tolerance; red misses by more.
 * A suppressed or missing figure has no light.
 */
export function trafficLight(value: number | null, t: Pick<Target, 'comparator' | 'target' | 'tolerance'> | null): TrafficLight {
  if (value === null || !t) return 'none';
  const miss = t.comparator === '>=' ? t.target - value : value - t.target;
  if (miss <= 0) return 'green';
  return miss <= t.tolerance + 1e-12 ? 'amber' : 'red';
}

/** How far a figure falls short of its target, relative to the target (0 when met). */
export function relativeGap(value: number | null, t: Pick<Target, 'comparator' | 'target'> | null): number {
  if (value === null || !t) return 0;
  const miss = t.comparator === '>=' ? t.target - value : value - t.target;
  if (miss <= 0) return 0;
  return t.target === 0 ? miss : miss / t.target;
}

export function kpiFigure(kpi: DashboardKpi, t: Totals, minN: number, target: Target | null): KpiFigure {
  const f = figureFor(kpi, t, minN);
  const tgt = target ? { comparator: target.comparator, target: target.target, tolerance: target.tolerance } : null;
  return { kpi, ...f, target: tgt, status: trafficLight(f.value, tgt) };
}

/** Two-proportion test between two groups (a period against its base, a branch against the rest). */
export function compareRates(kpi: DashboardKpi, a: Totals, b: Totals) {
  const pa = rateParts(kpi, a);
  const pb = rateParts(kpi, b);
  if (!pa || !pb || pa[1] < SUPPRESSION_MIN_N || pb[1] < SUPPRESSION_MIN_N) return null;
  const r = twoProportionTest(pa[0], pa[1], pb[0], pb[1]);
  return { diff: r.diff, z: r.z, p_value: r.pValue, significant: r.significant, ci_low: r.ciLow, ci_high: r.ciHigh };
}

export const kpiBetter = (kpi: KpiCode) => KPI_DEFINITIONS[kpi].better;
