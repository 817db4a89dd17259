import type { IngestSummary } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import type { AgencyRef, Services } from '../../http/context.ts';
import { hasIngestHooks, runIngestHooks, type StoredInteraction } from '../interactions/ingest-hooks.ts';
import { IngestTally, type Problem } from '../interactions/interactions.pipeline.ts';
import { insertInteractionBatch } from '../interactions/interactions.queries.ts';
import {
  callPseudonymizer, INTERACTION_OUTCOME_OF_CALL, resolveCallService, validateCallRow, type CallProblem, type ValidCall,
} from './call-pipeline.ts';
import { getServiceIdsByCode, getVoiceChannelId, insertCallBatch, type CallRow } from './contact-centre.queries.ts';

/** Source of the voice interactions made from calls (external_id = call_id). */
export const CALLS_SOURCE = 'calls';

// IngestTally types codes as the interactions' union; call codes are registered messages too.
const asProblem = (p: CallProblem) => p as Problem;

/**
 * Stores batches of call records: validate → resolve service → pseudonymize → store calls,
 * add them to the interval rollup, and record each new call as an interaction on the voice
 * channel (so it enters journeys and repeat contact) — all in the caller's transaction.
 */
export class CallIngestor {
  private constructor(
    private readonly agency: AgencyRef,
    private readonly serviceIds: Map<string, number>,
    private readonly voiceChannelId: number | null,
    private readonly toCallRow: ReturnType<typeof callPseudonymizer>,
  ) {}

  static async load(db: Db, agency: AgencyRef, pseudonymKey: string) {
    const [serviceIds, voiceChannelId] = await Promise.all([getServiceIdsByCode(db, agency.id), getVoiceChannelId(db, agency.id)]);
    return new CallIngestor(agency, serviceIds, voiceChannelId, callPseudonymizer(pseudonymKey, agency.id));
  }

  /**
   * Validates and stores one batch; `items` are raw records with their 1-based row numbers.
   * `runHooks: false` (the demo, which rebuilds derived data once at the end) skips ingest hooks.
   */
  async ingestBatch(tx: Db, items: { raw: Record<string, unknown>; row: number }[], tally: IngestTally, importId: number | null, opts: { runHooks?: boolean } = {}) {
    const rows: CallRow[] = [];
    const firstRow = new Map<string, number>();
    for (const { raw, row } of items) {
      const v = validateCallRow(raw, row, this.agency.timezone);
      if (!v.ok) {
        tally.drop(row, [asProblem(v.problem)]);
        continue;
      }
      const first = firstRow.get(v.value.call_id);
      if (first !== undefined) {
        tally.drop(row, [{ code: 'duplicate_in_batch', field: 'call_id', params: { value: v.value.call_id.slice(0, 60), first } }]);
        continue;
      }
      const service = resolveCallService(v.value, this.serviceIds);
      if (!service.ok) {
        tally.drop(row, [asProblem(service.problem)]);
        continue;
      }
      firstRow.set(v.value.call_id, row);
      rows.push(this.toCallRow(v.value as ValidCall, service.value));
    }
    const inserted = await insertCallBatch(tx, this.agency.id, importId, this.agency.timezone, rows);
    tally.stored(rows.length, inserted.length);
    await this.storeVoiceInteractions(tx, rows, new Set(inserted.map((r) => r.call_id)), tally, importId, opts.runHooks !== false && hasIngestHooks());
  }

  private async storeVoiceInteractions(tx: Db, rows: CallRow[], newCallIds: Set<string>, tally: IngestTally, importId: number | null, runHooks: boolean) {
    const interactions: StoredInteraction[] = [];
    const skip = (reason: string) => (tally.drop_reasons[reason] = (tally.drop_reasons[reason] ?? 0) + 1);
    for (const c of rows) {
      if (!newCallIds.has(c.call_id)) continue;
      // An interaction needs a person, a service and a channel; the call itself is still counted.
      if (this.voiceChannelId === null) skip('call_interaction_no_voice_channel');
      else if (c.caller_pid === null) skip('call_interaction_no_caller');
      else if (c.service_id === null) skip('call_interaction_no_service');
      else {
        const wait = (c.answered_at ?? c.ended_at ?? c.arrived_at).getTime() - c.arrived_at.getTime();
        interactions.push({
          source: CALLS_SOURCE, external_id: c.call_id, beneficiary_pid: c.caller_pid, service_id: c.service_id,
          channel_id: this.voiceChannelId, branch_id: null, provider_id: null, stage_id: null, reason_id: null,
          employee_pid: c.agent_pid, started_at: c.arrived_at, ended_at: c.ended_at,
          wait_seconds: c.outcome === 'ivr' ? null : Math.round(wait / 1000),
          outcome: INTERACTION_OUTCOME_OF_CALL[c.outcome], attributes: { queue: c.queue, call_outcome: c.outcome },
        });
      }
    }
    const { inserted } = await insertInteractionBatch(tx, this.agency.id, interactions, importId, { withRows: runHooks });
    if (runHooks) await runIngestHooks(tx, this.agency, inserted);
  }
}

/** API ingestion: all items in one transaction; rows numbered 1..n in the request. */
export async function ingestCallItems(services: Services, agency: AgencyRef, items: unknown[]): Promise<IngestSummary> {
  const tally = new IngestTally();
  const ingestor = await CallIngestor.load(services.db, agency, services.secrets.pseudonymKey);
  const rows = items.map((item, i) => ({
    raw: item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {},
    row: i + 1,
  }));
  await services.db.transaction((tx) => ingestor.ingestBatch(tx, rows, tally, null));
  tally.sortBatchErrors();
  return tally.summary();
}
