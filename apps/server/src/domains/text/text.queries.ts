import type { Db } from '../../db/db.ts';
import type { TopicRule } from '@tajriba/contracts';

// SQL of the text domain; every query filters by agency_id.

export type SourceType = 'survey_answer' | 'complaint' | 'comment' | 'suggestion';
export const FEEDBACK_TYPES: SourceType[] = ['complaint', 'comment', 'suggestion'];

export interface TextRow {
  source_type: SourceType;
  source_id: string;
  text: string;
  text_norm: string;
  beneficiary_pid?: string | null;
  service_id?: number | null;
  branch_id?: number | null;
  channel_id?: number | null;
  provider_id?: number | null;
  interaction_id?: number | null;
  occurred_at?: Date | null;
}

const col = <K extends keyof TextRow>(rows: TextRow[], k: K) => rows.map((r) => r[k] ?? null);

/** A survey answer re-submitted with new text is pending again (surveys' one-statement save reuses it). */
export const SURVEY_ANSWER_TEXT_CONFLICT = `ON CONFLICT (agency_id, source_type, source_id) DO UPDATE
         SET text = EXCLUDED.text, text_norm = EXCLUDED.text_norm, status = 'pending', sentiment = NULL, topics = '{}', analyzed_at = NULL
       WHERE text_items.text IS DISTINCT FROM EXCLUDED.text`;

/**
 * Stores texts as pending. Feedback is insert-once (a repeated external_id is a duplicate);
 * a survey answer re-submitted with new text is updated and analysed again.
 * Returns how many rows were inserted or changed.
 */
export async function upsertTextItems(db: Db, agencyId: number, rows: TextRow[]): Promise<number> {
  if (!rows.length) return 0;
  const feedback = rows[0].source_type !== 'survey_answer';
  const conflict = feedback
    ? `ON CONFLICT (agency_id, source_id) WHERE source_type IN ('complaint', 'comment', 'suggestion') DO NOTHING`
    : SURVEY_ANSWER_TEXT_CONFLICT;
  const out = await db.query<{ id: number }>(
    `INSERT INTO text_items (agency_id, source_type, source_id, text, text_norm, beneficiary_pid, service_id, branch_id,
                             channel_id, provider_id, interaction_id, occurred_at)
     SELECT $1, u.st, u.sid, u.txt, u.norm, u.pid, u.svc, u.br, u.ch, u.prov, u.inter, coalesce(u.at, now())
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[], $10::int[],
                   $11::bigint[], $12::timestamptz[]) AS u(st, sid, txt, norm, pid, svc, br, ch, prov, inter, at)
     ${conflict}
     RETURNING id`,
    [agencyId, col(rows, 'source_type'), col(rows, 'source_id'), col(rows, 'text'), col(rows, 'text_norm'), col(rows, 'beneficiary_pid'),
      col(rows, 'service_id'), col(rows, 'branch_id'), col(rows, 'channel_id'), col(rows, 'provider_id'), col(rows, 'interaction_id'),
      col(rows, 'occurred_at')],
  );
  return out.length;
}

export async function listPendingTexts(db: Db, agencyId: number, limit: number) {
  return db.query<{ id: number; text: string }>(
    `SELECT id, text FROM text_items WHERE agency_id = $1 AND status = 'pending' ORDER BY id LIMIT $2`,
    [agencyId, limit],
  );
}

export interface Analysis {
  id: number;
  sentiment: string;
  positive: number;
  negative: number;
  neutral: number;
  topics: string[];
}

export async function saveAnalyses(db: Db, agencyId: number, rows: Analysis[]) {
  if (!rows.length) return;
  // Topics travel as one chr(31)-joined string per row: unnest cannot take a ragged text[][].
  await db.query(
    `UPDATE text_items t SET status = 'done', sentiment = u.s, score_positive = u.p, score_negative = u.n, score_neutral = u.z,
            topics = CASE WHEN u.tp = '' THEN '{}'::text[] ELSE string_to_array(u.tp, chr(31)) END, analyzed_at = now()
       FROM unnest($2::bigint[], $3::text[], $4::real[], $5::real[], $6::real[], $7::text[]) AS u(id, s, p, n, z, tp)
      WHERE t.agency_id = $1 AND t.id = u.id`,
    [agencyId, rows.map((r) => r.id), rows.map((r) => r.sentiment), rows.map((r) => r.positive), rows.map((r) => r.negative),
      rows.map((r) => r.neutral), rows.map((r) => r.topics.join('\u001f'))],
  );
}

