import type { Question, ResultsGroupBy, ResultsRow } from '@tajriba/contracts';
import { rateWithFlags } from '@tajriba/stats';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { wallTimeToUtc } from '../../lib/time-zone.ts';
import { getAgencySettings } from '../catalog/agency-settings.ts';
import { getCatalogIdsByCode } from '../catalog/catalog.queries.ts';
import { getSuppressionTotals } from './distribution.queries.ts';
import { localDay } from './distribution.service.ts';
import { getInvitationCounts, getScoreCounts, listResponses, type ResultsFilter, type ScoreRow } from './results.queries.ts';
import { requireSurvey } from './surveys.service.ts';

// Results: CSAT = share of 4–5 among 1–5 answers with n and a Wilson 95 % interval (via
// @tajriba/stats, suppressed below 5 and flagged below the agency's min_n), mean, distribution.

const DRIVER_NAMES: Record<string, [string, string]> = {
  satisfaction: ['الرضا', 'Satisfaction'], trust: ['الثقة', 'Trust / confidence'], effectiveness: ['الفاعلية والجودة', 'Effectiveness / quality'],
  ease: ['السهولة', 'Ease / simplicity'], efficiency: ['السرعة والكفاءة', 'Efficiency / speed'], equity: ['الإنصاف والشفافية', 'Equity / transparency'],
  employee: ['تعاون الموظفين', 'Employee helpfulness'], '': ['بدون محرك', 'No driver'],
};
const COMPONENT_NAMES: Record<string, [string, string]> = {
  functional: ['وظيفي', 'Functional'], cultural: ['ثقافي (القيم والسلوك)', 'Cultural'], emotional: ['عاطفي', 'Emotional'],
};

export interface PeriodQuery { from?: string; to?: string; service?: string; branch?: string; channel?: string; version?: number }

async function buildFilter(db: Db, agency: AgencyRef, surveyId: number, q: PeriodQuery) {
  const today = localDay(agency.timezone, new Date());
  const to = q.to ?? today;
  const from = q.from ?? localDay(agency.timezone, new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000));
  const id = async (kind: 'services' | 'branches' | 'channels', code: string | undefined, field: string) => {
    if (!code) return null;
    const found = (await getCatalogIdsByCode(db, agency.id, kind)).get(code);
    if (found === undefined) throw new AppError(`unknown_${field}`, 400, `surveys_unknown_${field}`, { field, params: { code } });
    return found;
  };
  const filter: ResultsFilter = {
    surveyId,
    fromUtc: new Date(wallTimeToUtc(agency.timezone, Date.parse(`${from}T00:00:00Z`))),
    toUtc: new Date(wallTimeToUtc(agency.timezone, Date.parse(`${to}T00:00:00Z`) + 86_400_000)),
    serviceId: await id('services', q.service, 'service'),
    branchId: await id('branches', q.branch, 'branch'),
    channelId: await id('channels', q.channel, 'channel'),
    version: q.version ?? null,
  };
  return { filter, from, to };
}

/** One results row from counts; exported for the hand-computed unit test. */
export function resultsRow(
  key: string, names: [string, string], s: Pick<ScoreRow, 's1' | 's2' | 's3' | 's4' | 's5'> | undefined,
  inv: { invited: number; completed: number } | null, minN: number,
): ResultsRow {
  const dist = s ? [s.s1, s.s2, s.s3, s.s4, s.s5] : [0, 0, 0, 0, 0];
  const n = dist.reduce((a, b) => a + b, 0);
  const r = rateWithFlags(dist[3] + dist[4], n, { minN });
  const sum = dist.reduce((a, c, i) => a + c * (i + 1), 0);
  return {
    key, name_ar: names[0], name_en: names[1],
    invited: inv?.invited ?? null, completed: inv?.completed ?? null,
    response_rate: inv && inv.invited > 0 ? inv.completed / inv.invited : null,
    n, csat: r.rate, csat_low: r.low, csat_high: r.high, mean: n && !r.suppressed ? sum / n : null,
    distribution: dist, suppressed: r.suppressed, low_n: r.lowN,
  };
}

