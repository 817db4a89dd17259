// `npm run bench -- calls [--rows 1000000] [--db pglite|postgres]`: N simulated call records
// through the product's CSV path (stream → call pipeline → calls + interval rollup + voice
// interactions), then the same stored calls by raw COPY; then a month's KPIs by 15-minute
// interval: the product query (rollup; raw for an off-grid T) against a plain SQL aggregate.
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../apps/server/src/config.ts';
import type { Db } from '../apps/server/src/db/db.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { createAgency } from '../apps/server/src/domains/access/access.service.ts';
import { importCallsFile } from '../apps/server/src/domains/contact-centre/call-import.ts';
import { DEMO_QUEUES, generateCalls } from '../apps/server/src/domains/contact-centre/call-generator.ts';
import { getCallKpis } from '../apps/server/src/domains/contact-centre/contact-centre.service.ts';
import { getRepeatCallCounts } from '../apps/server/src/domains/contact-centre/contact-centre.queries.ts';
import { getAgencyBySlug } from '../apps/server/src/http/agency-scope.ts';
import type { Services } from '../apps/server/src/http/context.ts';
import { createRng } from '../apps/server/src/lib/random.ts';
import { openBenchDb, option } from './bench-db.ts';

const CALL_COLUMNS = ['call_id', 'caller', 'queue', 'arrived_at', 'answered_at', 'ended_at', 'outcome', 'agent_id'] as const;
const STORED = ['agency_id', 'call_id', 'caller_pid', 'agent_pid', 'queue', 'service_id', 'arrived_at', 'answered_at', 'ended_at', 'outcome'];
const RIYADH = 3 * 3_600_000;
const FIRST_DAY = Date.UTC(2024, 0, 1) - RIYADH; // 2024-01-01 00:00 Riyadh

