// Shared by benchmarks: a throw-away database (PGlite in a temp dir, or a new PostgreSQL
// database next to DATABASE_URL / TEST_DATABASE_URL) and `--name value` options.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, testDatabaseTarget } from '../apps/server/src/config.ts';
import { openPglite, type Db } from '../apps/server/src/db/db.ts';
import { createScratchPostgres } from '../test/scratch-db.ts';

export function option(args: string[], name: string, fallback: string) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

export async function openBenchDb(kind: string, opts: { poolSize?: number } = {}): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'tajriba-bench-'));
    const db = await openPglite(join(dir, 'pglite'));
    return { db, drop: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const url = loadConfig().DATABASE_URL ?? testDatabaseTarget().url;
  if (!url) throw new Error('--db postgres needs DATABASE_URL or TEST_DATABASE_URL');
  return createScratchPostgres(url, `tajriba_bench_${Date.now()}`, { poolSize: opts.poolSize });
}