export async function getSurveyResults(db: Db, agency: AgencyRef, code: string, by: ResultsGroupBy, q: PeriodQuery) {
  const survey = await requireSurvey(db, agency.id, code);
  const { filter, from, to } = await buildFilter(db, agency, survey.id, q);
  const settings = await getAgencySettings(db, agency.id);
  const withInvitations = by === 'survey' || by in { service: 1, branch: 1, channel: 1, provider: 1 };
  const [scores, invitations, totalScores, totalInv, suppressions] = await Promise.all([
    getScoreCounts(db, agency.id, filter, by),
    withInvitations ? getInvitationCounts(db, agency.id, filter, by) : Promise.resolve([]),
    getScoreCounts(db, agency.id, filter, 'survey'),
    getInvitationCounts(db, agency.id, filter, 'survey'),
    getSuppressionTotals(db, agency.id, survey.id, from, to),
  ]);
  const questionNames = new Map(survey.questions.map((x: Question) => [x.key, [x.text_ar, x.text_en] as [string, string]]));
  const nameOf = (key: string, row?: { name_ar: string | null; name_en: string | null }): [string, string] => {
    if (row?.name_ar) return [row.name_ar, row.name_en ?? row.name_ar];
    if (by === 'driver') return DRIVER_NAMES[key] ?? [key, key];
    if (by === 'component') return COMPONENT_NAMES[key] ?? [key, key];
    if (by === 'question') return questionNames.get(key) ?? [key, key];
    if (by === 'survey') return [survey.name_ar, survey.name_en];
    return key ? [key, key] : ['غير محدد', 'Not set'];
  };
  const keys = [...new Set([...scores.map((s) => s.key), ...invitations.map((i) => i.key)])].sort();
  const rows = keys.map((key) => {
    const s = scores.find((x) => x.key === key);
    const inv = invitations.find((x) => x.key === key);
    return resultsRow(key, nameOf(key, s ?? inv), s, withInvitations ? (inv ?? { invited: 0, completed: 0 }) : null, settings.min_n);
  });
  const total = resultsRow('all', [survey.name_ar, survey.name_en], totalScores[0], totalInv[0] ?? { invited: 0, completed: 0 }, settings.min_n);
  return { survey: survey.code, group_by: by, from, to, total, rows, suppressions };
}

export async function listSurveyAnswers(
  db: Db, agency: AgencyRef, code: string,
  q: PeriodQuery & { max_score?: number; has_comment?: 'true' | 'false'; limit: number; before?: number },
) {
  const survey = await requireSurvey(db, agency.id, code);
  const { filter } = await buildFilter(db, agency, survey.id, q);
  const rows = await listResponses(db, agency.id, filter, {
    maxScore: q.max_score ?? null, hasComment: q.has_comment === undefined ? null : q.has_comment === 'true', limit: q.limit, before: q.before ?? null,
  });
  const items = rows.map((r) => ({
    response_id: r.response_id, completed_at: r.completed_at?.toISOString() ?? null, version: r.version, locale: r.locale,
    service: r.service, branch: r.branch, channel: r.channel, provider: r.provider,
    source: (r.invitation_id ? 'invitation' : 'poster') as 'invitation' | 'poster', answers: r.answers,
  }));
  return { items, next_before: rows.length === q.limit ? rows[rows.length - 1].response_id : null, questions: survey.questions };
}

/** CSV export of answers: one column per question key; free text as text (the CSV writer quotes it). */
export function answersCsv(items: Awaited<ReturnType<typeof listSurveyAnswers>>['items'], questions: Question[]) {
  const keys = questions.map((x) => x.key);
  const header = ['response_id', 'completed_at', 'version', 'locale', 'service', 'branch', 'channel', 'provider', 'source', ...keys];
  const body = items.map((r) => [
    r.response_id, r.completed_at, r.version, r.locale, r.service, r.branch, r.channel, r.provider, r.source,
    ...keys.map((k) => {
      const v = r.answers[k];
      const s = Array.isArray(v) ? v.join('|') : v ?? '';
      // Spreadsheet formula injection: a leading = + - @ is neutralised.
      return typeof s === 'string' && /^[=+\-@]/.test(s) ? `'${s}` : s;
    }),
  ]);
  return `\uFEFF${stringify([header, ...body])}`;
}
