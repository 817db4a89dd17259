import type { AgencySettings } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import { getAgencySettings } from '../catalog/agency-settings.ts';
import { assembleJourneys, DAY_MS, spanStartIds, type JourneyContact } from './journey-engine.ts';
import * as q from './journeys.queries.ts';
import { getContactsOfLongKeys, insertAllJourneys } from './rebuild.queries.ts';
import { analyzeJourneyTables, refreshContactRollups, refreshJourneyRollups, deleteAllRollups } from './rollups.queries.ts';

const KEY_CHUNK = 2_000;
const QUEUE_BATCHES_PER_TX = 20;

type Rules = Pick<AgencySettings, 'repeat_window_days' | 'journey_max_span_days'>;

/** What assembly needs besides the contacts: the agency's rules, the instant, the catalog. */
interface AssemblyContext {
  rules: Rules;
  nowMs: number;
  catalog: q.JourneyCatalog;
}

/** The days whose rollups a refresh changed. */
export interface TouchedDays {
  contactDays: Set<string>;
  journeyDays: Set<string>;
}

const newTouched = (): TouchedDays => ({ contactDays: new Set(), journeyDays: new Set() });

const toContact = (cat: q.JourneyCatalog) => (r: q.ContactRow): JourneyContact => ({
  startedMs: r.s, endedMs: r.e, outcome: r.outcome, channelId: r.channel_id, category: cat.category.get(r.channel_id) ?? 'traditional',
  branchId: r.branch_id, providerId: r.provider_id, stageId: r.stage_id, stagePosition: cat.position.get(r.stage_id) ?? null, day: r.day,
});

/** Consecutive rows of one beneficiary × service (rows arrive ordered by key). */
function* groupByKey(rows: q.ContactRow[]) {
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || rows[i].pid !== rows[start].pid || rows[i].sid !== rows[start].sid) {
      yield rows.slice(start, i);
      start = i;
    }
  }
}

function journeysOf(rows: q.ContactRow[], ctx: AssemblyContext, touched: TouchedDays, sinceMs: number | null) {
  const { rules, nowMs } = ctx;
  const out: q.JourneyInsert[] = [];
  for (const group of groupByKey(rows)) {
    const { pid, sid } = group[0];
    const journeys = assembleJourneys(group.map(toContact(ctx.catalog)), {
      repeatWindowDays: rules.repeat_window_days, maxSpanDays: rules.journey_max_span_days, nowMs,
    });
    for (const j of journeys) {
      out.push({ ...j, pid, sid });
      touched.journeyDays.add(j.startDay);
    }
    // A new contact can change the repeat flag of the same person's contacts up to N days before it.
    const from = sinceMs === null ? -Infinity : sinceMs - rules.repeat_window_days * DAY_MS;
    for (const c of group) if (c.s >= from) touched.contactDays.add(c.day);
  }
  return out;
}

/** Re-assembles the journeys of the given keys from all their contacts. */
export async function refreshJourneysForKeys(tx: Db, agency: AgencyRef, rules: Rules, keys: q.JourneyKey[], nowMs: number, touched: TouchedDays) {
  const ctx: AssemblyContext = { rules, nowMs, catalog: await q.getJourneyCatalog(tx, agency.id) };
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const chunk = keys.slice(i, i + KEY_CHUNK);
    for (const d of await q.deleteJourneysForKeys(tx, agency.id, chunk)) touched.journeyDays.add(d);
    const rows = await q.getContactsForKeys(tx, agency.id, agency.timezone, chunk);
    const since = new Map(chunk.map((k) => [`${k.pid}\u0000${k.sid}`, k.sinceMs]));
    const journeys: q.JourneyInsert[] = [];
    for (const group of groupByKey(rows)) {
      journeys.push(...journeysOf(group, ctx, touched, since.get(`${group[0].pid}\u0000${group[0].sid}`) ?? null));
    }
    await q.insertJourneys(tx, agency.id, journeys);
  }
}

/** Sorted runs [from, to] of the days, merging runs separated by at most maxGap days. */
export function dayRuns(days: Iterable<string>, maxGap = 0): [string, string][] {
  const sorted = [...new Set(days)].sort();
  const runs: [string, string][] = [];
  const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && (ms(d) - ms(last[1])) / DAY_MS <= maxGap + 1) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

export async function refreshRollupDays(tx: Db, agency: AgencyRef, rules: Rules, touched: TouchedDays) {
  for (const [from, to] of dayRuns(touched.contactDays, rules.repeat_window_days)) {
    await refreshContactRollups(tx, agency.id, agency.timezone, rules.repeat_window_days, from, to);
  }
  for (const [from, to] of dayRuns(touched.journeyDays, 3)) await refreshJourneyRollups(tx, agency.id, from, to);
}

