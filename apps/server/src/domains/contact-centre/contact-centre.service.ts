import { parse as parseCsv } from 'csv-parse/sync';
import { wilsonInterval } from '@tajriba/stats';
import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { messageFor } from '../../http/messages.ts';
import '../../lib/csv-input.ts';
import { getCallKpiGroups, getRepeatCallCounts, upsertSchedule, type GroupDimension, type KpiGroupRow } from './contact-centre.queries.ts';
import './contact-centre.messages.ts';

// Contact-centre KPIs exactly as docs/metrics.md § Contact centre defines them.

export interface Rate {
  rate: number | null;
  n: number;
  low: number;
  high: number;
}

export interface CallKpis {
  offered: number;
  answered: number;
  abandoned: number;
  ivrOnly: number;
  answerRate: Rate;
  abandonmentRate: Rate;
  serviceLevel: Rate;
  serviceLevelSeconds: number;
  answeredWithin120: Rate;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  longestWaitSeconds: number | null;
  repeatCallRate7d: Rate;
}

export interface Targets {
  answerRate: number;
  serviceLevel: number;
  asaSeconds: number;
  /** T of the service level (seconds). */
  serviceLevelSeconds: number;
}

export const DEFAULT_TARGETS: Targets = { answerRate: 0.97, serviceLevel: 0.8, asaSeconds: 120, serviceLevelSeconds: 20 };

/**
 * The agency's contact-centre targets: settings key `targets` (answerRate, serviceLevel,
 * asaSeconds) and `sl_seconds` for T, each falling back to the default. The one place to swap
 * for a targets table later.
 */
export function getContactCentreTargets(agency: Pick<AgencyRef, 'settings'>): Targets {
  const s = agency.settings ?? {};
  const t = (s.targets ?? {}) as Record<string, unknown>;
  const num = (v: unknown, ok: (x: number) => boolean, fallback: number) => (typeof v === 'number' && ok(v) ? v : fallback);
  const fraction = (x: number) => x >= 0 && x <= 1;
  return {
    answerRate: num(t.answerRate, fraction, DEFAULT_TARGETS.answerRate),
    serviceLevel: num(t.serviceLevel, fraction, DEFAULT_TARGETS.serviceLevel),
    asaSeconds: num(t.asaSeconds, (x) => x > 0, DEFAULT_TARGETS.asaSeconds),
    serviceLevelSeconds: num(s.sl_seconds ?? t.serviceLevelSeconds, (x) => Number.isInteger(x) && x > 0, DEFAULT_TARGETS.serviceLevelSeconds),
  };
}

export type Light = 'green' | 'amber' | 'red' | 'none';

/**
 * Green meets the target; amber misses it by at most 5 points (rates) or 50 % (ASA);
 * red otherwise; none when there is nothing to judge.
 */
export function trafficLights(k: CallKpis, t: Targets): Record<'answerRate' | 'serviceLevel' | 'asaSeconds', Light> {
  const higher = (v: number | null, target: number): Light =>
    v === null ? 'none' : v >= target ? 'green' : v >= target - 0.05 ? 'amber' : 'red';
  const asa = k.asaSeconds;
  return {
    answerRate: higher(k.answerRate.rate, t.answerRate),
    serviceLevel: higher(k.serviceLevel.rate, t.serviceLevel),
    asaSeconds: asa === null ? 'none' : asa <= t.asaSeconds ? 'green' : asa <= t.asaSeconds * 1.5 ? 'amber' : 'red',
  };
}

const rate = (x: number, n: number): Rate => {
  const w = wilsonInterval(x, n);
  return { rate: w.rate, n, low: w.low, high: w.high };
};

function kpisOf(g: KpiGroupRow | undefined, repeat: { n: number; repeats: number } | undefined, slSeconds: number): CallKpis {
  const offered = g?.offered ?? 0;
  const answered = g?.answered ?? 0;
  return {
    offered,
    answered,
    abandoned: g?.abandoned ?? 0,
    ivrOnly: g?.ivr ?? 0,
    answerRate: rate(answered, offered),
    abandonmentRate: rate(g?.abandoned ?? 0, offered),
    serviceLevel: rate(g?.within_t ?? 0, offered),
    serviceLevelSeconds: slSeconds,
    answeredWithin120: rate(g?.within_120 ?? 0, offered),
    asaSeconds: answered ? g!.sum_wait_answered / answered : null,
    ahtSeconds: answered ? g!.sum_handle / answered : null,
    longestWaitSeconds: g?.max_wait ?? null,
    repeatCallRate7d: rate(repeat?.repeats ?? 0, repeat?.n ?? 0),
  };
}

