import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { MAX_INTERACTIONS_PER_REQUEST, type ImportRun, type IngestSummary } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import { actorLabel } from '../../http/auth.ts';
import type { Actor, AgencyRef, Services } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { inspectCsvFile, openCsvFile, saveAndInspect } from '../../lib/csv-input.ts';
import { pseudonymizer } from '../../lib/pseudonym.ts';
import { CatalogResolver } from './catalog-resolver.ts';
import { hasIngestHooks, runIngestHooks } from './ingest-hooks.ts';
import {
  csvRowParser, IngestTally, parseJsonItem, pseudonymizeBatch, REQUIRED_FIELDS, validateBatch, type WorkRow,
} from './interactions.pipeline.ts';
import * as q from './interactions.queries.ts';

export const IMPORT_KIND = 'interactions';
/** Rows per stored batch and per file checkpoint: bigger batches amortize each commit's fsync. */
export const STORE_BATCH = 20_000;
/** Batch size of file kinds that do not choose one (call records…). */
const DEFAULT_FILE_BATCH = 5_000;
/** Errors kept per file import (counts stay exact beyond it). */
export const MAX_IMPORT_ERRORS = 1_000;
export const DEFAULT_FILE_SOURCE = 'csv';

interface IngestContext {
  agency: AgencyRef;
  resolver: CatalogResolver;
  pseudonym: (raw: string) => string;
  pidCache: Map<string, string>;
  importId: number | null;
}

async function newContext(services: Services, agency: AgencyRef, o: { createMissing: boolean; actor: Actor | null; importId: number | null }): Promise<IngestContext> {
  return {
    agency,
    resolver: await CatalogResolver.load(services.db, agency.id, o),
    pseudonym: pseudonymizer(services.secrets.pseudonymKey, agency.id),
    pidCache: new Map(),
    importId: o.importId,
  };
}

/** Steps resolve → pseudonymize: in the batch's transaction when they may create catalog codes. */
async function resolveAndPseudonymize(db: Db, ctx: IngestContext, valid: WorkRow[], tally: IngestTally) {
  const resolved = await ctx.resolver.resolveBatch(db, valid, tally);
  return pseudonymizeBatch(resolved, ctx.pseudonym, ctx.pidCache);
}

/** Steps (resolve → pseudonymize unless done) → store (+ ingest hooks), inside the caller's transaction. */
async function storeValidRows(tx: Db, ctx: IngestContext, valid: WorkRow[], tally: IngestTally, prepared = false) {
  const resolved = prepared ? valid : await resolveAndPseudonymize(tx, ctx, valid, tally);
  const withRows = hasIngestHooks();
  for (let i = 0; i < resolved.length; i += STORE_BATCH) {
    const chunk = resolved.slice(i, i + STORE_BATCH);
    const { inserted, count } = await q.insertInteractionBatch(tx, ctx.agency.id, chunk, ctx.importId, { withRows });
    tally.stored(chunk.length, count);
    await runIngestHooks(tx, ctx.agency, inserted);
  }
}

/** The items of a POST body: one object, or {items:[…]} of at most 10,000. */
export function itemsOfBody(body: unknown): unknown[] {
  const items = body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items) ? (body as { items: unknown[] }).items : [body];
  if (items.length > MAX_INTERACTIONS_PER_REQUEST) {
    throw new AppError('batch_too_large', 413, 'ingest_batch_too_large', { field: 'items', params: { count: items.length, max: MAX_INTERACTIONS_PER_REQUEST } });
  }
  return items;
}

/** API ingestion: all items in one transaction; rows numbered 1..n in the request. */
export async function ingestItems(services: Services, agency: AgencyRef, actor: Actor | null, items: unknown[], opts: { createMissing?: boolean } = {}): Promise<IngestSummary> {
  const tally = new IngestTally();
  tally.startBatch();
  const parsed: WorkRow[] = [];
  items.forEach((item, i) => {
    const r = parseJsonItem(item, i + 1, 'api');
    if (Array.isArray(r)) tally.drop(i + 1, r);
    else parsed.push(r);
  });
  const valid = validateBatch(parsed, agency.timezone, tally);
  const ctx = await newContext(services, agency, { createMissing: opts.createMissing ?? false, actor, importId: null });
  await services.db.transaction((tx) => storeValidRows(tx, ctx, valid, tally));
  tally.sortBatchErrors();
  return tally.summary();
}

