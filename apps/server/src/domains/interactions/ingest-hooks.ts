import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';

export type Outcome = 'completed' | 'failed' | 'abandoned' | 'transferred';

/** An interaction as stored: catalog ids resolved, person identifiers pseudonymized. */
export interface StoredInteraction {
  source: string;
  external_id: string;
  beneficiary_pid: string;
  service_id: number;
  channel_id: number;
  branch_id: number | null;
  provider_id: number | null;
  stage_id: number | null;
  reason_id: number | null;
  employee_pid: string | null;
  started_at: Date;
  ended_at: Date | null;
  wait_seconds: number | null;
  outcome: Outcome;
  attributes: Record<string, unknown> | null;
}

export interface InsertedInteraction extends StoredInteraction {
  id: number;
  agency_id: number;
}

export type IngestHook = (tx: Db, agency: AgencyRef, inserted: InsertedInteraction[]) => Promise<void>;

const HOOKS = new Map<string, IngestHook>();

/**
 * Other domains (survey invitations, rollups, journeys) react to new interactions here. Hooks
 * run inside the transaction that stored the batch, so a failing hook rolls the batch back.
 */
export function registerIngestHook(name: string, fn: IngestHook) {
  HOOKS.set(name, fn);
}

export function unregisterIngestHook(name: string) {
  HOOKS.delete(name);
}

export const hasIngestHooks = () => HOOKS.size > 0;

export async function runIngestHooks(tx: Db, agency: AgencyRef, inserted: InsertedInteraction[]) {
  if (inserted.length === 0) return;
  for (const fn of HOOKS.values()) await fn(tx, agency, inserted);
}
