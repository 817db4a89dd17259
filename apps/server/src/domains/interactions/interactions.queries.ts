import type { Db } from '../../db/db.ts';
import { isoUtc } from './fast-time.ts';
import type { InsertedInteraction, StoredInteraction } from './ingest-hooks.ts';

export type { InsertedInteraction, StoredInteraction } from './ingest-hooks.ts';

const INSERT_SQL = `
INSERT INTO interactions (agency_id, import_id, source, external_id, beneficiary_pid, service_id, channel_id,
  branch_id, provider_id, stage_id, reason_id, employee_pid, started_at, ended_at, wait_seconds, outcome, attributes)
SELECT $1, $2, u.* FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::int[],
  $10::int[], $11::int[], $12::text[], $13::timestamptz[], $14::timestamptz[], $15::int[], $16::text[], $17::jsonb[]) AS u
ON CONFLICT (agency_id, source, external_id) DO NOTHING`;
const INSERT_RETURNING_SQL = `${INSERT_SQL} RETURNING id, source, external_id`;
// Without ingest hooks nobody needs the new rows back; counting them is much cheaper on PGlite.
const INSERT_COUNTING_SQL = `WITH ins AS (${INSERT_SQL} RETURNING 1) SELECT count(*)::int AS n FROM ins`;

/**
 * Stores rows, skipping those whose (source, external_id) already exist (counted, never a
 * second row). Large batches go by COPY (see storeByCopy); small ones by one unnest insert.
 * `withRows: false` only counts the new rows (inserted stays empty).
 */
export async function insertInteractionBatch(
  db: Db,
  agencyId: number,
  rows: StoredInteraction[],
  importId: number | null = null,
  opts: { withRows?: boolean } = {},
): Promise<{ inserted: InsertedInteraction[]; count: number }> {
  if (rows.length === 0) return { inserted: [], count: 0 };
  const withRows = opts.withRows !== false;
  if (rows.length >= COPY_MIN_ROWS) {
    // Inside the caller's transaction (a no-op wrapper there): the savepoint needs one.
    const copied = await db.transaction((tx) => storeByCopy(tx, agencyId, rows, importId, withRows));
    if (copied) return copied;
  }
  return insertByUnnest(db, agencyId, rows, importId, withRows);
}

/** Below this many rows the extra round trips of the COPY path cost more than they save. */
export const COPY_MIN_ROWS = 100;
const COPY_COLUMNS = `agency_id, import_id, source, external_id, beneficiary_pid, service_id, channel_id, branch_id,
  provider_id, stage_id, reason_id, employee_pid, started_at, ended_at, wait_seconds, outcome, attributes`.split(/,\s*/);
const UNIQUE_VIOLATION = '23505';

/**
 * The bulk path: look up which keys already exist (index probes, read-only), COPY the rest
 * straight into interactions, then (for hooks) read back their ids. COPY costs about half of
 * INSERT … ON CONFLICT on both engines. A concurrent writer can store a key between the probe
 * and the COPY: the COPY then fails on the unique key inside a savepoint and the caller falls
 * back to ON CONFLICT DO NOTHING for this batch (null), so idempotency never rests on the probe.
 */
async function storeByCopy(db: Db, agencyId: number, rows: StoredInteraction[], importId: number | null, withRows: boolean) {
  const existing = new Map<string, Set<string>>();
  for (const [source, group] of groupBySource(rows)) {
    existing.set(source, await getExistingExternalIds(db, agencyId, source, group.map((r) => r.external_id)));
  }
  // Input order is kept: ids ascend in file order and hooks see rows as they came.
  const fresh = rows.filter((r) => !existing.get(r.source)!.has(r.external_id));
  if (fresh.length === 0) return { inserted: [], count: 0 };
  await db.exec('SAVEPOINT interactions_copy');
  try {
    await db.copyCsv('interactions', COPY_COLUMNS, interactionsCsv(agencyId, importId, fresh));
    await db.exec('RELEASE SAVEPOINT interactions_copy');
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await db.exec('ROLLBACK TO SAVEPOINT interactions_copy; RELEASE SAVEPOINT interactions_copy');
    return null;
  }
  if (!withRows) return { inserted: [], count: fresh.length };
  return { inserted: await withStoredIds(db, agencyId, fresh), count: fresh.length };
}

