import type { Context } from 'hono';
import type { Actor, AgencyRef, AppEnv, Services } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import { messageKeyOf } from '../interactions/interactions.messages.ts';
import { acceptUpload, importCsvFile, type FileImportOptions } from '../interactions/interactions.service.ts';
import { CALL_COLUMNS, REQUIRED_CALL_COLUMNS } from './call-pipeline.ts';
import { CallIngestor } from './call-ingest.ts';
import { importCallsJob } from './contact-centre.jobs.ts';

export const CALLS_IMPORT_KIND = 'calls';
// Browsers on Windows label .csv files application/vnd.ms-excel.
const CSV_TYPES = ['text/csv', 'application/octet-stream', 'text/plain', 'application/vnd.ms-excel'];

type RawCall = { raw: Record<string, unknown>; row: number };

/**
 * Call-record CSV through the shared resumable file runner (sha256-keyed import_runs, one
 * transaction per batch with its checkpoint): a rerun resumes or counts duplicates.
 */
export async function importCallsFile(services: Services, agency: AgencyRef, path: string, opts: FileImportOptions = {}) {
  return importCsvFile<RawCall>(services, agency, path, opts, {
    kind: CALLS_IMPORT_KIND,
    requiredColumns: REQUIRED_CALL_COLUMNS,
    async prepare(run, header) {
      const ingestor = await CallIngestor.load(services.db, agency, services.secrets.pseudonymKey);
      const columns = CALL_COLUMNS.map((c) => [c, header.indexOf(c)] as const).filter(([, i]) => i >= 0);
      return {
        parse: (values, row) => ({ raw: Object.fromEntries(columns.map(([c, i]) => [c, values[i] ?? ''])), row }),
        validate: (rows) => rows, // validation runs inside ingestBatch, per row
        store: (tx, rows, tally) => ingestor.ingestBatch(tx, rows, tally, run.id),
      };
    },
  });
}

/** Saves an uploaded call CSV and queues its import job. */
export async function acceptCallUpload(c: Context<AppEnv>, agency: AgencyRef, actor: Actor, fileName: string) {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!CSV_TYPES.includes(type) || !c.req.raw.body) throw new AppError('upload_content_type', 415, messageKeyOf('upload_content_type'), { field: 'body' });
  const { services } = c.var;
  const run = await acceptUpload(services, agency, actor, c.req.raw.body, { fileName, createMissing: false, kind: CALLS_IMPORT_KIND });
  await enqueueJob(services.db, importCallsJob, { importId: run.id }, { agencyId: agency.id });
  return run;
}
