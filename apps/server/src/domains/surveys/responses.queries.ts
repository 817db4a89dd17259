import type { Db } from '../../db/db.ts';

// Responses and answers written by the public page.

export interface ResponseRow {
  id: number;
  survey_id: number;
  version: number;
  invitation_id: number | null;
  poster_id: number | null;
  status: 'partial' | 'completed';
  locale: 'ar' | 'en';
  completed_at: Date | null;
}

export interface ResponseContext {
  survey_id: number;
  version: number;
  invitation_id: number | null;
  poster_id: number | null;
  interaction_id: number | null;
  service_id: number | null;
  channel_id: number | null;
  branch_id: number | null;
  provider_id: number | null;
  stage_id: number | null;
  employee_pid: string | null;
}

/** The response for a dedupe key, created on first use (a repeated first submit finds the same one). */
export async function upsertResponse(db: Db, agencyId: number, dedupeKey: string, c: ResponseContext, locale: string) {
  const rows = await db.query<ResponseRow>(
    `INSERT INTO survey_responses (agency_id, dedupe_key, survey_id, version, invitation_id, poster_id, interaction_id,
                                   service_id, channel_id, branch_id, provider_id, stage_id, employee_pid, locale)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (agency_id, dedupe_key) DO UPDATE SET locale = EXCLUDED.locale
     RETURNING id, survey_id, version, invitation_id, poster_id, status, locale, completed_at`,
    [agencyId, dedupeKey, c.survey_id, c.version, c.invitation_id, c.poster_id, c.interaction_id, c.service_id, c.channel_id,
      c.branch_id, c.provider_id, c.stage_id, c.employee_pid, locale],
  );
  return rows[0];
}

export async function getResponseByKey(db: Db, agencyId: number, dedupeKey: string) {
  const rows = await db.query<ResponseRow>(
    'SELECT id, survey_id, version, invitation_id, poster_id, status, locale, completed_at FROM survey_responses WHERE agency_id = $1 AND dedupe_key = $2',
    [agencyId, dedupeKey],
  );
  return rows[0];
}

export async function getResponse(db: Db, agencyId: number, id: number) {
  const rows = await db.query<ResponseRow>(
    'SELECT id, survey_id, version, invitation_id, poster_id, status, locale, completed_at FROM survey_responses WHERE agency_id = $1 AND id = $2',
    [agencyId, id],
  );
  return rows[0];
}

export interface AnswerWrite {
  question_key: string;
  kind: string;
  component: string;
  driver: string | null;
  score: number | null;
  choices: string[] | null;
  text_value: string | null;
}

/** Saves a page of answers; a re-submit of the same page overwrites (idempotent). */
export async function upsertAnswers(db: Db, agencyId: number, responseId: number, surveyId: number, rows: AnswerWrite[]) {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO survey_answers (agency_id, response_id, survey_id, question_key, kind, component, driver, score, choices, text_value)
     SELECT $1, $2, $3, u.k, u.kind, u.comp, u.drv, u.score, CASE WHEN u.ch IS NULL THEN NULL ELSE string_to_array(u.ch, chr(31)) END, u.txt
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::smallint[], $9::text[], $10::text[])
            AS u(k, kind, comp, drv, score, ch, txt)
     ON CONFLICT (agency_id, response_id, question_key) DO UPDATE
        SET score = EXCLUDED.score, choices = EXCLUDED.choices, text_value = EXCLUDED.text_value, answered_at = now()`,
    [agencyId, responseId, surveyId, rows.map((r) => r.question_key), rows.map((r) => r.kind), rows.map((r) => r.component),
      rows.map((r) => r.driver), rows.map((r) => r.score), rows.map((r) => (r.choices ? r.choices.join('\u001f') : null)),
      rows.map((r) => r.text_value)],
  );
}

/** Questions left unanswered on a re-submitted page are removed (the person cleared them). */
export async function deleteAnswers(db: Db, agencyId: number, responseId: number, keys: string[]) {
  if (!keys.length) return;
  await db.query('DELETE FROM survey_answers WHERE agency_id = $1 AND response_id = $2 AND question_key = ANY($3::text[])', [agencyId, responseId, keys]);
}

export async function getAnswers(db: Db, agencyId: number, responseId: number) {
  return db.query<{ question_key: string; score: number | null; choices: string[] | null; text_value: string | null }>(
    'SELECT question_key, score, choices, text_value FROM survey_answers WHERE agency_id = $1 AND response_id = $2',
    [agencyId, responseId],
  );
}

/** Marks a response complete once; returns true only for the call that completed it. */
export async function completeResponse(db: Db, agencyId: number, id: number) {
  const rows = await db.query(
    `UPDATE survey_responses SET status = 'completed', completed_at = now() WHERE agency_id = $1 AND id = $2 AND status = 'partial' RETURNING id`,
    [agencyId, id],
  );
  return rows.length === 1;
}

/** Everything an invitation link needs, in one round trip (the public page's hot path). */
export async function getInvitationLink(db: Db, agencyId: number, invitationId: number) {
  const rows = await db.query<{
    agency: { id: number; slug: string; timezone: string; name_ar: string; name_en: string; settings: Record<string, unknown> };
    inv: ResponseContext & { id: number; status: string; beneficiary_pid: string | null };
    survey_status: string; survey_name_ar: string; survey_name_en: string;
    response: ResponseRow | null;
  }>(
    `SELECT jsonb_build_object('id', a.id, 'slug', a.slug, 'timezone', a.timezone, 'name_ar', a.name_ar, 'name_en', a.name_en, 'settings', a.settings) AS agency,
            to_jsonb(i) AS inv, s.status AS survey_status, s.name_ar AS survey_name_ar, s.name_en AS survey_name_en,
            (SELECT to_jsonb(r) FROM (SELECT id, survey_id, version, invitation_id, poster_id, status, locale, completed_at FROM survey_responses
                                       WHERE agency_id = i.agency_id AND dedupe_key = 'i:' || i.id) r) AS response
       FROM survey_invitations i
       JOIN agencies a ON a.id = i.agency_id
       JOIN surveys s ON s.agency_id = i.agency_id AND s.id = i.survey_id
      WHERE i.agency_id = $1 AND i.id = $2`,
    [agencyId, invitationId],
  );
  return rows[0];
}

/**
 * Completes a response once and, in the same statement, marks its invitation completed and
 * queues one delivery per active webhook. Returns null when it was already completed.
 */
export async function completeResponseWithEffects(db: Db, agencyId: number, id: number) {
  const rows = await db.query<{ id: number; webhooks: number[] }>(
    `WITH done AS (
       UPDATE survey_responses SET status = 'completed', completed_at = now()
        WHERE agency_id = $1 AND id = $2 AND status = 'partial' RETURNING id, invitation_id),
     inv AS (
       UPDATE survey_invitations i SET status = 'completed', completed_at = now()
         FROM done WHERE i.agency_id = $1 AND i.id = done.invitation_id RETURNING i.id),
     hooks AS (
       INSERT INTO survey_webhook_deliveries (agency_id, webhook_id, response_id)
       SELECT w.agency_id, w.id, done.id FROM survey_webhooks w, done WHERE w.agency_id = $1 AND w.active
       ON CONFLICT DO NOTHING RETURNING webhook_id)
     SELECT done.id, coalesce((SELECT array_agg(webhook_id) FROM hooks), ARRAY[]::int[]) AS webhooks,
            (SELECT count(*) FROM inv) AS invitations
       FROM done`,
    [agencyId, id],
  );
  return rows[0] ?? null;
}
