import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { adminQuery, databaseUrl } from './scratch-db.ts';
import { openPgliteWithHandle, openPostgres } from '../apps/server/src/db/db.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { testDatabaseTarget } from '../apps/server/src/config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

export const TEMPLATE_DB = 'tajriba_test_template';
let pgliteTemplate: Promise<string> | undefined;
let postgresTemplate: Promise<string> | undefined;

/** Migrated once per run; each test file then starts from a copy (fast, isolated). */
async function buildPgliteTemplate() {
  const { pgl, db } = await openPgliteWithHandle();
  await migrate(db);
  const blob = (await pgl.dumpDataDir('none')) as Blob;
  await pgl.close();
  const file = join(mkdtempSync(join(tmpdir(), 'tajriba-tpl-')), 'pglite.tar');
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  return file;
}

async function buildPostgresTemplate(url: string) {
  await adminQuery(url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [TEMPLATE_DB]);
  await adminQuery(url, `DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await adminQuery(url, `CREATE DATABASE ${TEMPLATE_DB}`);
  const db = await openPostgres(databaseUrl(url, TEMPLATE_DB), 1);
  await migrate(db);
  await db.close();
  return TEMPLATE_DB;
}

export default async function setup(project: TestProject) {
  const target = testDatabaseTarget();
  pgliteTemplate ??= buildPgliteTemplate();
  project.provide('pgliteTemplate', await pgliteTemplate);
  if (target.url) {
    postgresTemplate ??= buildPostgresTemplate(target.url);
    project.provide('postgresTemplate', await postgresTemplate);
  }
}
