import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig, testDatabaseTarget } from '../apps/server/src/config.ts';
import { openPglite, type Db } from '../apps/server/src/db/db.ts';
import { createScratchPostgres } from './scratch-db.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import type { Services } from '../apps/server/src/http/context.ts';
import { createAgency, createApiKey, hashPassword } from '../apps/server/src/domains/access/access.service.ts';
import { insertUser, upsertMembership } from '../apps/server/src/domains/access/access.queries.ts';
import type { Role } from '../apps/server/src/http/permissions.ts';
import { CSRF_HEADER } from '../apps/server/src/http/auth.ts';
import '../apps/server/src/jobs/registry.ts';

export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-0123456789abcdef0123456789';

/** A fresh database copied from the migrated template: PGlite or PostgreSQL per project. */
export async function createTestDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const target = testDatabaseTarget();
  if (target.kind === 'postgres') {
    const url = target.url!;
    const name = `tajriba_t_${randomBytes(6).toString('hex')}`;
    const scratch = await createScratchPostgres(url, name, { template: inject('postgresTemplate'), poolSize: 5 });
    await migrate(scratch.db);
    return scratch;
  }
  const tpl = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const db = await openPglite(undefined, tpl);
  await migrate(db);
  return { db, drop: () => db.close() };
}

export interface TestContext {
  services: Services;
  db: Db;
  app: ReturnType<typeof buildApp>;
  /** JSON request helper; `as` is a cookie or an API key. */
  request: (method: string, path: string, opts?: { body?: unknown; auth?: Auth; headers?: Record<string, string>; raw?: BodyInit }) => Promise<{ status: number; body: any; headers: Headers }>;
  createAgency: (slug: string) => Promise<{ id: number; slug: string }>;
  createUser: (email: string, memberships: { agencyId: number; role: Role }[], superadmin?: boolean) => Promise<Auth>;
  createApiKey: (agencyId: number, role: Role) => Promise<Auth>;
  close: () => Promise<void>;
}

export type Auth = { cookie: string } | { apiKey: string };

export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const { db, drop } = await createTestDb();
  const config = loadConfig({ LOG_LEVEL: 'silent', TAJRIBA_DEMO: 'off', TAJRIBA_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY, ...env });
  const services: Services = { db, config, log: pino({ level: 'silent' }), secrets: { pseudonymKey: TEST_PSEUDONYM_KEY } };
  const app = buildApp(services);

  const request: TestContext['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
    if (opts.auth && 'cookie' in opts.auth) {
      headers.cookie = opts.auth.cookie;
      headers[CSRF_HEADER] = '1';
    }
    if (opts.auth && 'apiKey' in opts.auth) headers.authorization = `Bearer ${opts.auth.apiKey}`;
    const res = await app.request(path, {
      method,
      headers,
      body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body, headers: res.headers };
  };

  const ctx: TestContext = {
    services,
    db,
    app,
    request,
    createAgency: (slug) => createAgency(db, null, { slug, name_ar: `جهة ${slug}`, name_en: `Agency ${slug}`, timezone: 'Asia/Riyadh' }),
    async createUser(email, memberships, superadmin = false) {
      const id = await insertUser(db, { email, name: email, passwordHash: await hashPassword('correct horse battery'), superadmin });
      for (const m of memberships) await upsertMembership(db, m.agencyId, id, m.role);
      const res = await request('POST', '/api/v1/auth/login', { body: { email, password: 'correct horse battery' } });
      if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
      const cookie = res.headers.get('set-cookie')!.split(';')[0];
      return { cookie };
    },
    async createApiKey(agencyId, role) {
      const k = await createApiKey(db, null, agencyId, `key-${role}`, role);
      return { apiKey: k.key };
    },
    close: drop,
  };
  return ctx;
}