async function writeCallsCsv(path: string, rows: number) {
  const out = createWriteStream(path);
  out.write(`${CALL_COLUMNS.join(',')}\n`);
  let buf = '';
  let n = 0;
  const calls = generateCalls({ rng: createRng(42), firstDayMs: FIRST_DAY, days: 200, offsetMs: RIYADH, callsPerWorkingDay: Math.ceil(rows / 95), callerPool: Math.ceil(rows / 4) });
  for (const c of calls) {
    buf += `${CALL_COLUMNS.map((k) => c[k]).join(',')}\n`;
    if (++n === rows) break;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

const csvField = (v: unknown) => (v === null || v === undefined ? '' : v === '' ? '""' : v instanceof Date ? v.toISOString() : String(v));

async function copyBaselineSeconds(db: Db, agencyId: number, dir: string) {
  const files: string[] = [];
  for (let last = 0; ; ) {
    const rows = await db.query<Record<string, unknown>>(`SELECT id, ${STORED.join(', ')} FROM calls WHERE agency_id = $1 AND id > $2 ORDER BY id LIMIT 100000`, [agencyId, last]);
    if (!rows.length) break;
    last = rows[rows.length - 1].id as number;
    const f = join(dir, `copy-${files.length}.csv`);
    writeFileSync(f, rows.map((r) => STORED.map((c) => csvField(r[c])).join(',')).join('\n') + '\n');
    files.push(f);
  }
  await db.exec('CREATE TABLE calls_copy (LIKE calls INCLUDING ALL)');
  const t = performance.now();
  for (const f of files) await db.copyCsv('calls_copy', STORED, readFileSync(f, 'utf8'));
  return (performance.now() - t) / 1000;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

// What a DBA would write for "a month by 15-minute interval": one pass, no rollup, no repeat calls.
const PLAIN_SQL = `
SELECT date_bin('15 minutes', arrived_at AT TIME ZONE 'Asia/Riyadh', TIMESTAMP '2000-01-01') AS slot,
       count(*) FILTER (WHERE outcome <> 'ivr') AS offered, count(*) FILTER (WHERE outcome = 'answered') AS answered,
       count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
       avg(extract(epoch FROM answered_at - arrived_at)) FILTER (WHERE outcome = 'answered') AS asa,
       count(*) FILTER (WHERE outcome = 'answered' AND answered_at - arrived_at <= interval '20 seconds') AS within_t,
       avg(extract(epoch FROM ended_at - answered_at)) FILTER (WHERE outcome = 'answered') AS aht
  FROM calls WHERE agency_id = $1 AND arrived_at >= $2::timestamptz AND arrived_at < $3::timestamptz
 GROUP BY 1 ORDER BY 1`;

export async function run(args: string[]) {
  const rows = Number(option(args, 'rows', '1000000'));
  const kind = option(args, 'db', 'pglite');
  const dir = mkdtempSync(join(tmpdir(), 'tajriba-bench-calls-'));
  const { db, drop } = await openBenchDb(kind);
  try {
    await migrate(db);
    const { id } = await createAgency(db, null, { slug: 'bench', name_ar: 'قياس', name_en: 'Bench', timezone: 'Asia/Riyadh' });
    await db.query(`INSERT INTO channels (agency_id, code, name_ar, name_en, category) VALUES ($1, 'call-centre', 'مركز الاتصال', 'Call centre', 'voice')`, [id]);
    for (const q of DEMO_QUEUES) await db.query(`INSERT INTO services (agency_id, code, name_ar, name_en) VALUES ($1, $2, $2, $2)`, [id, q.queue]);
    const agency = (await getAgencyBySlug(db, 'bench'))!;
    const csvPath = join(dir, 'calls.csv');
    await writeCallsCsv(csvPath, rows);
    console.log(`calls bench: ${rows.toLocaleString('en')} call records on ${kind}; CSV ${Math.round(statSync(csvPath).size / 2 ** 20)} MB`);

    const config = loadConfig({ TAJRIBA_DATA_DIR: dir, LOG_LEVEL: 'silent', TAJRIBA_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789abcdef0123' });
    const services: Services = { db, config, log: pino({ level: 'silent' }), secrets: { pseudonymKey: config.TAJRIBA_PSEUDONYM_KEY! } };
    const [result, importMs] = await timed(() => importCallsFile(services, agency, csvPath));
    if (result.accepted !== rows) throw new Error(`expected ${rows} accepted, got ${JSON.stringify({ ...result, errors: result.errors.slice(0, 3) })}`);
    const [{ interactions }] = await db.query<{ interactions: number }>('SELECT count(*)::int AS interactions FROM interactions WHERE agency_id = $1', [id]);
    const copySeconds = await copyBaselineSeconds(db, id, dir);
    const product = rows / (importMs / 1000);
    const copy = rows / copySeconds;
    console.log(`product CSV path : ${Math.round(product).toLocaleString('en')} calls/s (${(importMs / 1000).toFixed(1)} s; calls + rollup + ${interactions.toLocaleString('en')} voice interactions)`);
    console.log(`raw COPY (calls) : ${Math.round(copy).toLocaleString('en')} rows/s (${copySeconds.toFixed(1)} s, the stored call rows only)`);
    console.log(`ratio product/COPY: ${(product / copy).toFixed(2)}×`);

    await db.exec('ANALYZE calls; ANALYZE call_intervals');
    const month = { from: '2024-02-01', to: '2024-02-29' };
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM calls WHERE agency_id = $1 AND arrived_at >= '2024-02-01T00:00:00+03' AND arrived_at < '2024-03-01T00:00:00+03'`, [id]);
    console.log(`month ${month.from}…${month.to}: ${n.toLocaleString('en')} calls; each query run twice, second (warm) time shown`);
    const twice = async (fn: () => Promise<unknown>) => (await timed(fn), (await timed(fn))[1]);
    const plainMs = await twice(() => db.query(PLAIN_SQL, [id, '2024-02-01T00:00:00+03', '2024-03-01T00:00:00+03']));
    const rollupMs = await twice(() => getCallKpis(db, agency, { ...month, groupBy: ['interval15'] }));
    const rawMs = await twice(() => getCallKpis(db, agency, { ...month, slSeconds: 25, groupBy: ['interval15'] }));
    const repeatMs = await twice(() => getRepeatCallCounts(db, { agencyId: id, timeZone: 'Asia/Riyadh', ...month, groupBy: ['interval15'] }));
    const [report] = await timed(() => getCallKpis(db, agency, { ...month, groupBy: ['interval15'] }));
    console.log(`plain SQL aggregate over raw calls (no repeat rate): ${plainMs.toFixed(0)} ms`);
    console.log(`product KPIs by interval15, T=20 (rollup + raw repeat-call rate): ${rollupMs.toFixed(0)} ms (${(rollupMs / plainMs).toFixed(2)}× plain), ${report.groups.length} intervals`);
    console.log(`product KPIs by interval15, T=25 (raw calls, exact for any T): ${rawMs.toFixed(0)} ms (${(rawMs / plainMs).toFixed(2)}× plain)`);
    console.log(`  of which the repeat-call rate (window over the month + 7 days): ${repeatMs.toFixed(0)} ms`);
    console.log(`month totals: offered ${report.totals.offered}, answer rate ${report.totals.answerRate.rate?.toFixed(3)}, SL ${report.totals.serviceLevel.rate?.toFixed(3)}, repeat 7d ${report.totals.repeatCallRate7d.rate?.toFixed(3)}`);
  } finally {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
