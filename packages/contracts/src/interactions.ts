import { z } from 'zod';
import { ImportSummary } from './catalog.ts';

export const INTERACTION_OUTCOMES = ['completed', 'failed', 'abandoned', 'transferred'] as const;
export const MAX_INTERACTIONS_PER_REQUEST = 10_000;

// Items are checked row by row by the ingestion pipeline (so a bad row becomes a row error in
// the summary, not a 400 for the whole batch); these schemas document the shape.
const text = (description: string, example?: string) =>
  z.unknown().optional().meta({ type: 'string', description, ...(example ? { example } : {}) });

export const InteractionInput = z
  .object({
    external_id: text('Your id of the interaction; unique per agency and source', 'Q-2024-000123'),
    source: text("Sending system; default 'api'", 'branch-queue'),
    beneficiary_id: text('National ID, iqama, phone or opaque id; stored only as a keyed pseudonym', '1012345678'),
    service: text('Service code', 'work-permit'),
    channel: text('Channel code', 'branch'),
    branch: text('Branch code (optional)'),
    provider: text('Provider code (optional)'),
    stage: text("Stage code within the service's journey (optional)"),
    reason: text('Visit reason code within the service (optional)'),
    employee_id: text('Employee id (optional); stored only as a keyed pseudonym'),
    started_at: text('ISO 8601; without an offset it is agency local time', '2024-05-01T09:30:00+03:00'),
    ended_at: text('ISO 8601 (optional), not before started_at'),
    wait_seconds: z.unknown().optional().meta({ type: 'integer', minimum: 0, description: 'Seconds waited (optional)' }),
    outcome: z.unknown().optional().meta({ type: 'string', enum: [...INTERACTION_OUTCOMES] }),
    attributes: z.unknown().optional().meta({ type: 'object', description: 'Free JSON object (optional)' }),
  })
  .passthrough()
  .meta({ id: 'InteractionInput' });

export const InteractionBatch = z
  .union([z.object({ items: z.array(InteractionInput) }), InteractionInput])
  .meta({ id: 'InteractionBatch', description: `One interaction or {items:[…]} of up to ${MAX_INTERACTIONS_PER_REQUEST}` });

/** Summary of an ingestion: counts, row errors, and how many rows each reason dropped. */
export const IngestSummary = ImportSummary.extend({ drop_reasons: z.record(z.string(), z.number()) }).meta({ id: 'IngestSummary' });
export type IngestSummary = z.infer<typeof IngestSummary>;

export const ImportStatus = z.enum(['queued', 'running', 'done', 'failed']);
export const ImportRun = IngestSummary.extend({
  import_id: z.number(),
  kind: z.string(),
  file_name: z.string(),
  status: ImportStatus,
  rows_committed: z.number(),
  /** Rows in the file as counted before the import (an estimate: embedded line breaks count). */
  total_rows: z.number().nullable(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
}).meta({ id: 'ImportRun' });
export type ImportRun = z.infer<typeof ImportRun>;
export const ImportAccepted = z.object({ import_id: z.number() }).meta({ id: 'ImportAccepted' });
