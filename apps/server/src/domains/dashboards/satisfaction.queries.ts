import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import type { GroupBy, Period } from './measures.queries.ts';

// Satisfaction = the 1–5 'rating' answers of driver 'satisfaction' in completed responses tied to an
// interaction (surveys domain). The interaction is found by its primary key (no scan) and places the
// answer on the local day its contact started; every query works with zero answers.

// LATERAL … OFFSET 0 keeps each lookup a primary-key probe per answer: without statistics
// (PGlite never autovacuums) the planner would otherwise scan interactions once per answer.
const JOINS = `FROM survey_answers a
  CROSS JOIN LATERAL (SELECT interaction_id, status FROM survey_responses
                       WHERE agency_id = a.agency_id AND id = a.response_id OFFSET 0) r
  CROSS JOIN LATERAL (SELECT agency_id, id, beneficiary_pid, service_id, branch_id, provider_id, channel_id, stage_id, started_at
                        FROM interactions WHERE agency_id = a.agency_id AND id = r.interaction_id OFFSET 0) i`;
const WHERE = `WHERE a.agency_id = $1 AND a.kind = 'rating' AND a.driver = 'satisfaction' AND a.score BETWEEN 1 AND 5
   AND r.status = 'completed'
   AND i.started_at >= ($3::date)::timestamp AT TIME ZONE $2 AND i.started_at < ($4::date + 1)::timestamp AT TIME ZONE $2
   AND ($5::int IS NULL OR i.service_id = $5)`;
const ANSWERS = `${JOINS} ${WHERE}`;

const GROUP_EXPR: Record<GroupBy, string> = {
  all: `'all'`,
  service: 'i.service_id::text',
  branch: 'coalesce(i.branch_id, 0)::text',
  provider: 'coalesce(i.provider_id, 0)::text',
  channel: 'i.channel_id::text',
  week: `to_char(date_trunc('week', (i.started_at AT TIME ZONE $2)::date::timestamp), 'YYYY-MM-DD')`,
  month: `to_char(i.started_at AT TIME ZONE $2, 'YYYY-MM') || '-01'`,
};

const params = (agency: AgencyRef, p: Period) => [agency.id, agency.timezone, p.from, p.to, p.serviceId ?? null];

export interface SatisfactionRow {
  dim: GroupBy;
  g: string;
  answers: number;
  top2: number;
}

/** Answers and top-two-box counts per dimension and group (CSAT). */
export async function getSatisfactionMeasures(db: Db, agency: AgencyRef, p: Period, dims: GroupBy[]): Promise<SatisfactionRow[]> {
  const parts = dims.map((d) => `SELECT '${d}' AS dim, ${GROUP_EXPR[d]} AS g, count(*)::int AS answers,
      count(*) FILTER (WHERE a.score >= 4)::int AS top2 ${ANSWERS} GROUP BY 2`);
  return db.query<SatisfactionRow>(parts.join('\nUNION ALL '), params(agency, p));
}

export interface StageSatisfactionRow {
  stage_id: number;
  answers: number;
  score_sum: number;
}

/** Answers and score sum per stage of the interaction answered: the emotion curve. */
export async function getSatisfactionByStage(db: Db, agency: AgencyRef, p: Period) {
  return db.query<StageSatisfactionRow>(
    `SELECT coalesce(i.stage_id, 0) AS stage_id, count(*)::int AS answers, sum(a.score)::int AS score_sum ${ANSWERS} GROUP BY 1`,
    params(agency, p),
  );
}

/**
 * Journey satisfaction: each answered journey's mean score (its contacts' answers), summarised as
 * the number of answered journeys, the sum of their means and how many means are 4 or more.
 */
export async function getJourneySatisfaction(db: Db, agency: AgencyRef, p: Period) {
  const rows = await db.query<{ journeys: number; mean_sum: number | null; satisfied: number }>(
    // LATERAL … LIMIT 1: one index probe of journeys_key_idx per answer, whatever the planner's statistics.
    `SELECT count(*)::int AS journeys, sum(m)::float8 AS mean_sum, count(*) FILTER (WHERE m >= 4)::int AS satisfied
       FROM (SELECT j.id, avg(a.score)::float8 AS m ${JOINS}
               CROSS JOIN LATERAL (SELECT id FROM journeys
                                    WHERE agency_id = i.agency_id AND beneficiary_pid = i.beneficiary_pid
                                      AND service_id = i.service_id AND first_at <= i.started_at
                                    ORDER BY first_at DESC LIMIT 1) j
              ${WHERE} GROUP BY j.id) x`,
    params(agency, p),
  );
  return rows[0];
}