export interface FileImportOptions {
  source?: string;
  createMissing?: boolean;
  actor?: Actor | null;
  fileName?: string;
  /** Import a run created earlier (uploads); otherwise resume or start a run keyed by sha256. */
  importId?: number;
  onProgress?: (rowsDone: number, totalRows: number) => void;
  /** Called after each committed batch (1-based); tests throw here to simulate a crash. */
  afterBatchCommitted?: (batchNo: number) => void;
  batchSize?: number;
}

async function markFailed(db: Db, run: q.ImportRunRow, tally: IngestTally, err: AppError) {
  const m = err.localized;
  const fileError = { row: 0, ...(err.details.field ? { field: err.details.field } : {}), code: err.code, message_ar: m.ar, message_en: m.en };
  await q.updateImportProgress(db, run.agency_id, run.id, {
    status: 'failed', rowsCommitted: run.rows_committed, accepted: tally.accepted, duplicates: tally.duplicates,
    rejected: tally.rejected, errors: [fileError, ...tally.errors], dropReasons: tally.drop_reasons, finished: true,
  });
}

async function findOrStartRun(db: Db, agency: AgencyRef, path: string, opts: FileImportOptions, kind: string): Promise<q.ImportRunRow> {
  if (opts.importId !== undefined) {
    const run = await q.getImportRun(db, agency.id, opts.importId);
    if (!run) throw new AppError('import_not_found', 404, 'ingest_import_not_found');
    if (run.status !== 'done') await inspectOrFail(db, run, path);
    return run;
  }
  const facts = await inspectCsvFile(path);
  const resumable = await q.getResumableImportRun(db, agency.id, kind, facts.sha256);
  if (resumable) return resumable;
  return q.insertImportRun(db, agency.id, {
    kind, fileName: opts.fileName ?? basename(path), sha256: facts.sha256, filePath: null,
    source: opts.source ?? DEFAULT_FILE_SOURCE, createMissing: opts.createMissing ?? false,
    totalRows: Math.max(0, facts.lines - 1), status: 'running', createdBy: actorLabel(opts.actor ?? null).actor_label,
  });
}

async function inspectOrFail(db: Db, run: q.ImportRunRow, path: string) {
  try {
    await inspectCsvFile(path);
  } catch (err) {
    if (err instanceof AppError) await markFailed(db, run, IngestTally.from(run), err);
    throw err;
  }
}

/**
 * The CSV path (CLI and upload job): streams the file in batches; each batch's rows and the
 * run's checkpoint commit in one transaction, so a rerun resumes after rows_committed.
 * Source and create-missing come from the run, so a resumed import behaves like the first try.
 */
export async function importInteractionsFile(services: Services, agency: AgencyRef, path: string, opts: FileImportOptions = {}): Promise<q.ImportRunRow> {
  return importCsvFile<WorkRow>(services, agency, path, opts, {
    kind: IMPORT_KIND,
    batchSize: STORE_BATCH,
    requiredColumns: REQUIRED_FIELDS,
    async prepare(run, header) {
      const ctx = await newContext(services, agency, { createMissing: run.create_missing, actor: opts.actor ?? null, importId: run.id });
      // Without create-missing, resolving only reads the in-memory catalog: it runs with
      // validation, outside the transaction, while the previous batch is being stored.
      const early = !run.create_missing;
      return {
        parse: csvRowParser(header, run.source),
        validate: (rows, tally) => {
          const valid = validateBatch(rows, agency.timezone, tally);
          return early ? resolveAndPseudonymize(services.db, ctx, valid, tally) : valid;
        },
        store: (tx, valid, tally) => storeValidRows(tx, ctx, valid, tally, early),
      };
    },
  });
}

/** What a kind of CSV import (interactions, calls…) plugs into the resumable file runner. */
export interface CsvImportSpec<T> {
  kind: string;
  requiredColumns: readonly string[];
  /** Rows per batch and checkpoint unless the caller sets opts.batchSize. */
  batchSize?: number;
  prepare(run: q.ImportRunRow, header: string[]): Promise<{
    parse: (values: string[], row: number) => T;
    /** Outside the transaction, while the previous batch is stored: drops bad rows into the batch's tally. */
    validate: (rows: T[], tally: IngestTally) => T[] | Promise<T[]>;
    /** Inside the batch's transaction, together with the checkpoint. */
    store: (tx: Db, valid: T[], tally: IngestTally) => Promise<void>;
  }>;
}