/**
 * Consumes the agency's queued batches: re-assembles the touched journeys, drops stale open
 * journeys, then refreshes the rollup days that changed. Returns how many batches it consumed.
 */
export async function processRefreshQueue(db: Db, agency: AgencyRef, nowMs = Date.now()): Promise<number> {
  const rules = await getAgencySettings(db, agency.id);
  let consumed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await q.lockAgencyRefresh(tx, agency.id);
      const batches = await q.getQueuedRefreshBatches(tx, agency.id, QUEUE_BATCHES_PER_TX);
      if (batches.length === 0) return 0;
      const touched = newTouched();
      const keys = await q.getKeysInIdRanges(tx, agency.id, batches);
      await refreshJourneysForKeys(tx, agency, rules, keys, nowMs, touched);
      await refreshRollupDays(tx, agency, rules, touched);
      await q.deleteQueuedRefreshBatches(tx, agency.id, batches.map((b) => b.id));
      return batches.length;
    });
    if (n === 0) return consumed;
    consumed += n;
  }
}

/** Open journeys that have gone quiet become dropped; their start days are re-rolled. */
export async function expireOpenJourneys(db: Db, agency: AgencyRef) {
  const rules = await getAgencySettings(db, agency.id);
  return db.transaction(async (tx) => {
    await q.lockAgencyRefresh(tx, agency.id);
    const days = await q.markStaleOpenJourneysDropped(tx, agency.id, rules.repeat_window_days, rules.journey_max_span_days);
    for (const [from, to] of dayRuns(days, 3)) await refreshJourneyRollups(tx, agency.id, from, to);
    return days.length;
  });
}

export interface RebuildSummary {
  /** Journeys rebuilt (full) or beneficiary × service keys re-assembled (range). */
  journeys: number;
  from: string | null;
  to: string | null;
}

/**
 * Backfill: with no range, every journey and rollup of the agency is rebuilt from raw
 * interactions; with a range, the journeys of people active in it and the range's rollups.
 */
export async function rebuildJourneysAndRollups(db: Db, agency: AgencyRef, range: { from?: string; to?: string } = {}, nowMs = Date.now()): Promise<RebuildSummary> {
  const rules = await getAgencySettings(db, agency.id);
  return db.transaction(async (tx) => {
    await q.lockAgencyRefresh(tx, agency.id);
    const touched = newTouched();
    let journeys = 0;
    const all = await q.getInteractionDayRange(tx, agency.id, agency.timezone);
    const from = range.from ?? all?.from ?? null;
    const to = range.to ?? all?.to ?? null;
    if (!range.from && !range.to) {
      await q.deleteAllJourneys(tx, agency.id);
      await deleteAllRollups(tx, agency.id);
      await q.clearRefreshQueue(tx, agency.id);
      journeys = await rebuildAllJourneys(tx, agency, rules, nowMs);
    } else if (from && to) {
      const keys = await q.getKeysActiveBetween(tx, agency.id, agency.timezone, from, to);
      await refreshJourneysForKeys(tx, agency, rules, keys, nowMs, touched);
      journeys = keys.length;
    }
    if (from && to) {
      // Contacts up to N days before the range may have gained a follower inside it.
      const before = new Date(Date.parse(`${from}T00:00:00Z`) - rules.repeat_window_days * DAY_MS).toISOString().slice(0, 10);
      await refreshContactRollups(tx, agency.id, agency.timezone, rules.repeat_window_days, range.from ? before : from, to);
      await refreshJourneyRollups(tx, agency.id, from, to);
      const outside = [...touched.journeyDays].filter((d) => d < from || d > to);
      for (const [a, b] of dayRuns(outside, 3)) await refreshJourneyRollups(tx, agency.id, a, b);
    }
    await analyzeJourneyTables(tx);
    return { journeys, from, to };
  });
}

/** Every journey of the agency, set-based (rebuild.queries.ts); only the span rule's splits are found here. */
async function rebuildAllJourneys(tx: Db, agency: AgencyRef, rules: Rules, nowMs: number) {
  const engineRules = { repeatWindowDays: rules.repeat_window_days, maxSpanDays: rules.journey_max_span_days };
  const longKeys = await getContactsOfLongKeys(tx, agency.id, rules.journey_max_span_days * DAY_MS);
  return insertAllJourneys(tx, agency.id, {
    tz: agency.timezone, windowMs: rules.repeat_window_days * DAY_MS, spanMs: rules.journey_max_span_days * DAY_MS, nowMs,
    spanStartIds: spanStartIds(longKeys, engineRules),
  });
}
