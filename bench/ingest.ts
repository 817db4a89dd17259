// `npm run bench -- ingest [--rows N] [--db pglite|postgres] [--hooks]`: N generated interactions
// through the product's CSV path (stream → pipeline → probe + COPY per batch), then the same
// stored rows by raw COPY into a table LIKE interactions INCLUDING ALL (same indexes and
// constraints), in the same process on the same database; prints rows/s, CPU and the ratio.
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../apps/server/src/config.ts';
import type { Db } from '../apps/server/src/db/db.ts';
import { openBenchDb, option } from './bench-db.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { createAgency } from '../apps/server/src/domains/access/access.service.ts';
import { registerIngestHook } from '../apps/server/src/domains/interactions/ingest-hooks.ts';
import { importInteractionsFile } from '../apps/server/src/domains/interactions/interactions.service.ts';
import { getAgencyBySlug } from '../apps/server/src/http/agency-scope.ts';
import type { Services } from '../apps/server/src/http/context.ts';

const COPY_CHUNK = 100_000;
const STORED_COLUMNS = [
  'agency_id', 'source', 'external_id', 'beneficiary_pid', 'service_id', 'channel_id', 'branch_id', 'provider_id',
  'stage_id', 'reason_id', 'employee_pid', 'started_at', 'ended_at', 'wait_seconds', 'outcome', 'attributes',
];

const SERVICES = ['work-permit', 'labour-complaint', 'social-security', 'saudization-cert', 'wage-protection', 'visa-transfer', 'disability-card', 'housing-support'];
const CHANNELS: [string, string][] = [['branch', 'traditional'], ['call-centre', 'voice'], ['portal', 'digital'], ['mobile-app', 'digital']];
const BRANCHES = ['ruh-1', 'ruh-2', 'jed-1', 'dmm-1', 'mak-1', 'mad-1', 'abh-1', 'tab-1'];
const STAGES = ['apply', 'review', 'decision'];
const REASONS = ['new', 'renewal', 'inquiry', 'complaint'];
const OUTCOMES = ['completed', 'completed', 'completed', 'completed', 'failed', 'abandoned', 'transferred'];

async function seedCatalog(db: Db, agencyId: number) {
  await db.query(`INSERT INTO providers (agency_id, code, name_ar, name_en, kind) VALUES ($1, 'tasheel', 'تسهيل', 'Tasheel', 'third_party')`, [agencyId]);
  for (const s of SERVICES) {
    const [{ id }] = await db.query<{ id: number }>(`INSERT INTO services (agency_id, code, name_ar, name_en) VALUES ($1, $2, $2, $2) RETURNING id`, [agencyId, s]);
    for (const [i, st] of STAGES.entries()) await db.query(`INSERT INTO stages (agency_id, service_id, code, name_ar, name_en, position) VALUES ($1, $2, $3, $3, $3, $4)`, [agencyId, id, st, i + 1]);
    for (const r of REASONS) await db.query(`INSERT INTO reasons (agency_id, service_id, code, name_ar, name_en) VALUES ($1, $2, $3, $3, $3)`, [agencyId, id, r]);
  }
  for (const [c, cat] of CHANNELS) await db.query(`INSERT INTO channels (agency_id, code, name_ar, name_en, category) VALUES ($1, $2, $2, $2, $3)`, [agencyId, c, cat]);
  for (const b of BRANCHES) await db.query(`INSERT INTO branches (agency_id, code, name_ar, name_en) VALUES ($1, $2, $2, $2)`, [agencyId, b]);
}