function groupBySource(rows: StoredInteraction[]) {
  const groups = new Map<string, StoredInteraction[]>();
  for (const r of rows) {
    const g = groups.get(r.source);
    if (g) g.push(r);
    else groups.set(r.source, [r]);
  }
  return groups;
}

/** The external ids among `ids` already stored for this agency and source. */
async function getExistingExternalIds(db: Db, agencyId: number, source: string, ids: string[]) {
  const found = await db.query<{ external_id: string }>(
    'SELECT external_id FROM interactions WHERE agency_id = $1 AND source = $2 AND external_id = ANY($3::text[])',
    [agencyId, source, ids],
  );
  return new Set(found.map((f) => f.external_id));
}

/** The rows just copied, with the ids the database gave them (hooks need ids). */
async function withStoredIds(db: Db, agencyId: number, fresh: StoredInteraction[]): Promise<InsertedInteraction[]> {
  const idOf = new Map<string, number>();
  for (const [source, group] of groupBySource(fresh)) {
    const found = await db.query<{ id: number; external_id: string }>(
      'SELECT id, external_id FROM interactions WHERE agency_id = $1 AND source = $2 AND external_id = ANY($3::text[])',
      [agencyId, source, group.map((r) => r.external_id)],
    );
    for (const f of found) idOf.set(`${source}\u0000${f.external_id}`, f.id);
  }
  return fresh.map((r) => ({ ...pickStored(r), id: idOf.get(`${r.source}\u0000${r.external_id}`)!, agency_id: agencyId }));
}

// COPY CSV: an unquoted empty field is NULL, so empty text must be quoted to stay ''.
const csvText = (s: string) => (s === '' || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvJson = (v: Record<string, unknown> | null) => (v === null ? '' : `"${JSON.stringify(v).replace(/"/g, '""')}"`);
const csvNum = (v: number | null) => (v === null ? '' : String(v));

function interactionsCsv(agencyId: number, importId: number | null, rows: StoredInteraction[]) {
  const lines = new Array<string>(rows.length);
  // One join per line makes a flat string at once (a chain of + builds a rope per line).
  const f = new Array<string | number>(COPY_COLUMNS.length);
  f[0] = agencyId;
  f[1] = csvNum(importId);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    f[2] = csvText(r.source);
    f[3] = csvText(r.external_id);
    f[4] = csvText(r.beneficiary_pid);
    f[5] = r.service_id;
    f[6] = r.channel_id;
    f[7] = csvNum(r.branch_id);
    f[8] = csvNum(r.provider_id);
    f[9] = csvNum(r.stage_id);
    f[10] = csvNum(r.reason_id);
    f[11] = r.employee_pid === null ? '' : csvText(r.employee_pid);
    f[12] = isoUtc(r.started_at.getTime());
    f[13] = r.ended_at ? isoUtc(r.ended_at.getTime()) : '';
    f[14] = csvNum(r.wait_seconds);
    f[15] = r.outcome;
    f[16] = csvJson(r.attributes);
    lines[i] = f.join(',');
  }
  return lines.join('\n') + '\n';
}

