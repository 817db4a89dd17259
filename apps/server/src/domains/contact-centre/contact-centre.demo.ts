import { registerDemoExtension } from '../demo/demo-extensions.ts';
import { IngestTally } from '../interactions/interactions.pipeline.ts';
import { CallIngestor } from './call-ingest.ts';
import { generateCalls, plannedAgents } from './call-generator.ts';
import { upsertSchedule } from './contact-centre.queries.ts';

const BATCH = 5_000;
const DAY = 86_400_000;
const RIYADH_OFFSET = 3 * 3_600_000; // the demo agency is in Asia/Riyadh (no DST)

// ~90 days of contact-centre call records through the call import path (so the rollup and the
// voice interactions are built as for real data; journeys are rebuilt once by their demo extension,
// so ingest hooks are skipped), plus next week's agent schedule for the planner.
registerDemoExtension('contact-centre', async (services, agency, ctx) => {
  const firstDayMs = Math.floor((ctx.from.getTime() + RIYADH_OFFSET) / DAY) * DAY - RIYADH_OFFSET;
  const days = Math.round((ctx.to.getTime() - firstDayMs) / DAY) + 1;
  const callsPerWorkingDay = 900;
  const ingestor = await CallIngestor.load(services.db, agency, services.secrets.pseudonymKey);
  const tally = new IngestTally();
  let batch: { raw: Record<string, unknown>; row: number }[] = [];
  let row = 0;
  for (const call of generateCalls({ rng: ctx.rng, firstDayMs, days, offsetMs: RIYADH_OFFSET, callsPerWorkingDay, untilMs: ctx.to.getTime() })) {
    batch.push({ raw: { ...call, service: '' }, row: ++row });
    if (batch.length === BATCH) {
      await ingestor.ingestBatch(services.db, batch, tally, null, { runHooks: false });
      batch = [];
    }
  }
  await ingestor.ingestBatch(services.db, batch, tally, null, { runHooks: false });
  const schedule = [];
  for (let d = 1; d <= 7; d++) {
    const local = new Date(firstDayMs + (days - 1 + d) * DAY + RIYADH_OFFSET);
    for (let minute = 0; minute < 1440; minute += 30) {
      schedule.push({ day: local.toISOString().slice(0, 10), minute, agents: Math.round(plannedAgents(callsPerWorkingDay, local.getUTCDay(), minute, 90) / 0.7) });
    }
  }
  await upsertSchedule(services.db, agency.id, schedule);
});
