import pino from 'pino';
import { loadConfig } from '../apps/server/src/config.ts';
import { openPglite, openPostgres, type Db } from '../apps/server/src/db/db.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import type { Services } from '../apps/server/src/http/context.ts';
import { createRng } from '../apps/server/src/lib/random.ts';
import { ensureDemoAgency } from '../apps/server/src/domains/demo/demo.service.ts';
import { DEMO_BRANCHES, DEMO_PROVIDERS, DEMO_SERVICES } from '../apps/server/src/domains/demo/demo-catalog.ts';
import { generateDemoInteractions } from '../apps/server/src/domains/demo/demo-generator.ts';
import { pseudonymizer } from '../apps/server/src/lib/pseudonym.ts';

/**
 * `npm run bench -- demo [--days 90] [--url postgres://…/empty_db | --dir /tmp/empty]`: builds the demo
 * agency on a fresh in-memory PGlite (or the given empty PostgreSQL database, or PGlite on disk in a
 * new directory, as `npm start` runs it: in-memory PGlite spends seconds growing its files) and compares it with the
 * generator alone (no database), the floor the storage path is measured against.
 */
export async function run(args: string[]) {
  const days = Number(valueOf(args, '--days') ?? 90);
  const url = valueOf(args, '--url');
  const dir = valueOf(args, '--dir');
  const t0 = performance.now();
  const db: Db = url ? await openPostgres(url) : await openPglite(dir);
  await migrate(db);
  const tOpen = (performance.now() - t0) / 1000;

  const g0 = performance.now();
  const generated = countGeneratedRows(days);
  const genSeconds = (performance.now() - g0) / 1000;

  const config = loadConfig({ TAJRIBA_DEMO: 'auto', LOG_LEVEL: 'silent' });
  const services: Services = { db, config, log: pino({ level: 'silent' }), secrets: { pseudonymKey: 'bench-pseudonym-key-0123456789abcdef0123' } };
  // CPU time of this process as well as wall time: on a shared machine wall time includes waiting
  // for a core (for PostgreSQL the server's own CPU is not in this figure).
  const cpu0 = process.cpuUsage();
  const summary = (await ensureDemoAgency(services, { days }))!;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const i0 = performance.now();
  await ensureDemoAgency(services, { days });
  const idempotentMs = performance.now() - i0;
  await db.close();

  console.log(`database            ${db.kind}${url ? '' : dir ? ` (on disk: ${dir})` : ' (in-memory)'}; open + migrate ${tOpen.toFixed(1)} s`);
  console.log(`generator only      ${generated.toLocaleString('en')} rows in ${genSeconds.toFixed(2)} s (${rate(generated, genSeconds)} rows/s)`);
  console.log(`demo agency         ${summary.interactions.toLocaleString('en')} rows in ${summary.seconds.toFixed(2)} s (${rate(summary.interactions, summary.seconds)} rows/s)`);
  console.log(`  process CPU         ${cpuSeconds.toFixed(2)} s`);
  const extensions = Object.entries(summary.extensionSeconds);
  const own = summary.seconds - extensions.reduce((t, [, sec]) => t + sec, 0);
  console.log(`  catalog + interactions ${own.toFixed(2)} s (${rate(summary.interactions, own)} rows/s)`);
  for (const [name, sec] of extensions) console.log(`  extension ${name}: ${sec.toFixed(2)} s`);
  console.log(`ratio demo/generator ${(genSeconds / summary.seconds).toFixed(2)}×; second call (exists) ${idempotentMs.toFixed(1)} ms`);
}

function countGeneratedRows(days: number) {
  let id = 0;
  const catalog = {
    channels: { branch: 1, voice: 2, web: 3, app: 4 },
    branches: DEMO_BRANCHES.map((def) => ({ id: ++id, def })),
    services: DEMO_SERVICES.map((def) => ({
      id: ++id, def, providerId: def.provider ? 2 : 1, outsourced: def.provider !== null,
      stageIds: def.stages.map(() => ++id), reasonIds: def.reasons.map(() => ++id),
    })),
    provider: DEMO_PROVIDERS[1],
  };
  let n = 0;
  const pseudonymize = pseudonymizer('bench-pseudonym-key-0123456789abcdef0123', 1);
  for (const b of generateDemoInteractions({ rng: createRng(42), seed: 42, days, to: new Date(), catalog, pseudonymize })) n += b.length;
  return n;
}

const valueOf = (args: string[], flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