/** Small batches: one statement (column arrays + unnest), ON CONFLICT skips stored keys. */
async function insertByUnnest(db: Db, agencyId: number, rows: StoredInteraction[], importId: number | null, withRows: boolean) {
  const n = rows.length;
  const cols = Array.from({ length: 15 }, () => new Array<unknown>(n));
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    cols[0][i] = r.source;
    cols[1][i] = r.external_id;
    cols[2][i] = r.beneficiary_pid;
    cols[3][i] = r.service_id;
    cols[4][i] = r.channel_id;
    cols[5][i] = r.branch_id;
    cols[6][i] = r.provider_id;
    cols[7][i] = r.stage_id;
    cols[8][i] = r.reason_id;
    cols[9][i] = r.employee_pid;
    cols[10][i] = r.started_at.toISOString();
    cols[11][i] = r.ended_at ? r.ended_at.toISOString() : null;
    cols[12][i] = r.wait_seconds;
    cols[13][i] = r.outcome;
    cols[14][i] = r.attributes ? JSON.stringify(r.attributes) : null;
  }
  const params = [agencyId, importId, ...cols];
  if (!withRows) {
    const [{ n }] = await db.query<{ n: number }>(INSERT_COUNTING_SQL, params);
    return { inserted: [], count: n };
  }
  const returned = await db.query<{ id: number; source: string; external_id: string }>(INSERT_RETURNING_SQL, params);
  if (returned.length === 0) return { inserted: [], count: 0 };
  const index = new Map<string, StoredInteraction>();
  for (const r of rows) index.set(`${r.source}\u0000${r.external_id}`, r);
  const inserted = returned.map((ret) => {
    const r = index.get(`${ret.source}\u0000${ret.external_id}`)!;
    return { ...pickStored(r), id: ret.id, agency_id: agencyId };
  });
  return { inserted, count: inserted.length };
}

// Pipeline rows carry working fields; hooks get exactly the stored shape.
const pickStored = (r: StoredInteraction): StoredInteraction => ({
  source: r.source, external_id: r.external_id, beneficiary_pid: r.beneficiary_pid, service_id: r.service_id,
  channel_id: r.channel_id, branch_id: r.branch_id, provider_id: r.provider_id, stage_id: r.stage_id,
  reason_id: r.reason_id, employee_pid: r.employee_pid, started_at: r.started_at, ended_at: r.ended_at,
  wait_seconds: r.wait_seconds, outcome: r.outcome, attributes: r.attributes,
});

export interface CatalogCodes {
  services: { id: number; code: string }[];
  channels: { id: number; code: string }[];
  branches: { id: number; code: string }[];
  providers: { id: number; code: string }[];
  stages: { id: number; service_id: number; code: string }[];
  reasons: { id: number; service_id: number; code: string }[];
}

/** Every catalog code of the agency, for resolving codes to ids in memory. */
export async function getCatalogCodes(db: Db, agencyId: number): Promise<CatalogCodes> {
  const codes = (table: string) => db.query<{ id: number; code: string }>(`SELECT id, code FROM ${table} WHERE agency_id = $1`, [agencyId]);
  const perService = (table: string) =>
    db.query<{ id: number; service_id: number; code: string }>(`SELECT id, service_id, code FROM ${table} WHERE agency_id = $1`, [agencyId]);
  return {
    services: await codes('services'),
    channels: await codes('channels'),
    branches: await codes('branches'),
    providers: await codes('providers'),
    stages: await perService('stages'),
    reasons: await perService('reasons'),
  };
}

// "DO UPDATE SET code = EXCLUDED.code" returns the id whether the row is new or was just
// created by a concurrent import.
export async function upsertNamedByCode(db: Db, agencyId: number, table: 'services' | 'branches' | 'providers', code: string) {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO ${table} (agency_id, code, name_ar, name_en) VALUES ($1, $2, $2, $2)
     ON CONFLICT (agency_id, code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
    [agencyId, code],
  );
  return rows[0].id;
}

export async function upsertChannelByCode(db: Db, agencyId: number, code: string, category: string) {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO channels (agency_id, code, name_ar, name_en, category) VALUES ($1, $2, $2, $2, $3)
     ON CONFLICT (agency_id, code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
    [agencyId, code, category],
  );
  return rows[0].id;
}

/** A stage goes last in its service's journey. */
export async function upsertStageByCode(db: Db, agencyId: number, serviceId: number, code: string) {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO stages (agency_id, service_id, code, name_ar, name_en, position)
     SELECT $1, $2, $3, $3, $3, coalesce(max(position), 0) + 1 FROM stages WHERE agency_id = $1 AND service_id = $2
     ON CONFLICT (agency_id, service_id, code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
    [agencyId, serviceId, code],
  );
  return rows[0].id;
}

