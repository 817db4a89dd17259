import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { getAgencyById } from '../../http/agency-scope.ts';
import { enqueueJob, defineJob } from '../../jobs/jobs.ts';
import { registerIngestHook } from '../interactions/ingest-hooks.ts';
import { registerDemoExtension } from '../demo/demo-extensions.ts';
import { queueRefreshBatch } from './journeys.queries.ts';
import { expireOpenJourneys, processRefreshQueue, rebuildJourneysAndRollups } from './journeys.service.ts';

const AgencyPayload = z.object({ agencyId: z.number().int().positive() });

// A job's dedupe key stays taken after it finishes, so the refresh job frees its own key first:
// a batch stored while it runs then enqueues the next run.
async function releaseDedupeKey(db: Db, jobId: number) {
  await db.query('UPDATE jobs SET dedupe_key = NULL WHERE id = $1', [jobId]);
}

export const refreshJourneysJob = defineJob({
  name: 'journeys.refresh',
  payload: AgencyPayload,
  async run(services, { agencyId }, job) {
    await releaseDedupeKey(services.db, job.id);
    const agency = await getAgencyById(services.db, agencyId);
    if (!agency) return;
    await processRefreshQueue(services.db, agency);
    await scheduleDailyExpiry(services.db, agencyId);
  },
});

/** Daily: open journeys that went quiet become dropped; also a safety net for the queue. */
export const expireJourneysJob = defineJob({
  name: 'journeys.expire',
  payload: AgencyPayload,
  async run(services, { agencyId }) {
    const agency = await getAgencyById(services.db, agencyId);
    if (!agency) return;
    await processRefreshQueue(services.db, agency);
    await expireOpenJourneys(services.db, agency);
    await scheduleDailyExpiry(services.db, agencyId, 1);
  },
});

async function scheduleDailyExpiry(db: Db, agencyId: number, daysAhead = 0) {
  const runAt = new Date(Date.now() + (daysAhead + 1) * 86_400_000);
  const day = runAt.toISOString().slice(0, 10);
  await enqueueJob(db, expireJourneysJob, { agencyId }, { agencyId, runAt, dedupeKey: `journeys.expire:${agencyId}:${day}` });
}

// Every stored batch queues its id range (one small row) and a refresh run; the heavy work
// (journeys, rollups) happens in the job, outside the ingest transaction's critical path.
registerIngestHook('journeys', async (tx, agency, inserted) => {
  let min = Infinity;
  let max = -Infinity;
  for (const r of inserted) {
    if (r.id < min) min = r.id;
    if (r.id > max) max = r.id;
  }
  await queueRefreshBatch(tx, agency.id, min, max);
  await enqueueJob(tx, refreshJourneysJob, { agencyId: agency.id }, { agencyId: agency.id, dedupeKey: `journeys.refresh:${agency.id}` });
});

// The demo stores ~90 days at once: one full rebuild is faster than the queued batches.
registerDemoExtension('journeys', async (services, agency) => {
  await rebuildJourneysAndRollups(services.db, agency);
});
