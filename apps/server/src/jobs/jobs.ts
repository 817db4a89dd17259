import type { z } from 'zod';
import type { Db } from '../db/db.ts';
import type { Services } from '../http/context.ts';

export interface JobDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
  name: string;
  payload: S;
  run: (services: Services, payload: z.infer<S>, job: { id: number; agencyId: number | null; attempts: number }) => Promise<void>;
  /** Seconds before retry n (1-based). */
  backoffSeconds?: (attempt: number) => number;
}

const REGISTRY = new Map<string, JobDefinition>();

/** Domains register their jobs at import time; the worker runs whatever is registered. */
export function defineJob<S extends z.ZodTypeAny>(def: JobDefinition<S>): JobDefinition<S> {
  REGISTRY.set(def.name, def as unknown as JobDefinition);
  return def;
}

export const registeredJobs = () => [...REGISTRY.keys()];

export async function enqueueJob<S extends z.ZodTypeAny>(
  db: Db,
  def: JobDefinition<S>,
  payload: z.infer<S>,
  opts: { agencyId?: number | null; runAt?: Date; dedupeKey?: string; maxAttempts?: number } = {},
): Promise<number | null> {
  const checked = def.payload.parse(payload);
  const rows = await db.query<{ id: number }>(
    `INSERT INTO jobs (agency_id, name, payload, run_at, dedupe_key, max_attempts)
     VALUES ($1, $2, $3, coalesce($4, now()), $5, $6)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [opts.agencyId ?? null, def.name, JSON.stringify(checked), opts.runAt ?? null, opts.dedupeKey ?? null, opts.maxAttempts ?? 5],
  );
  return rows[0]?.id ?? null;
}

interface JobRow {
  id: number;
  agency_id: number | null;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/** Claims and runs one due job. Returns false when nothing was due. */
export async function runOneJob(services: Services): Promise<boolean> {
  const { db, log } = services;
  const rows = await db.query<JobRow>(
    `UPDATE jobs SET status = 'running', locked_at = now(), attempts = attempts + 1
      WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= now()
                   ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, agency_id, name, payload, attempts, max_attempts`,
  );
  const job = rows[0];
  if (!job) return false;
  const def = REGISTRY.get(job.name);
  try {
    if (!def) throw new Error(`no job registered as ${job.name}`);
    await def.run(services, def.payload.parse(job.payload), { id: job.id, agencyId: job.agency_id, attempts: job.attempts });
    await db.query(`UPDATE jobs SET status = 'done', done_at = now(), last_error = NULL WHERE id = $1`, [job.id]);
  } catch (err) {
    const final = job.attempts >= job.max_attempts;
    const delay = def?.backoffSeconds?.(job.attempts) ?? Math.min(3600, 5 * 2 ** job.attempts);
    log.warn({ err, job: job.name, id: job.id, final }, 'job failed');
    await db.query(
      `UPDATE jobs SET status = $2, last_error = $3, locked_at = NULL,
              run_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [job.id, final ? 'failed' : 'queued', String((err as Error)?.message ?? err).slice(0, 2000), delay],
    );
  }
  return true;
}

/** Runs due jobs until none is left (tests and CLI use this instead of the timer). */
export async function drainJobs(services: Services, max = 10_000) {
  let n = 0;
  while (n < max && (await runOneJob(services))) n++;
  return n;
}

/**
 * Background worker. Jobs left 'running' by a crashed process are re-queued at start, so
 * work survives restarts.
 */
export function startWorker(services: Services, intervalMs = 1000) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      while (!stopped && (await runOneJob(services)));
    } catch (err) {
      services.log.error({ err }, 'job worker error');
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  const ready = services.db
    .query(`UPDATE jobs SET status = 'queued', locked_at = NULL WHERE status = 'running' AND locked_at < now() - interval '10 minutes'`)
    .then(() => tick());
  return {
    ready,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
