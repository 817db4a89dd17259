import type { Db } from '../../db/db.ts';

// Bulk writes for the demo agency's survey history (timestamps in the past, one statement each).

export async function sampleDemoInteractions(db: Db, agencyId: number, every: number) {
  return db.query<{
    id: number; beneficiary_pid: string; service_id: number; channel_id: number; branch_id: number | null; provider_id: number | null;
    stage_id: number | null; employee_pid: string | null; ended_at: Date; wait_seconds: number | null;
  }>(
    `SELECT id, beneficiary_pid, service_id, channel_id, branch_id, provider_id, stage_id, employee_pid,
            coalesce(ended_at, started_at) AS ended_at, wait_seconds
       FROM interactions WHERE agency_id = $1 AND outcome = 'completed' AND id % $2 = 0 ORDER BY id`,
    [agencyId, every],
  );
}

export interface DemoInvitation {
  interaction_id: number | null; beneficiary_pid: string; service_id: number | null; channel_id: number | null; branch_id: number | null;
  provider_id: number | null; stage_id: number | null; employee_pid: string | null; created_at: Date; completed_at: Date | null;
}

/** Invitations (sent or completed) with their historical times; returns ids in input order. */
export async function insertDemoInvitations(db: Db, agencyId: number, surveyId: number, campaignId: number | null, rows: DemoInvitation[]) {
  const col = <K extends keyof DemoInvitation>(k: K) => rows.map((r) => r[k]);
  return db.query<{ id: number }>(
    `INSERT INTO survey_invitations (agency_id, survey_id, version, campaign_id, delivery, status, interaction_id, beneficiary_pid, service_id,
                                     channel_id, branch_id, provider_id, stage_id, employee_pid, created_at, send_at, sent_at, expires_at, completed_at)
     SELECT $1, $2, 1, $3, 'sms', CASE WHEN u.done IS NULL THEN 'sent' ELSE 'completed' END, u.iid, u.pid, u.svc, u.ch, u.br, u.pr, u.st, u.emp,
            u.at, u.at, u.at, u.at + interval '14 days', u.done
       FROM unnest($4::bigint[], $5::text[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[], $11::text[], $12::timestamptz[], $13::timestamptz[])
            WITH ORDINALITY AS u(iid, pid, svc, ch, br, pr, st, emp, at, done, ord)
      ORDER BY u.ord RETURNING id`,
    [agencyId, surveyId, campaignId, col('interaction_id'), col('beneficiary_pid'), col('service_id'), col('channel_id'), col('branch_id'),
      col('provider_id'), col('stage_id'), col('employee_pid'), col('created_at'), col('completed_at')],
  );
}

/** Completed responses for the given invitations; returns response ids in input order. */
export async function insertDemoResponses(db: Db, agencyId: number, invitationIds: number[]) {
  return db.query<{ id: number }>(
    `INSERT INTO survey_responses (agency_id, survey_id, version, dedupe_key, invitation_id, interaction_id, service_id, channel_id, branch_id,
                                   provider_id, stage_id, employee_pid, locale, status, started_at, completed_at)
     SELECT i.agency_id, i.survey_id, i.version, 'i:' || i.id, i.id, i.interaction_id, i.service_id, i.channel_id, i.branch_id, i.provider_id,
            i.stage_id, i.employee_pid, CASE WHEN i.id % 9 = 0 THEN 'en' ELSE 'ar' END, 'completed', i.completed_at - interval '2 minutes', i.completed_at
       FROM unnest($2::bigint[]) WITH ORDINALITY AS u(id, ord)
       JOIN survey_invitations i ON i.agency_id = $1 AND i.id = u.id
      ORDER BY u.ord RETURNING id`,
    [agencyId, invitationIds],
  );
}

export interface DemoAnswer {
  response_id: number; question_key: string; kind: string; component: string; driver: string | null;
  score: number | null; choices: string | null; text_value: string | null; at: Date;
}

export async function insertDemoAnswers(db: Db, agencyId: number, surveyId: number, rows: DemoAnswer[]) {
  const col = <K extends keyof DemoAnswer>(k: K) => rows.map((r) => r[k]);
  await db.query(
    `INSERT INTO survey_answers (agency_id, response_id, survey_id, question_key, kind, component, driver, score, choices, text_value, answered_at)
     SELECT $1, u.r, $2, u.k, u.kind, u.comp, u.drv, u.score, string_to_array(u.ch, ','), u.txt, u.at
       FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::smallint[], $9::text[], $10::text[], $11::timestamptz[])
            AS u(r, k, kind, comp, drv, score, ch, txt, at)`,
    [agencyId, surveyId, col('response_id'), col('question_key'), col('kind'), col('component'), col('driver'), col('score'),
      col('choices'), col('text_value'), col('at')],
  );
}
