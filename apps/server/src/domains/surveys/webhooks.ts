import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/db.ts';
import { getAgencyById } from '../../http/agency-scope.ts';
import type { Services } from '../../http/context.ts';
import { getCompletedResponseEvent, getWebhook, recordDeliveryAttempt } from './webhooks.queries.ts';

// `response.completed` webhooks: HMAC-SHA256 over "<timestamp>.<body>" in
// `X-Tajriba-Signature: t=<unix seconds>,v1=<hex>`; delivered by a durable job with retries.

export const SIGNATURE_HEADER = 'x-tajriba-signature';
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export const signWebhook = (secret: string, t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

/** What a receiver does: recompute, compare in constant time, refuse stale timestamps (replays). */
export function verifyWebhookSignature(secret: string, header: string | null | undefined, body: string, nowMs = Date.now(), toleranceSec = 300) {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowMs / 1000 - t) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, t, body));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Deliveries retry with back-off up to this many attempts (the job is queued by the response's save). */
export const WEBHOOK_MAX_ATTEMPTS = 8;

/** One delivery attempt; throws on failure so the job retries with back-off. */
export async function deliverWebhook(services: Services, agencyId: number, webhookId: number, responseId: number, o: { attempt: number; maxAttempts: number }) {
  const { db } = services;
  const hook = await getWebhook(db, agencyId, webhookId);
  const agency = await getAgencyById(db, agencyId);
  const event = await getCompletedResponseEvent(db, agencyId, responseId);
  if (!hook || !hook.active || !agency || !event) return;
  const body = JSON.stringify({ event: 'response.completed', agency: agency.slug, data: event });
  const t = Math.floor(Date.now() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: `t=${t},v1=${signWebhook(hook.secret, t, body)}`, 'user-agent': 'Tajriba-Webhook/1' },
      body,
      signal: AbortSignal.timeout(10_000),
      redirect: 'manual',
    });
    status = res.status;
    await res.body?.cancel();
    if (!res.ok) error = `HTTP ${res.status}`;
  } catch (e) {
    error = (e as Error).message;
  }
  const ok = error === null;
  await recordDeliveryAttempt(db, agencyId, webhookId, responseId, { ok, status, error, final: !ok && o.attempt >= o.maxAttempts });
  if (!ok) throw new Error(`webhook ${webhookId} delivery failed: ${error}`);
}
