// `npm run bench -- dashboard [--db pglite|postgres] [--rows N] [--calls K]`: generates N interactions
// in-database (generate_series; default 10,000,000 on PostgreSQL, 1,000,000 on PGlite), rebuilds the
// journeys and rollups, then times GET /api/v1/dashboards/overview (p50/p95 over K in-process calls)
// against the equivalent raw-scan SQL over interactions in the same run, and prints the ratio.
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { Db } from '../apps/server/src/db/db.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { createAgency, createApiKey } from '../apps/server/src/domains/access/access.service.ts';
import { rebuildJourneysAndRollups } from '../apps/server/src/domains/journeys/journeys.service.ts';
import { getAgencyBySlug } from '../apps/server/src/http/agency-scope.ts';
import type { Services } from '../apps/server/src/http/context.ts';
import { percentile } from '@tajriba/stats';
import { openBenchDb, option } from './bench-db.ts';

const SERVICES = 8;
const CHUNK = 500_000;
const DAY = 86_400_000;

async function seedCatalog(db: Db, agencyId: number) {
  const ids = async (sql: string, params: unknown[][]) => {
    const out: number[] = [];
    for (const p of params) out.push((await db.query<{ id: number }>(sql, [agencyId, ...p]))[0].id);
    return out;
  };
  const [tasheel] = await ids(`INSERT INTO providers (agency_id, code, name_ar, name_en, kind) VALUES ($1, 'tasheel', 'تسهيل', 'Tasheel', 'third_party') RETURNING id`, [[]]);
  const services = await ids(`INSERT INTO services (agency_id, code, name_ar, name_en) VALUES ($1, $2, $2, $2) RETURNING id`, Array.from({ length: SERVICES }, (_, i) => [`svc-${i + 1}`]));
  const stages: number[] = [];
  const reasons: number[] = [];
  for (const s of services) {
    stages.push(...(await ids(`INSERT INTO stages (agency_id, service_id, code, name_ar, name_en, position) VALUES ($1, $2, $3, $3, $3, $4) RETURNING id`, ['apply', 'review', 'decision'].map((c, i) => [s, c, i + 1]))));
    reasons.push(...(await ids(`INSERT INTO reasons (agency_id, service_id, code, name_ar, name_en) VALUES ($1, $2, $3, $3, $3) RETURNING id`, ['new', 'renewal', 'inquiry', 'complaint'].map((c) => [s, c]))));
  }
  const channels = await ids(`INSERT INTO channels (agency_id, code, name_ar, name_en, category) VALUES ($1, $2, $2, $2, $3) RETURNING id`, [['branch', 'traditional'], ['phone', 'voice'], ['portal', 'digital'], ['app', 'digital']]);
  const branches = await ids(`INSERT INTO branches (agency_id, code, name_ar, name_en) VALUES ($1, $2, $2, $2) RETURNING id`, Array.from({ length: 8 }, (_, i) => [`br-${i + 1}`]));
  return { tasheel, services, stages, reasons, channels, branches };
}

