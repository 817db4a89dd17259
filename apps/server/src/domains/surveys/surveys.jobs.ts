import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { getAgencyById } from '../../http/agency-scope.ts';
import { defineJob, enqueueJob } from '../../jobs/jobs.ts';
import { registerIngestHook } from '../interactions/ingest-hooks.ts';
import { runCampaign } from './campaigns.ts';
import { invitePostService } from './distribution.service.ts';
import { markInvitation } from './distribution.queries.ts';
import { sendInvitation } from './sending.ts';
import { currentSurveyRuntime, surveyRuntime } from './survey-runtime.ts';
import { deliverWebhook, WEBHOOK_MAX_ATTEMPTS } from './webhooks.ts';
import './surveys.demo.ts';

// Durable survey work: sending invitations, periodic campaign runs, webhook deliveries.

const SEND_ATTEMPTS = 6;

/** Sends a batch of invitations; failures stay pending and the job retries only those. */
export const sendInvitationsJob = defineJob({
  name: 'surveys.send',
  payload: z.object({ ids: z.array(z.number().int().positive()).min(1) }),
  async run(services, payload, job) {
    const agency = job.agencyId === null ? undefined : await getAgencyById(services.db, job.agencyId);
    if (!agency) return;
    const failed: number[] = [];
    let deferredTo: Date | null = null;
    const deferred: number[] = [];
    for (const id of payload.ids) {
      try {
        const r = await sendInvitation(services, agency, id);
        if (r.outcome === 'deferred') {
          deferred.push(id);
          deferredTo = r.retryAt!;
        }
      } catch (err) {
        services.log.warn({ err, invitation: id }, 'survey invitation send failed');
        failed.push(id);
      }
    }
    if (deferred.length) {
      await enqueueJob(services.db, sendInvitationsJob, { ids: deferred }, { agencyId: agency.id, runAt: deferredTo!, maxAttempts: SEND_ATTEMPTS });
    }
    if (failed.length && job.attempts >= SEND_ATTEMPTS) {
      for (const id of failed) await markInvitation(services.db, agency.id, id, 'failed');
    } else if (failed.length) {
      throw new Error(`${failed.length} of ${payload.ids.length} invitations not sent`);
    }
  },
});

export async function enqueueInvitationSends(tx: Db, agencyId: number, created: { id: number; send_at: Date | null }[]) {
  // All invitations decided together share one send time; one job per send time.
  const bySendAt = new Map<number, number[]>();
  for (const c of created) {
    const at = c.send_at?.getTime() ?? Date.now();
    bySendAt.set(at, [...(bySendAt.get(at) ?? []), c.id]);
  }
  for (const [at, ids] of bySendAt) {
    for (let i = 0; i < ids.length; i += 1000) {
      await enqueueJob(tx, sendInvitationsJob, { ids: ids.slice(i, i + 1000) }, { agencyId, runAt: new Date(at), maxAttempts: SEND_ATTEMPTS });
    }
  }
}

export const campaignRunJob = defineJob({
  name: 'surveys.campaign',
  payload: z.object({ campaignId: z.number().int().positive(), at: z.string() }),
  async run(services, payload, job) {
    if (job.agencyId === null) return;
    surveyRuntime(services);
    await runCampaign(services, job.agencyId, payload.campaignId, new Date(Math.max(Date.now(), Date.parse(payload.at))));
  },
});

export const webhookDeliveryJob = defineJob({
  name: 'surveys.webhook',
  payload: z.object({ webhookId: z.number().int().positive(), responseId: z.number().int().positive() }),
  backoffSeconds: (attempt) => Math.min(6 * 3600, 10 * 3 ** (attempt - 1)),
  async run(services, payload, job) {
    if (job.agencyId === null) return;
    await deliverWebhook(services, job.agencyId, payload.webhookId, payload.responseId, { attempt: job.attempts, maxAttempts: WEBHOOK_MAX_ATTEMPTS });
  },
});

registerIngestHook('surveys.post-service', (tx, agency, inserted) => invitePostService(tx, agency, inserted, currentSurveyRuntime()));
