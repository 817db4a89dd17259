import { SUPPRESSION_MIN_N } from '@tajriba/stats';
import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import { DASHBOARD_KPIS, figureFor, kpiFigure, type Totals } from './kpis.ts';
import { getStageReasonMeasures } from './measures.queries.ts';
import { groupLabel, loadDashboardContext, loadTotals, totalOf, type DashboardContext } from './measures.service.ts';
import { getJourneySatisfaction, getSatisfactionByStage } from './satisfaction.queries.ts';
import { getJourneyStageCounts, getTopVariants } from './service-view.queries.ts';
import { getTargets, targetFor } from './targets.service.ts';
import { volumesOf } from './overview.service.ts';

const VARIANT_LIMIT = 15;
const HOTSPOT_LIMIT = 15;

/** Journey map, emotion curve, drop-off funnel, variants and repeat hotspots of one service. */
export async function getServiceView(db: Db, agency: AgencyRef, q: { from: string; to: string; service: string }) {
  const ctx = await loadDashboardContext(db, agency, q.service);
  const serviceId = ctx.serviceId!;
  const targets = await getTargets(db, agency.id);
  const period = { from: q.from, to: q.to, serviceId };
  const measures = await loadTotals(db, agency, period, ['all', 'channel', 'branch', 'provider'], ctx.costByChannelId);
  const [byChannel, byBranch, byProvider] = (['channel', 'branch', 'provider'] as const).map((d) => measures.get(d)!);
  const [stageReason, stageCounts, variants, satisfaction, journeySat] = await Promise.all([
    getStageReasonMeasures(db, agency.id, period),
    getJourneyStageCounts(db, agency.id, serviceId, q.from, q.to),
    getTopVariants(db, agency.id, serviceId, q.from, q.to, VARIANT_LIMIT),
    getSatisfactionByStage(db, agency, period),
    getJourneySatisfaction(db, agency, period),
  ]);
  const totals = totalOf(measures);
  const stages = [...ctx.names.stages.values()]
    .filter((s) => s.service_id === serviceId)
    .sort((a, b) => Number(a.extra) - Number(b.extra));
  const stageRows = stages.map((s) => {
    const position = Number(s.extra);
    const rows = stageReason.filter((r) => r.stage_id === s.id);
    const contacts = rows.reduce((n, r) => n + r.contacts, 0);
    const repeated = rows.reduce((n, r) => n + r.repeated, 0);
    const reached = stageCounts.filter((r) => (r.max_stage_position ?? 0) >= position).reduce((n, r) => n + r.journeys, 0);
    const droppedHere = stageCounts.filter((r) => r.status === 'dropped' && r.last_stage_id === s.id).reduce((n, r) => n + r.journeys, 0);
    const sat = satisfaction.find((r) => r.stage_id === s.id);
    return {
      id: s.id, code: s.code, name_ar: s.name_ar, name_en: s.name_en, position, contacts,
      repeat_contact_rate: figureFor('repeat_contact_rate', { ...totals, repeated, contacts } as Totals, ctx.minN),
      reached: suppressCount(reached), dropped_here: suppressCount(droppedHere),
      satisfaction: meanScore(sat?.score_sum ?? 0, sat?.answers ?? 0, ctx.minN),
    };
  });
  return {
    period: { from: q.from, to: q.to }, service: groupLabel(ctx, 'service', serviceId), min_n: ctx.minN,
    volumes: volumesOf(totals),
    kpis: DASHBOARD_KPIS.map((kpi) => kpiFigure(kpi, totals, ctx.minN, targetFor(targets, kpi, q.service))),
    journey_satisfaction: {
      mean: meanScore(journeySat.mean_sum ?? 0, journeySat.journeys, ctx.minN),
      satisfied: figureFor('csat', { top2: journeySat.satisfied, answers: journeySat.journeys } as Totals, ctx.minN),
    },
    stages: stageRows,
    emotion_curve: stageRows.map((s) => ({ position: s.position, code: s.code, name_ar: s.name_ar, name_en: s.name_en, ...s.satisfaction })),
    funnel: funnelOf(stageRows, totals),
    channel_mix: channelMix(ctx, byChannel),
    variants: variantRows(ctx, variants, totals.journeys),
    repeat_hotspots: repeatHotspots(ctx, { channel: byChannel, branch: byBranch, provider: byProvider }, stageReason),
  };
}

