import type { Target } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import { compareRates, DASHBOARD_KPIS, figureFor, kpiFigure, relativeGap, type DashboardKpi, type Totals } from './kpis.ts';
import {
  groupLabel, loadDashboardContext, loadTotals, previousPeriod, totalOf, trendBucket, type DashboardContext,
} from './measures.service.ts';
import { getTargets, targetFor } from './targets.service.ts';

const HURT_DIMENSIONS = ['service', 'branch', 'provider'] as const;
const HURT_LIMIT = 10;

/**
 * The executive overview: each KPI against its target with the previous period, the trend
 * and n; and where it hurts most (groups ranked by relative gap to target × volume).
 */
export async function getOverview(db: Db, agency: AgencyRef, q: { from: string; to: string; service?: string | null }) {
  const ctx = await loadDashboardContext(db, agency, q.service);
  const targets = await getTargets(db, agency.id);
  const period = { from: q.from, to: q.to, serviceId: ctx.serviceId };
  const base = { ...previousPeriod(q.from, q.to), serviceId: ctx.serviceId };
  const bucket = trendBucket(q.from, q.to);
  const now = await loadTotals(db, agency, period, ['all', bucket, ...HURT_DIMENSIONS], ctx.costByChannelId);
  const current = totalOf(now);
  const previous = totalOf(await loadTotals(db, agency, base, ['all'], ctx.costByChannelId));
  const trend = now.get(bucket)!;
  const byDim = HURT_DIMENSIONS.map((d) => now.get(d)!);
  const buckets = [...trend.keys()].sort();
  const kpis = DASHBOARD_KPIS.map((kpi) => ({
    ...kpiFigure(kpi, current, ctx.minN, targetFor(targets, kpi, ctx.serviceCode)),
    previous: figureFor(kpi, previous, ctx.minN),
    change: compareRates(kpi, current, previous),
    trend: buckets.map((b) => ({ bucket: b, ...figureFor(kpi, trend.get(b)!, ctx.minN) })),
  }));
  return {
    agency: { slug: agency.slug, name_ar: agency.name_ar, name_en: agency.name_en, timezone: agency.timezone },
    period: { from: q.from, to: q.to }, base_period: { from: base.from, to: base.to },
    service: ctx.serviceCode, min_n: ctx.minN, repeat_window_days: ctx.repeatWindowDays, trend_bucket: bucket,
    volumes: volumesOf(current),
    kpis,
    hurts: rankHurts(ctx, targets, byDim),
  };
}

export const volumesOf = (t: Totals) => ({
  contacts: t.contacts, journeys: t.journeys, completed: t.j_completed, dropped: t.j_dropped, open: t.j_open, answers: t.answers,
});

/** Every (group, KPI) that misses its target, scored by relative gap × the KPI's n. */
function rankHurts(ctx: DashboardContext, targets: Target[], byDim: Map<string, Totals>[]) {
  const out = [];
  for (const [i, dim] of HURT_DIMENSIONS.entries()) {
    for (const [g, totals] of byDim[i]) {
      const id = Number(g);
      if (dim === 'branch' && id === 0) continue; // contacts away from any branch are no branch's failing
      const label = groupLabel(ctx, dim, id);
      for (const kpi of DASHBOARD_KPIS) {
        const target = targetFor(targets, kpi, dim === 'service' ? label.code : ctx.serviceCode);
        const f = figureFor(kpi as DashboardKpi, totals, ctx.minN);
        const gap = f.suppressed ? 0 : relativeGap(f.value, target);
        if (gap <= 0 || !target) continue;
        out.push({
          dimension: dim, ...label, kpi, value: f.value, n: f.n, low_n: f.low_n, target: target.target,
          comparator: target.comparator, gap, score: gap * f.n,
        });
      }
    }
  }
  return out.sort((a, b) => b.score - a.score).slice(0, HURT_LIMIT);
}