export interface KpiRequest {
  from: string;
  to: string;
  queue?: string;
  slSeconds?: number;
  groupBy?: GroupDimension[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** KPIs for the whole period and, when grouped, per group (keys in group_by order). */
export async function getCallKpis(db: Db, agency: AgencyRef, r: KpiRequest) {
  if (!DAY.test(r.from) || !DAY.test(r.to) || r.from > r.to) throw new AppError('invalid_period', 400, 'cc_invalid_period', { field: 'from' });
  const targets = getContactCentreTargets(agency);
  const slSeconds = r.slSeconds ?? targets.serviceLevelSeconds;
  const base = { agencyId: agency.id, timeZone: agency.timezone, from: r.from, to: r.to, queue: r.queue };
  const groupBy = r.groupBy ?? [];
  const [groups, repeats] = await Promise.all([
    getCallKpiGroups(db, { ...base, slSeconds, groupBy }),
    getRepeatCallCounts(db, { ...base, groupBy }),
  ]);
  // Groups partition the period's calls, so the totals are their sums (one query, not two).
  const totals = kpisOf(sumGroups(groups), { n: sumOf(repeats, (x) => x.n), repeats: sumOf(repeats, (x) => x.repeats) }, slSeconds);
  const repeatByKey = new Map(repeats.map((x) => [x.key.join('\u0000'), x]));
  return {
    period: { from: r.from, to: r.to }, queue: r.queue ?? null, targets, totals, lights: trafficLights(totals, targets), groupBy,
    groups: groupBy.length ? groups.map((g) => ({ key: g.key, ...kpisOf(g, repeatByKey.get(g.key.join('\u0000')), slSeconds) })) : [],
  };
}

const sumOf = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

function sumGroups(groups: KpiGroupRow[]): KpiGroupRow | undefined {
  if (!groups.length) return undefined;
  const waits = groups.map((g) => g.max_wait).filter((w): w is number => w !== null);
  return {
    key: [],
    offered: sumOf(groups, (g) => g.offered), answered: sumOf(groups, (g) => g.answered), abandoned: sumOf(groups, (g) => g.abandoned),
    ivr: sumOf(groups, (g) => g.ivr), sum_wait_answered: sumOf(groups, (g) => g.sum_wait_answered), sum_handle: sumOf(groups, (g) => g.sum_handle),
    max_wait: waits.length ? Math.max(...waits) : null, within_t: sumOf(groups, (g) => g.within_t), within_120: sumOf(groups, (g) => g.within_120),
  };
}

/** The fields `tajriba kpi calls --json` prints: plain fractions and seconds, null when undefined. */
export function plainCallKpis(k: CallKpis) {
  return {
    offered: k.offered,
    answered: k.answered,
    abandoned: k.abandoned,
    ivrOnly: k.ivrOnly,
    answerRate: k.answerRate.rate,
    abandonmentRate: k.abandonmentRate.rate,
    asaSeconds: k.asaSeconds,
    serviceLevel: k.serviceLevel.rate,
    ahtSeconds: k.ahtSeconds,
    repeatCallRate7d: k.repeatCallRate7d.rate,
  };
}

/**
 * Scheduled agents from CSV `date,interval_start,agents` (interval_start HH:MM, agency time).
 * Valid rows are stored (a later upload replaces the same interval); bad rows are listed.
 */
export async function importSchedule(db: Db, agency: AgencyRef, csvText: string) {
  const records = parseCsv(csvText.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  const [header = [], ...body] = records;
  const col = (name: string) => header.indexOf(name);
  const idx = { date: col('date'), start: col('interval_start'), agents: col('agents') };
  for (const [name, i] of Object.entries({ date: idx.date, interval_start: idx.start, agents: idx.agents })) {
    if (i < 0) throw new AppError('missing_column', 400, 'csv_missing_column', { field: name, params: { column: name } });
  }
  const rows: { day: string; minute: number; agents: number }[] = [];
  const errors: { row: number; code: string; message_ar: string; message_en: string }[] = [];
  body.forEach((r, i) => {
    const day = r[idx.date] ?? '';
    const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(r[idx.start] ?? '');
    const agents = Number(r[idx.agents]);
    const detail = !DAY.test(day) || Number.isNaN(Date.parse(day)) ? 'date' : !m ? 'interval_start' : !Number.isInteger(agents) || agents < 0 ? 'agents' : '';
    if (detail) {
      const msg = messageFor('cc_invalid_schedule_row', { row: i + 1, detail });
      errors.push({ row: i + 1, code: 'invalid_schedule_row', message_ar: msg.ar, message_en: msg.en });
    } else rows.push({ day, minute: Number(m![1]) * 60 + Number(m![2]), agents });
  });
  await upsertSchedule(db, agency.id, rows);
  return { stored: rows.length, rejected: errors.length, errors };
}

/** Weekday (0 = Sunday) × hour-of-day cells over the period, in agency time. */
export async function getCallHeatmap(db: Db, agency: AgencyRef, r: Omit<KpiRequest, 'groupBy'>) {
  const report = await getCallKpis(db, agency, { ...r, groupBy: ['weekday', 'hour'] });
  return {
    cells: report.groups.map((g) => ({
      weekday: Number(g.key[0]), hour: Number(g.key[1]), offered: g.offered,
      answerRate: g.answerRate.rate, serviceLevel: g.serviceLevel.rate, asaSeconds: g.asaSeconds,
    })),
  };
}