// Rows g of one person p = g / 3 share a service; contact k = g % 3 comes k × (1 + p % 10) days
// later, so people with p % 10 ≥ 7 wait over 7 days between contacts (separate journeys).
const GENERATE_SQL = `
INSERT INTO interactions (agency_id, source, external_id, beneficiary_pid, service_id, channel_id, branch_id, provider_id,
  stage_id, reason_id, started_at, ended_at, wait_seconds, outcome)
SELECT $1, 'bench', g::text, 'p' || p::text, ($4::int[])[svc + 1], ($7::int[])[ch + 1],
       CASE WHEN ch = 0 THEN ($8::int[])[br + 1] END, CASE WHEN ch = 0 AND br >= 6 THEN $9::int END,
       ($5::int[])[svc * 3 + k + 1], ($6::int[])[svc * 4 + (p % 4)::int + 1], t, t + make_interval(mins => 5 + (g % 20)::int),
       CASE WHEN ch < 2 THEN ((g * 53) % 900)::int END,
       CASE WHEN k = 2 OR p % 10 >= 7 THEN (CASE WHEN (g * 37) % 100 < 78 THEN 'completed' ELSE 'failed' END)
            WHEN (g * 7) % 10 < 6 THEN 'failed' WHEN (g * 7) % 10 < 8 THEN 'transferred' ELSE 'abandoned' END
  FROM generate_series($2::bigint, $3::bigint) AS g,
       LATERAL (SELECT g / 3 AS p, (g % 3)::int AS k) a,
       LATERAL (SELECT ((p * 2654435761) % 1000003 % ${SERVICES})::int AS svc, ((p * 31 + k * 17) % 4)::int AS ch,
                       ((p * 13) % 8)::int AS br,
                       $10::timestamptz + make_interval(days => ((p * 7919) % 330)::int + k * (1 + (p % 10)::int),
                                                        hours => 8 + ((g * 13) % 10)::int, mins => ((g * 7) % 60)::int) AS t) b`;

// The overview's KPIs computed from raw interactions: contacts with their repeat flag, journeys
// as gap islands, aggregated overall and per service, branch and provider (no trend/previous period).
const RAW_SQL = `
WITH src AS (
  SELECT beneficiary_pid, service_id, channel_id, coalesce(branch_id, 0) AS branch_id, coalesce(provider_id, 0) AS provider_id,
         outcome, wait_seconds, started_at, (started_at AT TIME ZONE $2)::date AS day,
         count(*) OVER (PARTITION BY beneficiary_pid, service_id ORDER BY started_at RANGE BETWEEN CURRENT ROW AND '7 days' FOLLOWING EXCLUDE GROUP) > 0 AS repeated,
         CASE WHEN lag(started_at) OVER w IS NULL OR started_at - lag(started_at) OVER w > interval '7 days' THEN 1 ELSE 0 END AS starts
    FROM interactions
   WHERE agency_id = $1 AND started_at >= ($3::date - 30)::timestamp AT TIME ZONE $2 AND started_at < ($4::date + 8)::timestamp AT TIME ZONE $2
  WINDOW w AS (PARTITION BY beneficiary_pid, service_id ORDER BY started_at)
), numbered AS (
  SELECT *, sum(starts) OVER (PARTITION BY beneficiary_pid, service_id ORDER BY started_at ROWS UNBOUNDED PRECEDING) AS jn FROM src
), journeys AS (
  SELECT service_id, min(day) AS start_day, (array_agg(branch_id ORDER BY started_at))[1] AS branch_id,
         (array_agg(provider_id ORDER BY started_at))[1] AS provider_id, count(*) AS contacts, bool_or(outcome = 'completed') AS completed
    FROM numbered GROUP BY beneficiary_pid, service_id, jn
), c AS (
  SELECT service_id, branch_id, provider_id, count(*) AS contacts, count(*) FILTER (WHERE repeated) AS repeated,
         count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned, avg(wait_seconds) AS wait
    FROM src WHERE day BETWEEN $3::date AND $4::date GROUP BY GROUPING SETS ((), (service_id), (branch_id), (provider_id))
), j AS (
  SELECT service_id, branch_id, provider_id, count(*) AS journeys, count(*) FILTER (WHERE completed) AS completed,
         count(*) FILTER (WHERE completed AND contacts = 1) AS one_contact
    FROM journeys WHERE start_day BETWEEN $3::date AND $4::date GROUP BY GROUPING SETS ((), (service_id), (branch_id), (provider_id))
)
SELECT (SELECT count(*) FROM c) AS contact_groups, (SELECT count(*) FROM j) AS journey_groups`;

async function timeCalls(k: number, fn: () => Promise<void>) {
  const ms: number[] = [];
  for (let i = 0; i < k; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50)!, p95: percentile(ms, 95)! };
}

