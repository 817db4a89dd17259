import type { Db } from '../../db/db.ts';
import { SURVEY_ANSWER_TEXT_CONFLICT } from '../text/text.queries.ts';
import type { Answers } from './survey-design.ts';
import type { InteractionContext } from './distribution.queries.ts';

// Responses and answers written by the public page.

export interface ResponseRow {
  id: number;
  dedupe_key: string;
  survey_id: number;
  version: number;
  invitation_id: number | null;
  poster_id: number | null;
  status: 'partial' | 'completed';
  locale: 'ar' | 'en';
  completed_at: Date | null;
}

export interface ResponseContext extends InteractionContext {
  survey_id: number;
  version: number;
  invitation_id: number | null;
  poster_id: number | null;
  interaction_id: number | null;
}

export async function getResponseByKey(db: Db, agencyId: number, dedupeKey: string) {
  const rows = await db.query<ResponseRow>(
    'SELECT id, dedupe_key, survey_id, version, invitation_id, poster_id, status, locale, completed_at FROM survey_responses WHERE agency_id = $1 AND dedupe_key = $2',
    [agencyId, dedupeKey],
  );
  return rows[0];
}

export async function getResponse(db: Db, agencyId: number, id: number) {
  const rows = await db.query<ResponseRow>(
    'SELECT id, dedupe_key, survey_id, version, invitation_id, poster_id, status, locale, completed_at FROM survey_responses WHERE agency_id = $1 AND id = $2',
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

// The answers saved so far as {question_key: value}: a score, else the choices, else the text.
const savedAnswersJson = (responseId: string) => `(SELECT jsonb_object_agg(sa.question_key, coalesce(to_jsonb(sa.score), to_jsonb(sa.choices), to_jsonb(sa.text_value)))
    FROM survey_answers sa WHERE sa.agency_id = $1 AND sa.response_id = ${responseId})`;

export async function getSavedAnswers(db: Db, agencyId: number, responseId: number): Promise<Answers> {
  const rows = await db.query<{ answers: Answers | null }>(`SELECT ${savedAnswersJson('$2')} AS answers`, [agencyId, responseId]);
  return rows[0]?.answers ?? {};
}

/** Everything an invitation link needs, saved answers included, in one round trip (the public page's hot path). */
export async function getInvitationLink(db: Db, agencyId: number, invitationId: number) {
  const rows = await db.query<{
    agency: { id: number; slug: string; timezone: string; name_ar: string; name_en: string; settings: Record<string, unknown> };
    inv: ResponseContext & { id: number; status: string; beneficiary_pid: string | null };
    survey_status: string; survey_name_ar: string; survey_name_en: string;
    response: ResponseRow | null;
    answers: Answers | null;
  }>(
    `SELECT jsonb_build_object('id', a.id, 'slug', a.slug, 'timezone', a.timezone, 'name_ar', a.name_ar, 'name_en', a.name_en, 'settings', a.settings) AS agency,
            to_jsonb(i) AS inv, s.status AS survey_status, s.name_ar AS survey_name_ar, s.name_en AS survey_name_en,
            CASE WHEN r.id IS NOT NULL THEN jsonb_build_object('id', r.id, 'dedupe_key', r.dedupe_key, 'survey_id', r.survey_id, 'version', r.version, 'invitation_id', r.invitation_id,
              'poster_id', r.poster_id, 'status', r.status, 'locale', r.locale, 'completed_at', r.completed_at) END AS response,
            CASE WHEN r.id IS NOT NULL THEN ${savedAnswersJson('r.id')} END AS answers
       FROM survey_invitations i
       JOIN agencies a ON a.id = i.agency_id
       JOIN surveys s ON s.agency_id = i.agency_id AND s.id = i.survey_id
       LEFT JOIN survey_responses r ON r.agency_id = i.agency_id AND r.dedupe_key = 'i:' || i.id
      WHERE i.agency_id = $1 AND i.id = $2`,
    [agencyId, invitationId],
  );
  return rows[0];
}

/** Where a submission's response comes from: an invitation (checked in the statement) or a known context. */
export type SubmissionSource =
  | { invitationId: number; surveyId: number; version: number }
  | { dedupeKey: string; context: ResponseContext };

export interface SubmissionWrite {
  locale: 'ar' | 'en';
  /** Completes the response (and its invitation and webhooks) if it is still partial. */
  complete: boolean;
  answers: AnswerWrite[];
  /** Questions of the page left empty: a saved answer to them is removed. */
  cleared: string[];
  /** Free-text answers for text analytics, with normalizeArabic(text). */
  texts: { question_key: string; text: string; text_norm: string }[];
  textJob: { name: string; payload: string; maxAttempts: number };
  webhookJob: { name: string; maxAttempts: number };
}

/**
 * Saves one page of answers, completing the response when asked, in one statement: one round
 * trip, atomic without BEGIN/COMMIT. Sub-statements cannot see each other's rows, so the response
 * is completed by its own upsert and the rest hangs off what that upsert returns (nothing once it
 * is completed: a double submit is a no-op). Parts a page does not need are left out, because
 * PostgreSQL parses and plans the whole text on every call.
 * `found` is false when an invitation source did not qualify (nothing was written);
 * `responseId` is null when the response was already completed (nothing was written).
 */
export async function saveSubmission(db: Db, agencyId: number, source: SubmissionSource, w: SubmissionWrite) {
  const params: unknown[] = [agencyId];
  const $ = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
  const parts = [`src AS (${sourceSql(source, $)})`, `resp AS (
  INSERT INTO survey_responses (agency_id, dedupe_key, survey_id, version, invitation_id, poster_id, interaction_id, service_id, channel_id,
                                branch_id, provider_id, stage_id, employee_pid, locale, status, completed_at)
  SELECT $1::int, dedupe_key, survey_id, version, invitation_id, poster_id, interaction_id, service_id, channel_id, branch_id, provider_id, stage_id,
         employee_pid, ${$(w.locale, 'text')}, ${w.complete ? `'completed', now()` : `'partial', NULL`}
    FROM src
  ON CONFLICT (agency_id, dedupe_key) DO UPDATE SET status = EXCLUDED.status, completed_at = EXCLUDED.completed_at
   WHERE survey_responses.status = 'partial'
  RETURNING id, survey_id, invitation_id, interaction_id, service_id, channel_id, branch_id, provider_id)`];
  const a = w.answers;
  if (a.length) {
    parts.push(`answers AS (
  INSERT INTO survey_answers (agency_id, response_id, survey_id, question_key, kind, component, driver, score, choices, text_value)
  SELECT $1::int, r.id, r.survey_id, u.k, u.kind, u.comp, u.drv, u.score, CASE WHEN u.ch IS NULL THEN NULL ELSE string_to_array(u.ch, chr(31)) END, u.txt
    FROM resp r, unnest(${$(a.map((x) => x.question_key), 'text[]')}, ${$(a.map((x) => x.kind), 'text[]')}, ${$(a.map((x) => x.component), 'text[]')},
                        ${$(a.map((x) => x.driver), 'text[]')}, ${$(a.map((x) => x.score), 'smallint[]')},
                        ${$(a.map((x) => (x.choices ? x.choices.join('\u001f') : null)), 'text[]')}, ${$(a.map((x) => x.text_value), 'text[]')})
         AS u(k, kind, comp, drv, score, ch, txt)
  ON CONFLICT (agency_id, response_id, question_key) DO UPDATE
     SET score = EXCLUDED.score, choices = EXCLUDED.choices, text_value = EXCLUDED.text_value, answered_at = now()
  RETURNING 1)`);
  }
  if (w.cleared.length) {
    parts.push(`cleared AS (
  DELETE FROM survey_answers a USING resp r WHERE a.agency_id = $1 AND a.response_id = r.id AND a.question_key = ANY(${$(w.cleared, 'text[]')}) RETURNING 1)`);
  }
  const jobs: string[] = [];
  if (w.texts.length) {
    const t = w.texts;
    parts.push(`texts AS (
  INSERT INTO text_items (agency_id, source_type, source_id, text, text_norm, beneficiary_pid, service_id, branch_id, channel_id, provider_id, interaction_id)
  SELECT $1::int, 'survey_answer', r.id || ':' || u.k, u.txt, u.norm, src.beneficiary_pid, r.service_id, r.branch_id, r.channel_id, r.provider_id, r.interaction_id
    FROM resp r, src, unnest(${$(t.map((x) => x.question_key), 'text[]')}, ${$(t.map((x) => x.text), 'text[]')}, ${$(t.map((x) => x.text_norm), 'text[]')})
         AS u(k, txt, norm)
  ${SURVEY_ANSWER_TEXT_CONFLICT}
  RETURNING 1)`);
    // One analysis job when a text is new or changed.
    jobs.push(`SELECT ${$(w.textJob.name, 'text')}, ${$(w.textJob.payload, 'jsonb')}, NULL::text, ${$(w.textJob.maxAttempts, 'int')} WHERE EXISTS (SELECT 1 FROM texts)`);
  }
  if (w.complete) {
    if ('invitationId' in source) {
      parts.push(`invitation AS (
  UPDATE survey_invitations i SET status = 'completed', completed_at = now() FROM resp r WHERE i.agency_id = $1 AND i.id = r.invitation_id RETURNING 1)`);
    }
    parts.push(`hooks AS (
  INSERT INTO survey_webhook_deliveries (agency_id, webhook_id, response_id)
  SELECT w.agency_id, w.id, r.id FROM survey_webhooks w, resp r WHERE w.agency_id = $1 AND w.active
  ON CONFLICT DO NOTHING RETURNING webhook_id, response_id)`);
    jobs.push(`SELECT ${$(w.webhookJob.name, 'text')}, jsonb_build_object('webhookId', h.webhook_id, 'responseId', h.response_id),
         'survey-webhook:' || $1::int || ':' || h.webhook_id || ':' || h.response_id, ${$(w.webhookJob.maxAttempts, 'int')}
    FROM hooks h`);
  }
  if (jobs.length) {
    parts.push(`jobs AS (
  INSERT INTO jobs (agency_id, name, payload, dedupe_key, max_attempts)
  SELECT $1::int, j.* FROM (${jobs.join(' UNION ALL ')}) AS j
  ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1)`);
  }
  const rows = await db.query<{ found: boolean; response_id: number | null }>(
    `WITH ${parts.join(',\n')}\nSELECT EXISTS (SELECT 1 FROM src) AS found, (SELECT id FROM resp) AS response_id`, params, { prepare: true });
  return { found: rows[0].found, responseId: rows[0].response_id };
}

/**
 * The response's context. An invitation source yields nothing unless the invitation has that
 * survey version, is not completed and its survey is not archived, so the page may save
 * without reading the invitation first.
 */
function sourceSql(source: SubmissionSource, $: (value: unknown, type: string) => string) {
  if ('invitationId' in source) {
    // Fenced so the planner finds the invitation by its key, not by the (agency, survey) index.
    return `WITH i AS MATERIALIZED (SELECT * FROM survey_invitations WHERE agency_id = $1 AND id = ${$(source.invitationId, 'bigint')})
  SELECT 'i:' || i.id AS dedupe_key, i.survey_id, i.version, i.id AS invitation_id, NULL::int AS poster_id, i.interaction_id,
         i.service_id, i.channel_id, i.branch_id, i.provider_id, i.stage_id, i.employee_pid, i.beneficiary_pid
    FROM i JOIN surveys s ON s.agency_id = i.agency_id AND s.id = i.survey_id
   WHERE i.survey_id = ${$(source.surveyId, 'int')} AND i.version = ${$(source.version, 'int')} AND i.status <> 'completed' AND s.status <> 'archived'`;
  }
  const c = source.context;
  return `SELECT ${$(source.dedupeKey, 'text')} AS dedupe_key, ${$(c.survey_id, 'int')} AS survey_id, ${$(c.version, 'int')} AS version,
         ${$(c.invitation_id, 'bigint')} AS invitation_id, ${$(c.poster_id, 'int')} AS poster_id, ${$(c.interaction_id, 'bigint')} AS interaction_id,
         ${$(c.service_id, 'int')} AS service_id, ${$(c.channel_id, 'int')} AS channel_id, ${$(c.branch_id, 'int')} AS branch_id,
         ${$(c.provider_id, 'int')} AS provider_id, ${$(c.stage_id, 'int')} AS stage_id, ${$(c.employee_pid, 'text')} AS employee_pid,
         NULL::text AS beneficiary_pid`;
}
