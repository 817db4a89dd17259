import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import pg from 'pg';

/** The one database interface the product uses; PGlite (embedded) and PostgreSQL implement it. */
export interface QueryOptions {
  prepare?: boolean;
}

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /**
   * `prepare: true` names the statement on PostgreSQL so each connection parses and plans it once
   * (hot, fixed-shape statements such as the survey submit); PGlite has nothing to gain and ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], opts?: QueryOptions): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Bulk load CSV text with COPY. On a transaction's Db it runs inside that transaction (PGlite:
   * `FROM '/dev/blob'` on the transaction; PostgreSQL: `FROM STDIN` on its client), so it rolls
   * back with it; a failure raises the database error (e.g. code 23505) like `query`.
   */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>;
  close(): Promise<void>;
}

// bigint/numeric arrive as JS numbers on both engines so rules never see strings.
const toNumber = (v: string) => (v === null ? null : Number(v));

export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Db> {
  return (await openPgliteWithHandle(dataDir, loadDataDir)).db;
}

/** Also returns the PGlite instance (tests dump its data dir as a template). */
export async function openPgliteWithHandle(dataDir?: string, loadDataDir?: Blob) {
  const parsers = { [pgliteTypes.INT8]: toNumber, [pgliteTypes.NUMERIC]: toNumber };
  const pgl = await PGlite.create({ dataDir, loadDataDir, parsers } as ConstructorParameters<typeof PGlite>[0]);
  return { pgl, db: wrapPglite(pgl) };
}

function wrapPglite(pgl: PGlite | Parameters<Parameters<PGlite['transaction']>[0]>[0], root?: PGlite): Db {
  const self: Db = {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await pgl.query<T>(sql, params);
      return r.rows;
    },
    async exec(sql) {
      await pgl.exec(sql);
    },
    async transaction(fn) {
      if (root === undefined) return (pgl as PGlite).transaction((tx) => fn(wrapPglite(tx, pgl as PGlite)));
      return fn(self); // nested: already inside the one transaction
    },
    async copyCsv(table, columns, csv) {
      await pgl.query(`COPY ${table} (${columns.join(',')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
    },
    async close() {
      if (root === undefined) await (pgl as PGlite).close();
    },
  };
  return self;
}

pg.types.setTypeParser(20, toNumber);
pg.types.setTypeParser(1700, toNumber);

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead
  await pool.query('select 1');
  return wrapPool(pool);
}

// A name derived from the text: the same SQL always maps to the same per-connection statement.
const statementNames = new Map<string, string>();
function pgQuery(text: string, values: unknown[], opts?: QueryOptions): pg.QueryConfig {
  if (!opts?.prepare) return { text, values };
  let name = statementNames.get(text);
  if (!name) {
    name = `tj_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

function wrapPool(pool: pg.Pool): Db {
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = [], opts?: QueryOptions) {
      return (await pool.query(pgQuery(sql, params, opts))).rows as T[];
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrapClient(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async copyCsv(table, columns, csv) {
      const client = await pool.connect();
      try {
        await copyWithClient(client, table, columns, csv);
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

function wrapClient(client: pg.PoolClient): Db {
  const self: Db = {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = [], opts?: QueryOptions) {
      return (await client.query(pgQuery(sql, params, opts))).rows as T[];
    },
    async exec(sql) {
      await client.query(sql);
    },
    transaction: (fn) => fn(self),
    copyCsv: (table, columns, csv) => copyWithClient(client, table, columns, csv),
    async close() {},
  };
  return self;
}

async function copyWithClient(client: pg.PoolClient, table: string, columns: string[], csv: string) {
  const { from } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  const stream = client.query(from(`COPY ${table} (${columns.join(',')}) FROM STDIN WITH (FORMAT csv)`));
  await pipeline(Readable.from([csv]), stream);
}

export async function openDatabase(opts: { url?: string; dataDir: string }): Promise<Db> {
  if (opts.url) return openPostgres(opts.url);
  mkdirSync(opts.dataDir, { recursive: true });
  return openPglite(opts.dataDir);
}
