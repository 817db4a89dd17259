import type { CompareDimension } from '@tajriba/contracts';
import { SUPPRESSION_MIN_N } from '@tajriba/stats';
import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import { addTotals, compareRates, DASHBOARD_KPIS, emptyTotals, figureFor, kpiFigure, type Totals } from './kpis.ts';
import { groupLabel, loadDashboardContext, loadTotals, totalOf } from './measures.service.ts';
import { volumesOf } from './overview.service.ts';
import { getTargets, targetFor } from './targets.service.ts';

/** People in a group are at most its journeys (or its contacts when no journey started). */
const groupSize = (t: Totals) => (t.journeys > 0 ? t.journeys : t.contacts);

/**
 * Branches, providers (outsourced and in-house alike), services or channels side by side on
 * the same KPIs; each group is tested against the rest of the agency. Groups under 5 are left out.
 */
export async function getComparison(db: Db, agency: AgencyRef, q: { from: string; to: string; service?: string | null; dimension: CompareDimension }) {
  const ctx = await loadDashboardContext(db, agency, q.service);
  const targets = await getTargets(db, agency.id);
  const period = { from: q.from, to: q.to, serviceId: ctx.serviceId };
  const groups = (await loadTotals(db, agency, period, [q.dimension], ctx.costByChannelId)).get(q.dimension)!;
  const all = [...groups.values()].reduce((acc, t) => addTotals(acc, t), emptyTotals());
  const rows = [];
  let suppressedGroups = 0;
  for (const [g, totals] of groups) {
    if (groupSize(totals) < SUPPRESSION_MIN_N) {
      suppressedGroups++;
      continue;
    }
    const label = groupLabel(ctx, q.dimension, Number(g));
    const rest = subtractTotals(all, totals);
    const serviceCode = q.dimension === 'service' ? label.code : ctx.serviceCode;
    rows.push({
      ...label,
      volumes: volumesOf(totals),
      kpis: DASHBOARD_KPIS.map((kpi) => ({
        ...kpiFigure(kpi, totals, ctx.minN, targetFor(targets, kpi, serviceCode)),
        vs_rest: compareRates(kpi, totals, rest),
      })),
    });
  }
  rows.sort((a, b) => b.volumes.contacts - a.volumes.contacts);
  return { period: { from: q.from, to: q.to }, service: ctx.serviceCode, dimension: q.dimension, min_n: ctx.minN, rows, suppressed_groups: suppressedGroups };
}

function subtractTotals(all: Totals, part: Totals): Totals {
  const out = emptyTotals();
  for (const k of Object.keys(out) as (keyof Totals)[]) {
    if (k === 'cost') out.cost = all.cost === null || part.cost === null ? null : all.cost - part.cost;
    else out[k] = (all[k] as number) - (part[k] as number);
  }
  return out;
}

/** One period against a base period: each KPI in both, the difference, its test and 95 % CI. */
export async function getPeriodComparison(db: Db, agency: AgencyRef, q: { from: string; to: string; base_from: string; base_to: string; service?: string | null }) {
  const ctx = await loadDashboardContext(db, agency, q.service);
  const targets = await getTargets(db, agency.id);
  const cur = totalOf(await loadTotals(db, agency, { from: q.from, to: q.to, serviceId: ctx.serviceId }, ['all'], ctx.costByChannelId));
  const base = totalOf(await loadTotals(db, agency, { from: q.base_from, to: q.base_to, serviceId: ctx.serviceId }, ['all'], ctx.costByChannelId));
  return {
    period: { from: q.from, to: q.to }, base_period: { from: q.base_from, to: q.base_to }, service: ctx.serviceCode, min_n: ctx.minN,
    kpis: DASHBOARD_KPIS.map((kpi) => ({
      kpi,
      current: kpiFigure(kpi, cur, ctx.minN, targetFor(targets, kpi, ctx.serviceCode)),
      base: figureFor(kpi, base, ctx.minN),
      test: compareRates(kpi, cur, base),
    })),
  };
}