const suppressCount = (n: number) => (n > 0 && n < SUPPRESSION_MIN_N ? null : n);

function meanScore(sum: number, n: number, minN: number) {
  const suppressed = n < SUPPRESSION_MIN_N;
  return { value: suppressed ? null : sum / n, n, low: null, high: null, low_n: n < minN, suppressed };
}

function funnelOf(stages: { code: string; name_ar: string; name_en: string; reached: number | null }[], t: Totals) {
  const steps = [{ code: 'start', name_ar: 'بدء الرحلة', name_en: 'Journey started', journeys: suppressCount(t.journeys) }];
  for (const s of stages) steps.push({ code: s.code, name_ar: s.name_ar, name_en: s.name_en, journeys: s.reached });
  steps.push({ code: 'completed', name_ar: 'اكتملت', name_en: 'Completed', journeys: suppressCount(t.j_completed) });
  return steps;
}

function channelMix(ctx: DashboardContext, byChannel: Map<string, Totals>) {
  const mix = { traditional: 0, voice: 0, digital: 0 } as Record<string, number>;
  for (const [g, t] of byChannel) {
    const category = ctx.names.channels.get(Number(g))?.extra ?? 'traditional';
    mix[category] = (mix[category] ?? 0) + t.contacts;
  }
  return Object.entries(mix).map(([category, contacts]) => ({ category, contacts: suppressCount(contacts) }));
}

function variantRows(ctx: DashboardContext, rows: Awaited<ReturnType<typeof getTopVariants>>, journeys: number) {
  return rows
    .filter((r) => r.journeys >= SUPPRESSION_MIN_N)
    .map((r) => {
      const steps = r.path.split('>').map((el) => {
        const [stage, channel] = el.split('/').map(Number);
        const s = groupLabel(ctx, 'stage', stage);
        const c = groupLabel(ctx, 'channel', channel);
        return { stage: s.code, channel: c.code, category: c.extra, name_ar: `${s.name_ar} · ${c.name_ar}`, name_en: `${s.name_en} · ${c.name_en}` };
      });
      return {
        path: r.path, steps, journeys: r.journeys, share: journeys ? r.journeys / journeys : null, completed: r.completed,
        median_days: r.completed >= SUPPRESSION_MIN_N ? r.median_days : null, loop: r.has_loop,
      };
    });
}

function repeatHotspots(ctx: DashboardContext, dims: Record<'channel' | 'branch' | 'provider', Map<string, Totals>>, stageReason: Awaited<ReturnType<typeof getStageReasonMeasures>>) {
  const out = [];
  for (const [dim, groups] of Object.entries(dims) as ['channel' | 'branch' | 'provider', Map<string, Totals>][]) {
    for (const [g, t] of groups) out.push({ dimension: dim, ...groupLabel(ctx, dim, Number(g)), contacts: t.contacts, repeated: t.repeated });
  }
  const byReason = new Map<number, { contacts: number; repeated: number }>();
  const byStage = new Map<number, { contacts: number; repeated: number }>();
  for (const r of stageReason) {
    for (const [m, id] of [[byReason, r.reason_id], [byStage, r.stage_id]] as const) {
      const e = m.get(id) ?? m.set(id, { contacts: 0, repeated: 0 }).get(id)!;
      e.contacts += r.contacts;
      e.repeated += r.repeated;
    }
  }
  for (const [id, e] of byReason) out.push({ dimension: 'reason' as const, ...groupLabel(ctx, 'reason', id), ...e });
  for (const [id, e] of byStage) out.push({ dimension: 'stage' as const, ...groupLabel(ctx, 'stage', id), ...e });
  return out
    .map((r) => ({ ...r, rate: figureFor('repeat_contact_rate', { repeated: r.repeated, contacts: r.contacts } as Totals, ctx.minN) }))
    .filter((r) => !r.rate.suppressed)
    .sort((a, b) => b.repeated - a.repeated)
    .slice(0, HOTSPOT_LIMIT);
}
