import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { getAgencySettings } from '../catalog/agency-settings.ts';
import { addTotals, emptyTotals, type Totals } from './kpis.ts';
import * as mq from './measures.queries.ts';
import { getSatisfactionMeasures } from './satisfaction.queries.ts';
import './dashboards.messages.ts';

export type { GroupBy, Period } from './measures.queries.ts';

/**
 * Totals per dimension and group from the rollups and the survey answers, with cost priced per
 * channel: result.get('service')?.get('12') is service 12's totals; 'all' has the one group 'all'.
 */
export async function loadTotals(db: Db, agency: AgencyRef, p: mq.Period, dims: mq.GroupBy[], costByChannelId: Map<number, number> | null) {
  const contacts = await mq.getContactMeasures(db, agency.id, p, dims);
  const journeys = await mq.getJourneyMeasures(db, agency.id, p, dims);
  const answers = await getSatisfactionMeasures(db, agency, p, dims);
  const out = new Map<mq.GroupBy, Map<string, Totals>>(dims.map((d) => [d, new Map()]));
  const at = (dim: mq.GroupBy, g: string) => {
    const m = out.get(dim)!;
    return m.get(g) ?? m.set(g, emptyTotals()).get(g)!;
  };
  for (const { dim, g, channel_id, ...sums } of contacts) {
    const unit = costByChannelId?.get(channel_id);
    addTotals(at(dim, g), { ...sums, cost: unit === undefined ? null : unit * sums.contacts });
  }
  for (const { dim, g, ...sums } of journeys) addTotals(at(dim, g), sums);
  for (const { dim, g, ...sums } of answers) addTotals(at(dim, g), sums);
  if (!costByChannelId) for (const m of out.values()) for (const t of m.values()) t.cost = null;
  return out;
}

export const totalOf = (m: Map<mq.GroupBy, Map<string, Totals>>) => m.get('all')?.get('all') ?? emptyTotals();

export interface DashboardContext {
  agency: AgencyRef;
  minN: number;
  repeatWindowDays: number;
  /** Price per contact by channel id; null when the agency set no cost (no cost per transaction). */
  costByChannelId: Map<number, number> | null;
  names: Record<'services' | 'branches' | 'providers' | 'channels' | 'stages' | 'reasons', Map<number, mq.NamedRow>>;
  serviceId: number | null;
  serviceCode: string | null;
}

/** Settings, catalog names and the optional service filter every dashboard needs. */
export async function loadDashboardContext(db: Db, agency: AgencyRef, serviceCode?: string | null): Promise<DashboardContext> {
  const settings = await getAgencySettings(db, agency.id);
  const kinds = ['services', 'branches', 'providers', 'channels', 'stages', 'reasons'] as const;
  const lists = await Promise.all(kinds.map((k) => mq.getCatalogNames(db, agency.id, k)));
  const names = Object.fromEntries(kinds.map((k, i) => [k, new Map(lists[i].map((r) => [r.id, r]))])) as DashboardContext['names'];
  let serviceId: number | null = null;
  if (serviceCode) {
    serviceId = [...names.services.values()].find((s) => s.code === serviceCode)?.id ?? null;
    if (serviceId === null) throw new AppError('unknown_service', 400, 'unknown_service', { field: 'service', params: { code: serviceCode } });
  }
  const costs = Object.entries(settings.cost_per_contact);
  let costByChannelId: Map<number, number> | null = null;
  if (costs.length) {
    const idOf = new Map([...names.channels.values()].map((c) => [c.code, c.id]));
    costByChannelId = new Map(costs.flatMap(([code, cost]) => (idOf.has(code) ? [[idOf.get(code)!, cost]] : [])));
  }
  return {
    agency, minN: settings.min_n, repeatWindowDays: settings.repeat_window_days, costByChannelId, names, serviceId,
    serviceCode: serviceCode ?? null,
  };
}

/** Code and names of a group id under a dimension; 0 means "none recorded". */
export function groupLabel(ctx: DashboardContext, dim: 'service' | 'branch' | 'provider' | 'channel' | 'stage' | 'reason', id: number) {
  const map = { service: 'services', branch: 'branches', provider: 'providers', channel: 'channels', stage: 'stages', reason: 'reasons' } as const;
  const row = ctx.names[map[dim]].get(id);
  if (row) return { id, code: row.code, name_ar: row.name_ar, name_en: row.name_en, extra: row.extra };
  const none = {
    service: ['—', '—'], branch: ['بدون فرع', 'No branch'], provider: ['الجهة نفسها (دون مزوّد)', 'In-house (no provider)'],
    channel: ['—', '—'], stage: ['بدون مرحلة', 'No stage'], reason: ['بدون سبب', 'No reason'],
  }[dim];
  return { id, code: id === 0 ? '' : String(id), name_ar: none[0], name_en: none[1], extra: dim === 'provider' ? 'in_house' : null };
}

const DAY = 86_400_000;
export const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const periodDays = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;

/** The period of the same length just before [from, to]. */
export function previousPeriod(from: string, to: string) {
  const len = periodDays(from, to);
  return { from: addDays(from, -len), to: addDays(from, -1) };
}

/** Weekly buckets up to ~6 months, monthly beyond. */
export const trendBucket = (from: string, to: string): 'week' | 'month' => (periodDays(from, to) <= 190 ? 'week' : 'month');
