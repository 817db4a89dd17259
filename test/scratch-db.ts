import pg from 'pg';
import { openPostgres, type Db } from '../apps/server/src/db/db.ts';

/** Runs one statement on the server behind `url` (CREATE/DROP DATABASE cannot run in a pool transaction). */
export async function adminQuery(url: string, sql: string, params: unknown[] = []) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql, params);
  } finally {
    await admin.end();
  }
}

export function databaseUrl(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A throw-away PostgreSQL database next to `url` (tests and benchmarks); `drop` removes it. */
export async function createScratchPostgres(url: string, name: string, opts: { template?: string; poolSize?: number } = {}): Promise<{ db: Db; drop: () => Promise<void> }> {
  await adminQuery(url, `CREATE DATABASE ${name}${opts.template ? ` TEMPLATE ${opts.template}` : ''}`);
  const db = await openPostgres(databaseUrl(url, name), opts.poolSize ?? 4);
  return {
    db,
    drop: async () => {
      await db.close();
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
