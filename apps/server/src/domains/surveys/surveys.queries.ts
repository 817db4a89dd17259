import type { Question } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';

// Survey design and versions. Every query filters by agency_id.

export interface SurveyRow {
  id: number;
  code: string;
  kind: 'post_service' | 'periodic' | 'poster';
  name_ar: string;
  name_en: string;
  status: 'draft' | 'active' | 'archived';
  current_version: number;
  trigger_outcomes: string[];
  channel_ids: number[] | null;
  services: string[];
  channels: string[] | null;
  questions: Question[];
  created_at: Date;
  updated_at: Date;
}

const SURVEY_SELECT = `
  SELECT s.id, s.code, s.kind, s.name_ar, s.name_en, s.status, s.current_version, s.trigger_outcomes, s.channel_ids,
         s.created_at, s.updated_at, v.questions,
         coalesce((SELECT array_agg(sv.code ORDER BY sv.code) FROM survey_services ss
                     JOIN services sv ON sv.agency_id = ss.agency_id AND sv.id = ss.service_id
                    WHERE ss.agency_id = s.agency_id AND ss.survey_id = s.id), ARRAY[]::text[]) AS services,
         (SELECT array_agg(c.code ORDER BY c.code) FROM channels c
           WHERE c.agency_id = s.agency_id AND c.id = ANY(s.channel_ids)) AS channels
    FROM surveys s
    JOIN survey_versions v ON v.agency_id = s.agency_id AND v.survey_id = s.id AND v.version = s.current_version`;

export async function getSurveyByCode(db: Db, agencyId: number, code: string) {
  const rows = await db.query<SurveyRow>(`${SURVEY_SELECT} WHERE s.agency_id = $1 AND s.code = $2`, [agencyId, code]);
  return rows[0];
}

export async function getSurveyById(db: Db, agencyId: number, id: number) {
  const rows = await db.query<SurveyRow>(`${SURVEY_SELECT} WHERE s.agency_id = $1 AND s.id = $2`, [agencyId, id]);
  return rows[0];
}

export async function listSurveysWithCounts(db: Db, agencyId: number) {
  return db.query<SurveyRow & { invited: number; completed: number }>(
    `SELECT x.*,
            (SELECT count(*)::int FROM survey_invitations i WHERE i.agency_id = $1 AND i.survey_id = x.id) AS invited,
            (SELECT count(*)::int FROM survey_responses r WHERE r.agency_id = $1 AND r.survey_id = x.id AND r.status = 'completed') AS completed
       FROM (${SURVEY_SELECT} WHERE s.agency_id = $1) x ORDER BY x.code`,
    [agencyId],
  );
}

export interface SurveyHeader {
  code: string;
  kind: string;
  name_ar: string;
  name_en: string;
  trigger_outcomes: string[];
  channel_ids: number[] | null;
}

export async function insertSurvey(db: Db, agencyId: number, s: SurveyHeader) {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO surveys (agency_id, code, kind, name_ar, name_en, trigger_outcomes, channel_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [agencyId, s.code, s.kind, s.name_ar, s.name_en, s.trigger_outcomes, s.channel_ids],
  );
  return rows[0].id;
}

export async function updateSurveyHeader(db: Db, agencyId: number, id: number, s: SurveyHeader, version: number) {
  await db.query(
    `UPDATE surveys SET kind = $3, name_ar = $4, name_en = $5, trigger_outcomes = $6, channel_ids = $7,
            current_version = $8, updated_at = now()
      WHERE agency_id = $1 AND id = $2`,
    [agencyId, id, s.kind, s.name_ar, s.name_en, s.trigger_outcomes, s.channel_ids, version],
  );
}

export async function setSurveyStatus(db: Db, agencyId: number, id: number, status: string) {
  await db.query('UPDATE surveys SET status = $3, updated_at = now() WHERE agency_id = $1 AND id = $2', [agencyId, id, status]);
}

export async function replaceSurveyServices(db: Db, agencyId: number, surveyId: number, serviceIds: number[]) {
  await db.query('DELETE FROM survey_services WHERE agency_id = $1 AND survey_id = $2', [agencyId, surveyId]);
  if (serviceIds.length) {
    await db.query(
      'INSERT INTO survey_services (agency_id, survey_id, service_id) SELECT $1, $2, unnest($3::int[])',
      [agencyId, surveyId, serviceIds],
    );
  }
}

/** Writes a version's questions (a new version, or the same draft version again). */
export async function upsertSurveyVersion(db: Db, agencyId: number, surveyId: number, version: number, questions: Question[]) {
  await db.query(
    `INSERT INTO survey_versions (agency_id, survey_id, version, questions) VALUES ($1, $2, $3, $4)
     ON CONFLICT (agency_id, survey_id, version) DO UPDATE SET questions = EXCLUDED.questions`,
    [agencyId, surveyId, version, JSON.stringify(questions)],
  );
}

export async function getVersionQuestions(db: Db, agencyId: number, surveyId: number, version: number) {
  const rows = await db.query<{ questions: Question[] }>(
    'SELECT questions FROM survey_versions WHERE agency_id = $1 AND survey_id = $2 AND version = $3',
    [agencyId, surveyId, version],
  );
  return rows[0]?.questions;
}

/** Whether anyone was invited to or answered this version (then it is frozen). */
export async function isVersionInUse(db: Db, agencyId: number, surveyId: number, version: number) {
  const rows = await db.query(
    `SELECT 1 FROM survey_invitations WHERE agency_id = $1 AND survey_id = $2 AND version = $3
     UNION ALL
     SELECT 1 FROM survey_responses WHERE agency_id = $1 AND survey_id = $2 AND version = $3 LIMIT 1`,
    [agencyId, surveyId, version],
  );
  return rows.length > 0;
}

export interface PostServiceTarget {
  survey_id: number;
  version: number;
  service_id: number;
  trigger_outcomes: string[];
  channel_ids: number[] | null;
}

/** Active post-service surveys covering any of the given services. */
export async function getActivePostServiceTargets(db: Db, agencyId: number, serviceIds: number[]) {
  return db.query<PostServiceTarget>(
    `SELECT s.id AS survey_id, s.current_version AS version, ss.service_id, s.trigger_outcomes, s.channel_ids
       FROM surveys s JOIN survey_services ss ON ss.agency_id = s.agency_id AND ss.survey_id = s.id
      WHERE s.agency_id = $1 AND s.status = 'active' AND s.kind = 'post_service' AND ss.service_id = ANY($2::int[])`,
    [agencyId, serviceIds],
  );
}
