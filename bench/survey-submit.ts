import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { Db } from '../apps/server/src/db/db.ts';
import { openBenchDb } from './bench-db.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import type { Services } from '../apps/server/src/http/context.ts';
import { createAgency } from '../apps/server/src/domains/access/access.service.ts';
import { seedTestCatalog } from '../apps/server/src/domains/interactions/test-catalog.ts';
import { insertInvitations, type NewInvitation } from '../apps/server/src/domains/surveys/distribution.queries.ts';
import { QUESTION_BANK } from '../apps/server/src/domains/surveys/question-bank.ts';
import { changeSurveyStatus, createSurvey } from '../apps/server/src/domains/surveys/surveys.service.ts';
import { surveyRuntime } from '../apps/server/src/domains/surveys/survey-runtime.ts';
import { signToken } from '../apps/server/src/domains/surveys/tokens.ts';
import '../apps/server/src/jobs/registry.ts';

/**
 * `npm run bench -- survey-submit [--db pglite|postgres] [--seconds 10] [--connections 10] [--rounds 2]`:
 * autocannon on loopback against the public submit endpoint (one complete 5-question answer
 * per request, each on its own invitation, posting the hidden fields the rendered form carries)
 * and, in the same process on the same database through the same app and middleware, a bare
 * endpoint under /s/ that parses the same form and inserts one row. Both are warmed up, then
 * measured in alternating rounds so drift in machine load hits both. PostgreSQL comes from
 * TEST_DATABASE_URL.
 */