export async function hasTaxonomy(db: Db, agencyId: number) {
  return (await db.query('SELECT 1 FROM text_taxonomies WHERE agency_id = $1', [agencyId])).length > 0;
}

export async function listTopics(db: Db, agencyId: number): Promise<TopicRule[]> {
  return db.query<TopicRule>(
    'SELECT code, name_ar, name_en, keywords FROM text_topics WHERE agency_id = $1 ORDER BY position, code',
    [agencyId],
  );
}

/** Replaces the whole taxonomy (and marks the agency as having one). */
export async function replaceTopics(db: Db, agencyId: number, topics: TopicRule[]) {
  await db.query('DELETE FROM text_topics WHERE agency_id = $1', [agencyId]);
  for (const [i, t] of topics.entries()) {
    await db.query(
      'INSERT INTO text_topics (agency_id, code, name_ar, name_en, keywords, position) VALUES ($1, $2, $3, $4, $5, $6)',
      [agencyId, t.code, t.name_ar, t.name_en, t.keywords, i + 1],
    );
  }
  await db.query(
    `INSERT INTO text_taxonomies (agency_id) VALUES ($1) ON CONFLICT (agency_id) DO UPDATE SET updated_at = now()`,
    [agencyId],
  );
}

/** Re-queues analysed texts (after a taxonomy change) so their topics follow the new rules. */
export async function markAllPending(db: Db, agencyId: number) {
  const rows = await db.query<{ id: number }>(
    `UPDATE text_items SET status = 'pending' WHERE agency_id = $1 AND status = 'done' RETURNING id`,
    [agencyId],
  );
  return rows.length;
}

export interface FeedbackFilter {
  sourceTypes: SourceType[];
  topic?: string;
  sentiment?: string;
  serviceId?: number;
  branchId?: number;
  /** Normalized search text; matched as a substring of text_norm. */
  q?: string;
  fromDay?: string;
  toDay?: string;
  limit: number;
  before?: number;
}

export async function listFeedback(db: Db, agencyId: number, tz: string, f: FeedbackFilter) {
  return db.query<{
    id: number; kind: string; external_id: string; text: string; occurred_at: Date; service: string | null; branch: string | null;
    channel: string | null; status: 'pending' | 'done'; sentiment: string | null; score_positive: number | null;
    score_negative: number | null; score_neutral: number | null; topics: string[];
  }>(
    `SELECT t.id, t.source_type AS kind, t.source_id AS external_id, t.text, t.occurred_at, s.code AS service, b.code AS branch,
            c.code AS channel, t.status, t.sentiment, t.score_positive, t.score_negative, t.score_neutral, t.topics
       FROM text_items t
       LEFT JOIN services s ON s.agency_id = t.agency_id AND s.id = t.service_id
       LEFT JOIN branches b ON b.agency_id = t.agency_id AND b.id = t.branch_id
       LEFT JOIN channels c ON c.agency_id = t.agency_id AND c.id = t.channel_id
      WHERE t.agency_id = $1 AND t.source_type = ANY($2::text[])
        AND ($3::text IS NULL OR $3 = ANY(t.topics))
        AND ($4::text IS NULL OR t.sentiment = $4)
        AND ($5::int IS NULL OR t.service_id = $5)
        AND ($6::int IS NULL OR t.branch_id = $6)
        AND ($7::text IS NULL OR strpos(t.text_norm, $7) > 0)
        AND ($8::date IS NULL OR t.occurred_at >= ($8::date)::timestamp AT TIME ZONE $11)
        AND ($9::date IS NULL OR t.occurred_at < ($9::date + 1)::timestamp AT TIME ZONE $11)
        AND ($10::bigint IS NULL OR t.id < $10)
      ORDER BY t.id DESC LIMIT $12`,
    [agencyId, f.sourceTypes, f.topic ?? null, f.sentiment ?? null, f.serviceId ?? null, f.branchId ?? null, f.q || null,
      f.fromDay ?? null, f.toDay ?? null, f.before ?? null, tz, f.limit],
  );
}

export async function getCodeIds(db: Db, agencyId: number, table: 'services' | 'branches' | 'channels', code: string) {
  const rows = await db.query<{ id: number }>(`SELECT id FROM ${table} WHERE agency_id = $1 AND code = $2`, [agencyId, code]);
  return rows[0]?.id;
}

export interface Period {
  fromDay: string;
  toDay: string;
  tz: string;
  serviceId?: number;
  branchId?: number;
}