/** The resumable, batched CSV import shared by every kind of file (see importInteractionsFile). */
export async function importCsvFile<T>(services: Services, agency: AgencyRef, path: string, opts: FileImportOptions, spec: CsvImportSpec<T>): Promise<q.ImportRunRow> {
  const { db } = services;
  const run = await findOrStartRun(db, agency, path, opts, spec.kind);
  if (run.status === 'done') return run;
  const tally = IngestTally.from(run, MAX_IMPORT_ERRORS);
  const batchSize = opts.batchSize ?? spec.batchSize ?? DEFAULT_FILE_BATCH;
  const total = run.total_rows ?? 0;
  try {
    const csv = await openCsvFile(path, spec.requiredColumns);
    const steps = await spec.prepare(run, csv.header);
    let rowNo = 0;
    let batch: T[] = [];
    let batchNo = 0;
    let pending: Promise<void> = Promise.resolve();
    let failure: unknown;
    // Batch k+1 is validated while batch k's transaction runs (the database works while JS
    // does). Each batch has its own tally, added to the run's inside the batch's transaction
    // together with the checkpoint, so a resumed run never counts a row twice.
    const commit = (rows: T[], upTo: number) => {
      const no = ++batchNo;
      const batchTally = new IngestTally(MAX_IMPORT_ERRORS);
      const validated = Promise.resolve(steps.validate(rows, batchTally));
      const previous = pending;
      pending = (async () => {
        const valid = await validated;
        await previous;
        if (failure) return;
        await db.transaction(async (tx) => {
          await steps.store(tx, valid, batchTally);
          tally.absorb(batchTally);
          await q.updateImportProgress(tx, agency.id, run.id, {
            status: 'running', rowsCommitted: upTo, accepted: tally.accepted, duplicates: tally.duplicates, rejected: tally.rejected,
            errors: tally.errorsChanged ? tally.errors : null, dropReasons: tally.drop_reasons, finished: false,
          });
        });
        run.rows_committed = upTo;
        tally.errorsChanged = false;
        opts.onProgress?.(upTo, Math.max(total, upTo));
        opts.afterBatchCommitted?.(no);
      })().catch((err) => {
        failure ??= err;
      });
    };
    for await (const values of csv.rows) {
      rowNo++;
      if (rowNo <= run.rows_committed) continue;
      batch.push(steps.parse(values, rowNo));
      if (batch.length === batchSize) {
        const storing = pending;
        commit(batch, rowNo);
        batch = [];
        await storing; // read on only once the batch before is stored: two batches in memory at most
        if (failure) throw failure;
      }
    }
    if (batch.length) commit(batch, rowNo);
    await pending;
    if (failure) throw failure;
    if (rowNo === 0) throw new AppError('empty_file', 400, 'csv_empty_file', { field: 'file' });
  } catch (err) {
    if (err instanceof AppError) await markFailed(db, run, tally, err);
    throw err;
  }
  await q.updateImportProgress(db, agency.id, run.id, {
    status: 'done', rowsCommitted: run.rows_committed, accepted: tally.accepted, duplicates: tally.duplicates,
    rejected: tally.rejected, errors: tally.errors, dropReasons: tally.drop_reasons, finished: true,
  });
  return (await q.getImportRun(db, agency.id, run.id))!;
}

/** Saves an uploaded CSV under <data dir>/uploads (checked while it streams) and queues its run. */
export async function acceptUpload(
  services: Services,
  agency: AgencyRef,
  actor: Actor | null,
  body: ReadableStream<Uint8Array> | Readable,
  o: { fileName: string; createMissing: boolean; source?: string; kind?: string },
): Promise<q.ImportRunRow> {
  const dir = join(services.config.TAJRIBA_DATA_DIR, 'uploads');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${agency.id}-${randomUUID()}.csv`);
  try {
    const facts = await saveAndInspect(body, path);
    return await q.insertImportRun(services.db, agency.id, {
      kind: o.kind ?? IMPORT_KIND, fileName: o.fileName, sha256: facts.sha256, filePath: path, source: o.source ?? DEFAULT_FILE_SOURCE,
      createMissing: o.createMissing, totalRows: Math.max(0, facts.lines - 1), status: 'queued', createdBy: actorLabel(actor).actor_label,
    });
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
}

/** The uploaded file holds clear identifiers: removed once its run has finished either way. */
export async function removeUploadedFile(run: q.ImportRunRow) {
  if (run.file_path) await rm(run.file_path, { force: true });
}

export function describeImportRun(r: q.ImportRunRow): ImportRun {
  return {
    import_id: r.id, kind: r.kind, file_name: r.file_name, status: r.status, rows_committed: r.rows_committed,
    total_rows: r.total_rows, accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected, errors: r.errors,
    drop_reasons: r.drop_reasons, started_at: new Date(r.started_at).toISOString(),
    finished_at: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}