export async function run(args: string[]) {
  const kind = option(args, 'db', 'pglite');
  const rows = Number(option(args, 'rows', kind === 'postgres' ? '10000000' : '1000000'));
  const calls = Number(option(args, 'calls', '40'));
  const { db, drop } = await openBenchDb(kind);
  try {
    await migrate(db);
    const { id: agencyId } = await createAgency(db, null, { slug: 'bench', name_ar: 'قياس', name_en: 'Bench', timezone: 'Asia/Riyadh' });
    const cat = await seedCatalog(db, agencyId);
    const base = new Date(Date.now() - 365 * DAY);
    let t0 = performance.now();
    for (let lo = 0; lo < rows; lo += CHUNK) {
      const hi = Math.min(rows, lo + CHUNK) - 1;
      await db.query(GENERATE_SQL, [agencyId, lo, hi, cat.services, cat.stages, cat.reasons, cat.channels, cat.branches, cat.tasheel, base.toISOString()]);
      process.stdout.write(`\rgenerated ${(hi + 1).toLocaleString('en')} / ${rows.toLocaleString('en')}`);
    }
    if (db.kind === 'postgres') await db.query('ANALYZE interactions');
    const genS = (performance.now() - t0) / 1000;
    console.log(`\n${kind}: ${rows.toLocaleString('en')} interactions generated in ${genS.toFixed(1)} s`);

    const agency = (await getAgencyBySlug(db, 'bench'))!;
    t0 = performance.now();
    const rebuilt = await rebuildJourneysAndRollups(db, agency);
    if (db.kind === 'postgres') await db.query('ANALYZE journeys; ANALYZE rollup_contacts_daily; ANALYZE rollup_journeys_daily');
    const [counts] = await db.query<{ c: number; j: number }>(
      'SELECT (SELECT count(*) FROM rollup_contacts_daily) AS c, (SELECT count(*) FROM rollup_journeys_daily) AS j');
    console.log(`rollups rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${rebuilt.journeys.toLocaleString('en')} journeys, ` +
      `${counts.c.toLocaleString('en')} contact-rollup rows, ${counts.j.toLocaleString('en')} journey-rollup rows`);

    const config = loadConfig({ LOG_LEVEL: 'silent', TAJRIBA_DEMO: 'off', TAJRIBA_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789abcdef0123' });
    const services: Services = { db, config, log: pino({ level: 'silent' }), secrets: { pseudonymKey: config.TAJRIBA_PSEUDONYM_KEY! } };
    const app = buildApp(services);
    const key = await createApiKey(db, null, agencyId, 'bench', 'analyst');
    const to = rebuilt.to!;
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 89 * DAY).toISOString().slice(0, 10);
    const url = `/api/v1/dashboards/overview?from=${from}&to=${to}`;
    const overview = async () => {
      const res = await app.request(url, { headers: { authorization: `Bearer ${key.key}` } });
      if (res.status !== 200) throw new Error(`overview ${res.status}: ${await res.text()}`);
      await res.json();
    };
    await overview(); // warm-up (catalog caches, plans)
    const api = await timeCalls(calls, overview);
    const raw = await timeCalls(Math.max(3, Math.min(5, calls)), async () => {
      await db.query(RAW_SQL, [agencyId, agency.timezone, from, to]);
    });
    const f = (v: number) => `${v.toFixed(1)} ms`;
    console.log(`overview ${from} → ${to} (90 days), ${kind}, ${rows.toLocaleString('en')} interactions:`);
    console.log(`  rollup endpoint  p50 ${f(api.p50)}  p95 ${f(api.p95)}   (${calls} calls)`);
    console.log(`  raw-scan SQL     p50 ${f(raw.p50)}  p95 ${f(raw.p95)}`);
    console.log(`  ratio raw/rollup p50 ${(raw.p50 / api.p50).toFixed(1)}×  p95 ${(raw.p95 / api.p95).toFixed(1)}×`);
    if (kind === 'postgres') console.log(`  goal p95 < 150 ms on PostgreSQL at 10 M: ${api.p95 < 150 ? 'met' : 'NOT met'}`);
  } finally {
    await drop();
  }
}