const PERIOD_SQL = `t.agency_id = $1 AND t.status = 'done'
  AND t.occurred_at >= ($2::date)::timestamp AT TIME ZONE $4 AND t.occurred_at < ($3::date + 1)::timestamp AT TIME ZONE $4
  AND ($5::int IS NULL OR t.service_id = $5) AND ($6::int IS NULL OR t.branch_id = $6)`;
const periodParams = (agencyId: number, p: Period) => [agencyId, p.fromDay, p.toDay, p.tz, p.serviceId ?? null, p.branchId ?? null];

/** Analysed texts per week (Monday) or month in the agency's time zone, by sentiment. */
export async function getSentimentTrend(db: Db, agencyId: number, p: Period, grain: 'week' | 'month') {
  const bucket = grain === 'week'
    ? `to_char(date_trunc('week', (t.occurred_at AT TIME ZONE $4)::date::timestamp), 'YYYY-MM-DD')`
    : `to_char(t.occurred_at AT TIME ZONE $4, 'YYYY-MM') || '-01'`;
  return db.query<{ period: string; n: number; positive: number; negative: number; neutral: number }>(
    `SELECT ${bucket} AS period, count(*)::int AS n,
            count(*) FILTER (WHERE t.sentiment = 'positive')::int AS positive,
            count(*) FILTER (WHERE t.sentiment = 'negative')::int AS negative,
            count(*) FILTER (WHERE t.sentiment = 'neutral')::int AS neutral
       FROM text_items t WHERE ${PERIOD_SQL}
      GROUP BY 1 ORDER BY 1`,
    periodParams(agencyId, p),
  );
}

/** Per service or branch: analysed texts (n), negative texts, and negative texts per topic. */
export async function getNegativeTopicCounts(db: Db, agencyId: number, p: Period, by: 'service' | 'branch') {
  const groupCol = by === 'service' ? 't.service_id' : 't.branch_id';
  const table = by === 'service' ? 'services' : 'branches';
  return db.query<{ group_id: number; code: string; name_ar: string; name_en: string; n: number; negative: number; topic: string | null; topic_n: number }>(
    `WITH base AS (
       SELECT ${groupCol} AS group_id, t.sentiment, t.topics FROM text_items t WHERE ${PERIOD_SQL} AND ${groupCol} IS NOT NULL
     ), totals AS (
       SELECT group_id, count(*)::int AS n, count(*) FILTER (WHERE sentiment = 'negative')::int AS negative FROM base GROUP BY group_id
     ), per_topic AS (
       SELECT group_id, topic, count(*)::int AS topic_n FROM base, unnest(base.topics) AS topic
        WHERE sentiment = 'negative' GROUP BY group_id, topic
     )
     SELECT g.id AS group_id, g.code, g.name_ar, g.name_en, tt.n, tt.negative, pt.topic, coalesce(pt.topic_n, 0)::int AS topic_n
       FROM totals tt JOIN ${table} g ON g.agency_id = $1 AND g.id = tt.group_id
       LEFT JOIN per_topic pt ON pt.group_id = tt.group_id
      ORDER BY g.code, pt.topic_n DESC NULLS LAST, pt.topic`,
    periodParams(agencyId, p),
  );
}

/** Latest negative texts of one group and topic, as examples. */
export async function getNegativeExamples(db: Db, agencyId: number, p: Period, by: 'service' | 'branch', groupId: number, topic: string, limit: number) {
  const groupCol = by === 'service' ? 't.service_id' : 't.branch_id';
  return db.query<{ id: number; text: string }>(
    `SELECT t.id, t.text FROM text_items t WHERE ${PERIOD_SQL} AND ${groupCol} = $7 AND t.sentiment = 'negative' AND $8 = ANY(t.topics)
      ORDER BY t.occurred_at DESC, t.id DESC LIMIT $9`,
    [...periodParams(agencyId, p), groupId, topic, limit],
  );
}

/** Negative texts no taxonomy topic matched: the input of topic discovery. */
export async function listUncategorizedNegative(db: Db, agencyId: number, p: Period, limit: number) {
  return db.query<{ id: number; text: string }>(
    `SELECT t.id, t.text FROM text_items t WHERE ${PERIOD_SQL} AND t.sentiment = 'negative' AND cardinality(t.topics) = 0
      ORDER BY t.occurred_at DESC, t.id DESC LIMIT $7`,
    [...periodParams(agencyId, p), limit],
  );
}