export async function run(args: string[]) {
  const kind = valueOf(args, '--db') ?? 'pglite';
  const seconds = Number(valueOf(args, '--seconds') ?? 10);
  const connections = Number(valueOf(args, '--connections') ?? 10);
  const rounds = Number(valueOf(args, '--rounds') ?? 2);
  const warmup = 2;
  const { db, drop } = await openBenchDb(kind, { poolSize: 20 });
  await migrate(db);
  await db.exec('CREATE TABLE IF NOT EXISTS bench_bare (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, agency_id int, body text, at timestamptz DEFAULT now())');
  const config = loadConfig({ LOG_LEVEL: 'silent', TAJRIBA_DEMO: 'off', TAJRIBA_SURVEY_RATE_PER_MIN: '100000000', TAJRIBA_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789abcdef0123' });
  const services: Services = { db, config, log: pino({ level: 'silent' }), secrets: { pseudonymKey: config.TAJRIBA_PSEUDONYM_KEY! } };
  const agency = await createAgency(db, null, { slug: 'bench', name_ar: 'جهة القياس', name_en: 'Bench agency', timezone: 'Asia/Riyadh' });
  await seedTestCatalog(db, agency.id);
  const questions = ['overall', 'efficiency', 'employee', 'went_wrong', 'comment'].map((k) => structuredClone(QUESTION_BANK.find((q) => q.key === k)!));
  await createSurvey(db, null, agency.id, { code: 'b', kind: 'post_service', name_ar: 'قياس', name_en: 'Bench', services: ['work-permit'], questions });
  await changeSurveyStatus(db, null, agency.id, 'b', 'active');
  const [{ id: surveyId }] = await db.query<{ id: number }>('SELECT id FROM surveys WHERE agency_id = $1', [agency.id]);

  const n = Math.max(20_000, (warmup + rounds * seconds) * 4000); // more than the submits that fit in the run
  const expires = new Date(Date.now() + 86_400_000);
  const rt = surveyRuntime(services);
  const tokens: string[] = [];
  for (let i = 0; i < n; i += 5000) {
    const rows: NewInvitation[] = Array.from({ length: Math.min(5000, n - i) }, (_, k) => ({
      survey_id: surveyId, version: 1, campaign_id: null, interaction_id: null, beneficiary_pid: `b${i + k}`, delivery: 'link', service_id: null,
      channel_id: null, branch_id: null, provider_id: null, stage_id: null, employee_pid: null, send_at: null, expires_at: expires,
    }));
    for (const r of await insertInvitations(db, agency.id, rows)) tokens.push(signToken(rt.tokenKey, { kind: 'i', agencyId: agency.id, id: r.id, exp: Math.floor(expires.getTime() / 1000) }));
  }

  const app = buildApp(services);
  // Under /s/ so the bare endpoint passes the public page's middleware too (body limit).
  app.post('/s/bench/bare', async (c) => {
    const form = await c.req.parseBody();
    await db.query('INSERT INTO bench_bare (agency_id, body) VALUES ($1, $2)', [agency.id, JSON.stringify(form)], { prepare: true });
    return c.redirect('/s/bench/done', 303);
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The body a browser posts: the form's hidden fields plus the answers.
  const form = await (await fetch(`${base}/s/${tokens[tokens.length - 1]}`)).text();
  const hidden = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
  const body = new URLSearchParams({ ...hidden, q_overall: '4', q_efficiency: '3', q_employee: '5', q_went_wrong: 'waiting', q_comment: 'الخدمة ممتازة لكن الانتظار طويل' }).toString();

  let next = 0;
  const bareRun = (d: number) => measured(db, () => load(`${base}/s/bench/bare`, body, d, connections, () => '/s/bench/bare'));
  const submitRun = (d: number) => measured(db, () => load(`${base}/s/x`, body, d, connections, () => `/s/${tokens[next++ % tokens.length]}`));
  await bareRun(warmup);
  await submitRun(warmup);
  const bare: Measured[] = [];
  const submit: Measured[] = [];
  for (let r = 0; r < rounds; r++) {
    bare.push(await bareRun(seconds));
    submit.push(await submitRun(seconds));
  }
  const [{ answered }] = await db.query<{ answered: number }>(`SELECT count(*)::int AS answered FROM survey_responses WHERE agency_id = $1 AND status = 'completed'`, [agency.id]);
  server.close();
  await drop();

  const line = (name: string, r: Measured) =>
    `${name.padEnd(24)} ${Math.round(r.requests.average).toString().padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  ` +
    `cpu/req node ${(r.nodeMs / r.requests.total).toFixed(2)} ms, postgres ${r.pgMs === null ? '(in process)' : `${(r.pgMs / r.requests.total).toFixed(2)} ms`}  (${r.non2xx} redirects, ${r.errors} errors)`;
  console.log(`database ${db.kind}; ${connections} connections, ${warmup} s warm-up each, then ${rounds} alternating rounds × ${seconds} s, loopback; hidden fields ${Object.keys(hidden).join(',')}`);
  bare.forEach((b, r) => {
    console.log(line(`bare insert (round ${r + 1})`, b));
    console.log(line(`survey submit (round ${r + 1})`, submit[r]));
  });
  const total = (rs: Measured[]) => rs.reduce((sum, r) => sum + r.requests.total, 0);
  const worst = (rs: Measured[], k: 'p50' | 'p99') => Math.max(...rs.map((r) => r.latency[k]));
  console.log(`completed responses stored: ${answered} (submit requests ${total(submit)}${next > tokens.length ? ', tokens reused: later ones were double submits' : ''})`);
  console.log(`ratio submit/bare ${(total(submit) / total(bare)).toFixed(2)}×; worst round p50/p99: bare ${worst(bare, 'p50')}/${worst(bare, 'p99')} ms, submit ${worst(submit, 'p50')}/${worst(submit, 'p99')} ms`);
}

type Measured = autocannon.Result & { nodeMs: number; pgMs: number | null };

/**
 * Runs a load and measures the CPU it cost this process (server and autocannon together) and,
 * on PostgreSQL under Linux, the server processes of this benchmark's database.
 */
async function measured(db: Db, fn: () => Promise<autocannon.Result>): Promise<Measured> {
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const pids = db.kind === 'postgres' && process.platform === 'linux'
    ? (await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).map((r) => r.pid)
    : null;
  const n0 = cpu();
  const p0 = pids && backendCpuMs(pids);
  const r = await fn();
  return { ...r, nodeMs: cpu() - n0, pgMs: pids && backendCpuMs(pids) - p0! };
}

/** utime + stime of the given processes in ms (USER_HZ is 100 on Linux). */
function backendCpuMs(pids: number[]) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // the backend ended meanwhile
    }
  }
  return ticks * 10;
}

function load(url: string, body: string, duration: number, connections: number, path: () => string) {
  return autocannon({
    url, duration, connections, method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    requests: [{ setupRequest: (req) => ({ ...req, path: path() }) }],
  });
}

const valueOf = (args: string[], flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