/** Deterministic interactions CSV as a ministry export would look (no offsets: local time). */
export async function writeInteractionsCsv(path: string, rows: number) {
  const out = createWriteStream(path);
  out.write('external_id,beneficiary_id,service,channel,branch,provider,stage,reason,employee_id,started_at,ended_at,wait_seconds,outcome,attributes.queue\n');
  let seed = 42;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const people = Math.max(1, Math.floor(rows / 4));
  const t0 = Date.UTC(2024, 0, 1);
  let buf = '';
  for (let i = 1; i <= rows; i++) {
    const channel = CHANNELS[rnd(4)][0];
    const start = new Date(t0 + rnd(90 * 24 * 3600) * 1000);
    const end = new Date(start.getTime() + (60 + rnd(1800)) * 1000);
    const local = (d: Date) => d.toISOString().slice(0, 19);
    buf += `V${i},${1_000_000_000 + rnd(people)},${SERVICES[rnd(8)]},${channel},${channel === 'branch' ? BRANCHES[rnd(8)] : ''},` +
      `${rnd(10) === 0 ? 'tasheel' : ''},${STAGES[rnd(3)]},${REASONS[rnd(4)]},E${rnd(400)},${local(start)},${local(end)},${rnd(900)},${OUTCOMES[rnd(7)]},Q${rnd(20)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

const csvField = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The stored rows as COPY CSV chunk files (outside the timed part). */
async function exportStoredRows(db: Db, agencyId: number, dir: string): Promise<string[]> {
  const files: string[] = [];
  let last = 0;
  for (;;) {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT id, ${STORED_COLUMNS.join(', ')} FROM interactions WHERE agency_id = $1 AND id > $2 ORDER BY id LIMIT ${COPY_CHUNK}`, [agencyId, last],
    );
    if (!rows.length) return files;
    last = rows[rows.length - 1].id as number;
    const file = join(dir, `copy-${files.length}.csv`);
    writeFileSync(file, rows.map((r) => STORED_COLUMNS.map((c) => csvField(r[c])).join(',')).join('\n') + '\n');
    files.push(file);
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * CPU seconds used so far by this process and, on PostgreSQL, by the client backends of the
 * bench database (read from /proc: same machine). Wall time swings with the shared machine's
 * load; CPU per side is the steadier comparison.
 */
async function cpuSeconds(db: Db) {
  const own = process.cpuUsage();
  let backend = 0;
  if (db.kind === 'postgres') {
    // Client backends only: autovacuum workers wake on their own schedule and would blur the split.
    const pids = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`);
    for (const { pid } of pids) {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        backend += (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 10 ms
      } catch {
        // a backend that ended meanwhile
      }
    }
  }
  return { node: (own.user + own.system) / 1e6, backend };
}

async function timed(db: Db, fn: () => Promise<void>) {
  const c0 = await cpuSeconds(db);
  const t0 = performance.now();
  await fn();
  const seconds = (performance.now() - t0) / 1000;
  const c1 = await cpuSeconds(db);
  return { seconds, node: c1.node - c0.node, backend: c1.backend - c0.backend };
}

const cpuText = (kind: string, t: { node: number; backend: number }) =>
  kind === 'postgres' ? `CPU node ${t.node.toFixed(1)} s + server ${t.backend.toFixed(1)} s` : `CPU ${t.node.toFixed(1)} s`;

export async function run(args: string[]) {
  const rows = Number(option(args, 'rows', '1000000'));
  const kind = option(args, 'db', 'pglite');
  const dir = mkdtempSync(join(tmpdir(), 'tajriba-bench-ingest-'));
  const { db, drop } = await openBenchDb(kind);
  try {
    await migrate(db);
    const { id } = await createAgency(db, null, { slug: 'bench', name_ar: 'قياس', name_en: 'Bench', timezone: 'Asia/Riyadh' });
    await seedCatalog(db, id);
    const agency = (await getAgencyBySlug(db, 'bench'))!;
    const csvPath = join(dir, 'interactions.csv');
    await writeInteractionsCsv(csvPath, rows);
    console.log(`ingest bench: ${rows.toLocaleString('en')} rows on ${kind}; CSV ${mb(statSync(csvPath).size)}`);

    const config = loadConfig({ TAJRIBA_DATA_DIR: dir, LOG_LEVEL: 'silent', TAJRIBA_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789abcdef0123' });
    const services: Services = { db, config, log: pino({ level: 'silent' }), secrets: { pseudonymKey: config.TAJRIBA_PSEUDONYM_KEY! } };
    // With --hooks the store reads back the new rows' ids for a hook, as when other domains listen.
    let hooked = 0;
    if (args.includes('--hooks')) registerIngestHook('bench', async (_tx, _agency, inserted) => void (hooked += inserted.length));
    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
    let result: Awaited<ReturnType<typeof importInteractionsFile>> | undefined;
    const product = await timed(db, async () => {
      result = await importInteractionsFile(services, agency, csvPath);
    });
    clearInterval(sampler);
    if (result!.accepted !== rows) throw new Error(`expected ${rows} accepted, got ${JSON.stringify(result)}`);

    const chunks = await exportStoredRows(db, id, dir);
    await db.exec('CREATE TABLE interactions_copy (LIKE interactions INCLUDING ALL)');
    const copy = await timed(db, async () => {
      for (const f of chunks) await db.copyCsv('interactions_copy', STORED_COLUMNS, readFileSync(f, 'utf8'));
    });
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM interactions_copy');
    if (n !== rows) throw new Error(`COPY loaded ${n} rows`);

    const rate = (t: { seconds: number }) => rows / t.seconds;
    const cpuOf = (t: { node: number; backend: number }) => t.node + t.backend;
    console.log(`hooks: ${args.includes('--hooks') ? `one (received ${hooked.toLocaleString('en')} rows)` : 'none'}`);
    console.log(`product CSV path : ${Math.round(rate(product)).toLocaleString('en')} rows/s (${product.seconds.toFixed(1)} s wall, ${cpuText(kind, product)}; all steps incl. the sha256 pass)`);
    console.log(`raw COPY         : ${Math.round(rate(copy)).toLocaleString('en')} rows/s (${copy.seconds.toFixed(1)} s wall, ${cpuText(kind, copy)}; the same rows already resolved, ` +
      `${COPY_CHUNK.toLocaleString('en')} per COPY, into interactions_copy LIKE interactions INCLUDING ALL: same indexes, unique key and checks)`);
    console.log(`ratio product/COPY: ${(rate(product) / rate(copy)).toFixed(2)}× wall, ${(cpuOf(copy) / cpuOf(product)).toFixed(2)}× CPU  (goal ≥ 0.70×)`);
    console.log(`RSS: before import ${mb(rssBefore)}, peak during import ${mb(peak)} (+${mb(peak - rssBefore)})`);
  } finally {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