export async function upsertReasonByCode(db: Db, agencyId: number, serviceId: number, code: string) {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO reasons (agency_id, service_id, code, name_ar, name_en) VALUES ($1, $2, $3, $3, $3)
     ON CONFLICT (agency_id, service_id, code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
    [agencyId, serviceId, code],
  );
  return rows[0].id;
}

export interface ImportRunRow {
  agency_id: number;
  id: number;
  kind: string;
  file_name: string;
  file_sha256: string;
  file_path: string | null;
  source: string;
  create_missing: boolean;
  status: 'queued' | 'running' | 'done' | 'failed';
  rows_committed: number;
  total_rows: number | null;
  accepted: number;
  duplicates: number;
  rejected: number;
  errors: { row: number; field?: string; code: string; message_ar: string; message_en: string }[];
  drop_reasons: Record<string, number>;
  created_by: string;
  started_at: Date;
  finished_at: Date | null;
}

const RUN_COLUMNS = `agency_id, id, kind, file_name, file_sha256, file_path, source, create_missing, status, rows_committed,
  total_rows, accepted, duplicates, rejected, errors, drop_reasons, created_by, started_at, finished_at`;

export async function insertImportRun(
  db: Db,
  agencyId: number,
  r: { kind: string; fileName: string; sha256: string; filePath: string | null; source: string; createMissing: boolean; totalRows: number; status: 'queued' | 'running'; createdBy: string },
) {
  const rows = await db.query<ImportRunRow>(
    `INSERT INTO import_runs (agency_id, kind, file_name, file_sha256, file_path, source, create_missing, total_rows, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${RUN_COLUMNS}`,
    [agencyId, r.kind, r.fileName, r.sha256, r.filePath, r.source, r.createMissing, r.totalRows, r.status, r.createdBy],
  );
  return rows[0];
}

/** The newest unfinished run of the same file, to resume after rows_committed. */
export async function getResumableImportRun(db: Db, agencyId: number, kind: string, sha256: string) {
  const rows = await db.query<ImportRunRow>(
    `SELECT ${RUN_COLUMNS} FROM import_runs
      WHERE agency_id = $1 AND kind = $2 AND file_sha256 = $3 AND status IN ('queued', 'running', 'failed')
      ORDER BY id DESC LIMIT 1`,
    [agencyId, kind, sha256],
  );
  return rows[0];
}

export async function getImportRun(db: Db, agencyId: number, id: number) {
  const rows = await db.query<ImportRunRow>(`SELECT ${RUN_COLUMNS} FROM import_runs WHERE agency_id = $1 AND id = $2`, [agencyId, id]);
  return rows[0];
}

export async function listImportRuns(db: Db, agencyId: number, limit: number) {
  return db.query<ImportRunRow>(
    `SELECT ${RUN_COLUMNS.replace('errors,', "'[]'::jsonb AS errors,")} FROM import_runs
      WHERE agency_id = $1 ORDER BY id DESC LIMIT $2`,
    [agencyId, limit],
  );
}

/** Checkpoint: written in the same transaction as the batch it counts. */
export async function updateImportProgress(
  db: Db,
  agencyId: number,
  id: number,
  p: { status: ImportRunRow['status']; rowsCommitted: number; accepted: number; duplicates: number; rejected: number; errors: unknown[] | null; dropReasons: Record<string, number>; finished: boolean },
) {
  await db.query(
    `UPDATE import_runs SET status = $3, rows_committed = $4, accepted = $5, duplicates = $6, rejected = $7,
            errors = coalesce($8::jsonb, errors), drop_reasons = $9::jsonb, updated_at = now(),
            finished_at = CASE WHEN $10 THEN now() ELSE NULL END
      WHERE agency_id = $1 AND id = $2`,
    [agencyId, id, p.status, p.rowsCommitted, p.accepted, p.duplicates, p.rejected, p.errors ? JSON.stringify(p.errors) : null, JSON.stringify(p.dropReasons), p.finished],
  );
}
