import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../http/errors.ts';
import type { getComparison, getPeriodComparison } from './comparison.service.ts';
import type { getOverview } from './overview.service.ts';
import type { getServiceView } from './service-view.service.ts';
import './dashboards.messages.ts';

// CSV of every dashboard table, flattened from the same objects the JSON endpoints return.

type Overview = Awaited<ReturnType<typeof getOverview>>;
type ServiceView = Awaited<ReturnType<typeof getServiceView>>;
type Comparison = Awaited<ReturnType<typeof getComparison>>;
type Periods = Awaited<ReturnType<typeof getPeriodComparison>>;
type Row = Record<string, string | number | boolean | null | undefined>;

const figure = (prefix: string, f: { value: number | null; n: number; low: number | null; high: number | null; low_n: boolean; suppressed: boolean }): Row => ({
  [`${prefix}value`]: f.value, [`${prefix}n`]: f.n, [`${prefix}ci_low`]: f.low, [`${prefix}ci_high`]: f.high,
  [`${prefix}low_n`]: f.low_n, [`${prefix}suppressed`]: f.suppressed,
});

export const EXPORT_TABLES = {
  overview: {
    kpis: (o: Overview): Row[] => o.kpis.map((k) => ({
      kpi: k.kpi, ...figure('', k), target: k.target?.target, comparator: k.target?.comparator, status: k.status,
      ...figure('previous_', k.previous), change: k.change?.diff, p_value: k.change?.p_value, significant: k.change?.significant,
    })),
    trend: (o: Overview): Row[] => o.kpis.flatMap((k) => k.trend.map((t) => ({ kpi: k.kpi, bucket: t.bucket, ...figure('', t) }))),
    hurts: (o: Overview): Row[] => o.hurts.map((h) => ({
      dimension: h.dimension, code: h.code, name_ar: h.name_ar, name_en: h.name_en, kpi: h.kpi, value: h.value, n: h.n,
      comparator: h.comparator, target: h.target, gap: h.gap, score: h.score,
    })),
  },
  service: {
    stages: (s: ServiceView): Row[] => s.stages.map((x) => ({
      position: x.position, code: x.code, name_ar: x.name_ar, name_en: x.name_en, contacts: x.contacts, reached: x.reached,
      dropped_here: x.dropped_here, ...figure('repeat_', x.repeat_contact_rate), ...figure('satisfaction_', x.satisfaction),
    })),
    funnel: (s: ServiceView): Row[] => s.funnel.map((x) => ({ ...x })),
    variants: (s: ServiceView): Row[] => s.variants.map((v) => ({
      path_ar: v.steps.map((x) => x.name_ar).join(' ← '), path_en: v.steps.map((x) => x.name_en).join(' → '),
      journeys: v.journeys, share: v.share, completed: v.completed, median_days: v.median_days, loop: v.loop,
    })),
    repeat_hotspots: (s: ServiceView): Row[] => s.repeat_hotspots.map((h) => ({
      dimension: h.dimension, code: h.code, name_ar: h.name_ar, name_en: h.name_en, contacts: h.contacts, repeated: h.repeated, ...figure('rate_', h.rate),
    })),
  },
  compare: {
    rows: (c: Comparison): Row[] => c.rows.flatMap((r) => r.kpis.map((k) => ({
      dimension: c.dimension, code: r.code, name_ar: r.name_ar, name_en: r.name_en, kpi: k.kpi, ...figure('', k),
      target: k.target?.target, status: k.status, diff_vs_rest: k.vs_rest?.diff, p_value: k.vs_rest?.p_value, significant: k.vs_rest?.significant,
    }))),
  },
  periods: {
    kpis: (p: Periods): Row[] => p.kpis.map((k) => ({
      kpi: k.kpi, ...figure('', k.current), ...figure('base_', k.base), diff: k.test?.diff, diff_ci_low: k.test?.ci_low,
      diff_ci_high: k.test?.ci_high, p_value: k.test?.p_value, significant: k.test?.significant,
    })),
  },
} as const;

export type ExportView = keyof typeof EXPORT_TABLES;

/** CSV text (UTF-8 with BOM so spreadsheet programs read the Arabic names correctly). */
export function toCsv(rows: Row[]): string {
  if (rows.length === 0) return '\uFEFF';
  const columns = Object.keys(rows[0]);
  return '\uFEFF' + stringify(rows, { header: true, columns, cast: { boolean: (b) => (b ? 'true' : 'false') } });
}

export function tableRows(view: ExportView, table: string, data: unknown): Row[] {
  const tables = EXPORT_TABLES[view] as Record<string, (d: never) => Row[]>;
  const fn = tables[table];
  if (!fn) throw new AppError('unknown_export_table', 400, 'unknown_export_table', { field: 'table', params: { table } });
  return fn(data as never);
}
