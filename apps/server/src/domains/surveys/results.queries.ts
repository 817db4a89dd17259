import type { ResultsGroupBy } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';

// Read side of survey results. Dimension expressions come from a fixed whitelist, never input.

export interface ResultsFilter {
  surveyId: number;
  fromUtc: Date;
  toUtc: Date;
  serviceId: number | null;
  branchId: number | null;
  channelId: number | null;
  version: number | null;
}

const CATALOG_DIMS: Partial<Record<ResultsGroupBy, { table: string; col: string }>> = {
  service: { table: 'services', col: 'service_id' },
  branch: { table: 'branches', col: 'branch_id' },
  channel: { table: 'channels', col: 'channel_id' },
  provider: { table: 'providers', col: 'provider_id' },
};
const ANSWER_DIMS: Partial<Record<ResultsGroupBy, string>> = { driver: 'a.driver', component: 'a.component', question: 'a.question_key' };

function dimension(by: ResultsGroupBy, alias: 'r' | 'i') {
  const cat = CATALOG_DIMS[by];
  if (cat) {
    return {
      key: `coalesce(d.code, '')`, nameAr: 'd.name_ar', nameEn: 'd.name_en',
      join: `LEFT JOIN ${cat.table} d ON d.agency_id = ${alias}.agency_id AND d.id = ${alias}.${cat.col}`,
    };
  }
  return { key: by === 'survey' ? `'all'` : `coalesce(${ANSWER_DIMS[by]}, '')`, nameAr: 'NULL', nameEn: 'NULL', join: '' };
}

const FILTERS = (alias: 'r' | 'i') => `
  AND ($5::int IS NULL OR ${alias}.service_id = $5) AND ($6::int IS NULL OR ${alias}.branch_id = $6)
  AND ($7::int IS NULL OR ${alias}.channel_id = $7) AND ($8::int IS NULL OR ${alias}.version = $8)`;
const params = (agencyId: number, f: ResultsFilter) => [agencyId, f.surveyId, f.fromUtc, f.toUtc, f.serviceId, f.branchId, f.channelId, f.version];

export interface ScoreRow {
  key: string;
  name_ar: string | null;
  name_en: string | null;
  n: number;
  s1: number; s2: number; s3: number; s4: number; s5: number;
  score_sum: number;
}

/** Counts of 1–5 answers (rating and agree questions) of completed responses, per group. */
export async function getScoreCounts(db: Db, agencyId: number, f: ResultsFilter, by: ResultsGroupBy) {
  const d = dimension(by, 'r');
  return db.query<ScoreRow>(
    `SELECT ${d.key} AS key, min(${d.nameAr}) AS name_ar, min(${d.nameEn}) AS name_en, count(*)::int AS n,
            count(*) FILTER (WHERE a.score = 1)::int AS s1, count(*) FILTER (WHERE a.score = 2)::int AS s2,
            count(*) FILTER (WHERE a.score = 3)::int AS s3, count(*) FILTER (WHERE a.score = 4)::int AS s4,
            count(*) FILTER (WHERE a.score = 5)::int AS s5, coalesce(sum(a.score), 0)::int AS score_sum
       FROM survey_answers a
       JOIN survey_responses r ON r.agency_id = a.agency_id AND r.id = a.response_id
       ${d.join}
      WHERE a.agency_id = $1 AND a.survey_id = $2 AND a.kind IN ('rating', 'agree') AND r.status = 'completed'
        AND r.completed_at >= $3 AND r.completed_at < $4 ${FILTERS('r')}
      GROUP BY 1 ORDER BY 1`,
    params(agencyId, f),
  );
}

/** Invitations sent in the period and how many were completed, per group (catalog dimensions only). */
export async function getInvitationCounts(db: Db, agencyId: number, f: ResultsFilter, by: ResultsGroupBy) {
  const d = dimension(by, 'i');
  return db.query<{ key: string; name_ar: string | null; name_en: string | null; invited: number; completed: number }>(
    `SELECT ${d.key} AS key, min(${d.nameAr}) AS name_ar, min(${d.nameEn}) AS name_en, count(*)::int AS invited,
            count(*) FILTER (WHERE i.status = 'completed')::int AS completed
       FROM survey_invitations i ${d.join}
      WHERE i.agency_id = $1 AND i.survey_id = $2 AND i.created_at >= $3 AND i.created_at < $4 ${FILTERS('i')}
      GROUP BY 1 ORDER BY 1`,
    params(agencyId, f),
  );
}

export interface AnswerListRow {
  response_id: number;
  completed_at: Date | null;
  version: number;
  locale: string;
  service: string | null;
  branch: string | null;
  channel: string | null;
  provider: string | null;
  invitation_id: number | null;
  answers: Record<string, number | string | string[] | null>;
}

/** Completed responses, newest first, with their answers; keyset pagination on id. */
export async function listResponses(
  db: Db, agencyId: number, f: ResultsFilter, o: { maxScore: number | null; hasComment: boolean | null; limit: number; before: number | null },
) {
  return db.query<AnswerListRow>(
    `SELECT r.id AS response_id, r.completed_at, r.version, r.locale, r.invitation_id,
            sv.code AS service, b.code AS branch, ch.code AS channel, p.code AS provider,
            coalesce((SELECT jsonb_object_agg(a.question_key, coalesce(to_jsonb(a.score), to_jsonb(a.choices), to_jsonb(a.text_value)))
                        FROM survey_answers a WHERE a.agency_id = r.agency_id AND a.response_id = r.id), '{}'::jsonb) AS answers
       FROM survey_responses r
       LEFT JOIN services sv ON sv.agency_id = r.agency_id AND sv.id = r.service_id
       LEFT JOIN branches b ON b.agency_id = r.agency_id AND b.id = r.branch_id
       LEFT JOIN channels ch ON ch.agency_id = r.agency_id AND ch.id = r.channel_id
       LEFT JOIN providers p ON p.agency_id = r.agency_id AND p.id = r.provider_id
      WHERE r.agency_id = $1 AND r.survey_id = $2 AND r.status = 'completed'
        AND r.completed_at >= $3 AND r.completed_at < $4 ${FILTERS('r')}
        AND ($9::int IS NULL OR EXISTS (SELECT 1 FROM survey_answers a WHERE a.agency_id = r.agency_id AND a.response_id = r.id
                                        AND a.kind IN ('rating', 'agree') AND a.score <= $9))
        AND ($10::boolean IS NULL OR $10 = EXISTS (SELECT 1 FROM survey_answers a WHERE a.agency_id = r.agency_id
                                        AND a.response_id = r.id AND a.kind = 'text'))
        AND ($11::bigint IS NULL OR r.id < $11)
      ORDER BY r.id DESC LIMIT $12`,
    [...params(agencyId, f), o.maxScore, o.hasComment, o.before, o.limit],
  );
}
