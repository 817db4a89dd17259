import type { Db } from '../../db/db.ts';

// Integrator webhooks and their deliveries.

export interface WebhookRow {
  id: number;
  url: string;
  secret: string;
  active: boolean;
  created_at: Date;
}

export async function insertWebhook(db: Db, agencyId: number, url: string, secret: string) {
  const rows = await db.query<WebhookRow>(
    'INSERT INTO survey_webhooks (agency_id, url, secret) VALUES ($1, $2, $3) RETURNING id, url, secret, active, created_at',
    [agencyId, url, secret],
  );
  return rows[0];
}

export const listWebhooks = (db: Db, agencyId: number) =>
  db.query<WebhookRow>('SELECT id, url, secret, active, created_at FROM survey_webhooks WHERE agency_id = $1 ORDER BY id', [agencyId]);

export async function getWebhook(db: Db, agencyId: number, id: number) {
  return (await db.query<WebhookRow>('SELECT id, url, secret, active, created_at FROM survey_webhooks WHERE agency_id = $1 AND id = $2', [agencyId, id]))[0];
}

export async function deleteWebhook(db: Db, agencyId: number, id: number) {
  return (await db.query('DELETE FROM survey_webhooks WHERE agency_id = $1 AND id = $2 RETURNING id', [agencyId, id])).length > 0;
}

/** One pending delivery per active webhook for a completed response; returns the webhook ids. */
export async function insertDeliveries(db: Db, agencyId: number, responseId: number) {
  const rows = await db.query<{ webhook_id: number }>(
    `INSERT INTO survey_webhook_deliveries (agency_id, webhook_id, response_id)
     SELECT agency_id, id, $2 FROM survey_webhooks WHERE agency_id = $1 AND active
     ON CONFLICT DO NOTHING RETURNING webhook_id`,
    [agencyId, responseId],
  );
  return rows.map((r) => r.webhook_id);
}

export async function recordDeliveryAttempt(db: Db, agencyId: number, webhookId: number, responseId: number, r: { ok: boolean; status: number | null; error: string | null; final: boolean }) {
  await db.query(
    `UPDATE survey_webhook_deliveries SET attempts = attempts + 1, last_status = $4, last_error = $5,
            status = CASE WHEN $6 THEN 'delivered' WHEN $7 THEN 'failed' ELSE 'pending' END,
            delivered_at = CASE WHEN $6 THEN now() ELSE delivered_at END
      WHERE agency_id = $1 AND webhook_id = $2 AND response_id = $3`,
    [agencyId, webhookId, responseId, r.status, r.error, r.ok, r.final],
  );
}

/** The `response.completed` event body: the response with catalog codes and its answers. */
export async function getCompletedResponseEvent(db: Db, agencyId: number, responseId: number) {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT r.id AS response_id, s.code AS survey, r.version, r.locale, r.completed_at,
            sv.code AS service, b.code AS branch, ch.code AS channel, p.code AS provider, st.code AS stage,
            i.external_id AS interaction_external_id, i.source AS interaction_source,
            coalesce((SELECT jsonb_object_agg(a.question_key, coalesce(to_jsonb(a.score), to_jsonb(a.choices), to_jsonb(a.text_value)))
                        FROM survey_answers a WHERE a.agency_id = r.agency_id AND a.response_id = r.id), '{}'::jsonb) AS answers
       FROM survey_responses r
       JOIN surveys s ON s.agency_id = r.agency_id AND s.id = r.survey_id
       LEFT JOIN services sv ON sv.agency_id = r.agency_id AND sv.id = r.service_id
       LEFT JOIN branches b ON b.agency_id = r.agency_id AND b.id = r.branch_id
       LEFT JOIN channels ch ON ch.agency_id = r.agency_id AND ch.id = r.channel_id
       LEFT JOIN providers p ON p.agency_id = r.agency_id AND p.id = r.provider_id
       LEFT JOIN stages st ON st.agency_id = r.agency_id AND st.id = r.stage_id
       LEFT JOIN interactions i ON i.agency_id = r.agency_id AND i.id = r.interaction_id
      WHERE r.agency_id = $1 AND r.id = $2 AND r.status = 'completed'`,
    [agencyId, responseId],
  );
  return rows[0];
}
