import type { Rng } from '../../lib/random.ts';
import type { StoredInteraction } from '../interactions/ingest-hooks.ts';
import { DIGITAL_INCIDENT, type DemoBranch, type DemoService } from './demo-catalog.ts';

// Pure generator of the demo agency's interactions: journeys of beneficiaries across channels,
// stage by stage, with the hotspots the dashboards should find. No I/O: rows go to `store`.

export type DemoInteraction = StoredInteraction;

export interface ResolvedCatalog {
  channels: { branch: number; voice: number; web: number; app: number };
  branches: { id: number; def: DemoBranch }[];
  services: { id: number; def: DemoService; providerId: number; outsourced: boolean; stageIds: number[]; reasonIds: number[] }[];
  provider: { failFactor: number; waitFactor: number };
}

export interface GenerateOptions {
  rng: Rng;
  seed: number;
  days: number;
  /** Last instant to generate (normally now); the window starts at local midnight `days - 1` days earlier. */
  to: Date;
  catalog: ResolvedCatalog;
  /** Pseudonymizes a clear identifier (national ID, mobile, employee number). */
  pseudonymize: (clear: string) => string;
  batchSize?: number;
}

const DAY_MS = 86_400_000;
const RIYADH_OFFSET_MS = 3 * 3_600_000; // Asia/Riyadh has no daylight saving time
const LEAD_DAYS = 12; // journeys begun before the window still bring contacts into it
// Journeys per day are scaled so 90 days give ≈ 224k interactions (≥ 200k, the dashboards' floor).
const VOLUME_SCALE = 1.3;

// Relative contacts by local hour (index 0–23).
const BRANCH_HOURS = [0, 0, 0, 0, 0, 0, 0, 0.15, 0.8, 1, 1, 0.9, 0.55, 0.75, 0.65, 0.35, 0.05, 0, 0, 0, 0, 0, 0, 0];
const VOICE_HOURS = [0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.2, 0.7, 1, 1, 1, 0.8, 0.8, 0.7, 0.6, 0.5, 0.4, 0.35, 0.3, 0.25, 0.2, 0.1, 0.05];
const DIGITAL_HOURS = [0.5, 0.3, 0.15, 0.1, 0.08, 0.1, 0.2, 0.4, 0.7, 0.9, 1, 1, 0.9, 0.9, 0.85, 0.8, 0.75, 0.7, 0.7, 0.75, 0.85, 0.9, 0.85, 0.7];
// Ramadan: offices work 10:00–15:00 with an evening shift; online use moves to the night.
const RAMADAN_OFFICE_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0.9, 0.8, 0.6, 0.1, 0, 0, 0, 0, 0, 0.4, 0.4, 0.2];
const RAMADAN_DIGITAL_HOURS = [0.9, 0.8, 0.6, 0.4, 0.2, 0.05, 0.05, 0.1, 0.2, 0.4, 0.6, 0.7, 0.7, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.3, 0.8, 1, 1, 1];
// Sunday … Saturday; Friday and Saturday are the Saudi weekend.
const WEEKDAY_VOLUME = [1.15, 1.05, 1, 1, 0.9, 0.3, 0.45];
// Share of weekend calls that happen on the weekend rather than waiting for Sunday.
const VOICE_WEEKEND_SHARE = 0.5;

type Cat = 'branch' | 'voice' | 'web' | 'app';
type Outcome = StoredInteraction['outcome'];
export const DEMO_SOURCE = 'demo';

/**
 * The clear national ID (1… citizen, 2… resident) and mobile of pool member n. Exported so tests
 * can recompute them and prove they never reach the database.
 */
export function demoPersonIdentifiers(n: number, seed: number) {
  // n·7919 mod 10⁹ is a bijection on the pool (7919 is prime), so IDs never collide.
  const body = String((n * 7919 + seed * 104_729 + 1_000_003) % 1_000_000_000).padStart(9, '0');
  const mob = String((n * 6_421 + seed * 7_207 + 3_333_333) % 100_000_000).padStart(8, '0');
  const mix = Math.imul(n ^ seed, 0x9e3779b1) >>> 0;
  return { id: `${mix % 100 < 72 ? '1' : '2'}${body}`, mobile: `05${'034569'[mix % 6]}${mob.slice(1)}` };
}

interface Person {
  id: string;
  mobile: string;
  pid: string | null;
  mobilePid: string | null;
  branch: number;
  /** Multiplies the service's digital share: older or less connected people go in person. */
  digital: number;
}

export function* generateDemoInteractions(o: GenerateOptions): Generator<DemoInteraction[]> {
  const { rng, catalog } = o;
  const batchSize = o.batchSize ?? 5000;
  const toMs = o.to.getTime();
  const fromMs = demoWindow(o.to, o.days).from.getTime();
  const days = o.days;
  const ramadan = ramadanDays(fromMs - LEAD_DAYS * DAY_MS, days + LEAD_DAYS);
  const poolSize = Math.round(850 * (days + LEAD_DAYS));
  const people = new Map<number, Person>();
  const empPids = new Map<string, string>();
  const branchWeights = catalog.branches.map((b) => b.def.weight);
  const reasonWeights = new Map(catalog.services.map((s) => [s.id, s.def.reasons.map((r) => r.weight)]));
  const incidentFrom = days - DIGITAL_INCIDENT.startDaysAgo;
  let seq = 0;
  let batch: DemoInteraction[] = [];

  const person = (n: number): Person => {
    let p = people.get(n);
    if (!p) {
      const clear = demoPersonIdentifiers(n, o.seed);
      p = {
        ...clear,
        pid: null,
        mobilePid: null,
        branch: rng.weighted(branchWeights),
        digital: 0.55 + rng.next() * 0.75,
      };
      people.set(n, p);
    }
    return p;
  };
  const employee = (clear: string) => {
    let pid = empPids.get(clear);
    if (!pid) empPids.set(clear, (pid = o.pseudonymize(clear)));
    return pid;
  };

  for (let d = -LEAD_DAYS; d < days; d++) {
    const wd = weekday(fromMs + d * DAY_MS);
    const trend = 0.92 + 0.16 * ((d + LEAD_DAYS) / (days + LEAD_DAYS));
    const dom = new Date(fromMs + d * DAY_MS + RIYADH_OFFSET_MS).getUTCDate();
    for (const svc of catalog.services) {
      // Social-security questions peak when the monthly payout lands (first days of the month).
      const payout = svc.def.code === 'SOC-SECURITY' && dom <= 3 ? 1.6 : 1;
      const mean = svc.def.dailyJourneys * VOLUME_SCALE * WEEKDAY_VOLUME[wd] * trend * payout * (0.9 + 0.2 * rng.next());
      const n = Math.floor(mean + rng.next());
      for (let j = 0; j < n; j++) {
        simulateJourney(svc, d);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
  }
  if (batch.length) yield batch;

  function simulateJourney(svc: ResolvedCatalog['services'][number], startDay: number) {
    // A quarter of journeys come from a small group of frequent users (establishment staff, agents).
    const who = rng.next() < 0.25 ? rng.int(Math.ceil(poolSize / 12)) : rng.int(poolSize);
    const p = person(who);
    const reason = svc.reasonIds[rng.weighted(reasonWeights.get(svc.id)!)];
    const n = svc.stageIds.length;
    const planned = [0];
    for (let s = 1; s < n - 1; s++) if (rng.next() < 0.2) planned.push(s);
    if (n > 1 && rng.next() < 0.3) planned.push(n - 1);
    let day = startDay;
    let prev: Cat | null = null;
    let failed = false;
    for (let k = 0; k < planned.length; k++) {
      if (k > 0) day += Math.max(1, Math.round(rng.logNormal(9, 0.6)));
      for (let attempt = 0; attempt < 4; attempt++) {
        const cat = chooseChannel(svc, p, prev, failed, day);
        const outcome = emitContact(svc, p, cat, svc.stageIds[planned[k]], reason, day);
        prev = cat;
        failed = outcome !== 'completed';
        if (!failed) break;
        if (rng.next() > 0.78) return; // gives up: a dropped journey
        day += Math.floor(rng.logNormal(0.7, 1.1));
      }
      if (failed) return;
    }
  }

  function chooseChannel(svc: ResolvedCatalog['services'][number], p: Person, prev: Cat | null, failed: boolean, day: number): Cat {
    if (failed && prev !== null && (prev === 'web' || prev === 'app')) {
      // After a failed online attempt people phone or go to a branch (channel fallback).
      const r = rng.next();
      return r < 0.45 ? 'voice' : r < 0.75 ? 'branch' : prev;
    }
    if (failed && prev === 'voice' && rng.next() < 0.4) return 'branch';
    if (failed && prev === 'branch' && rng.next() < 0.6) return 'branch'; // back with the missing paper
    const wd = weekday(dayStart(day));
    const digital = Math.min(0.97, svc.def.digitalShare * p.digital * (wd >= 5 ? 1.3 : 1));
    if (rng.next() < digital) return rng.next() < 0.57 ? 'app' : 'web';
    return rng.next() < 0.55 ? 'voice' : 'branch';
  }

  function emitContact(svc: ResolvedCatalog['services'][number], p: Person, cat: Cat, stageId: number, reasonId: number, day0: number): Outcome {
    let day = day0;
    const wd = weekday(dayStart(day));
    // Branches are closed on the weekend; those visits (and some calls) move to Sunday–Tuesday.
    if ((cat === 'branch' && wd >= 5) || (cat === 'voice' && wd >= 5 && rng.next() > VOICE_WEEKEND_SHARE)) day += (wd === 5 ? 2 : 1) + rng.int(3);
    const isRamadan = ramadan.has(day);
    const hours = cat === 'branch' || cat === 'voice' ? (isRamadan ? RAMADAN_OFFICE_HOURS : cat === 'branch' ? BRANCH_HOURS : VOICE_HOURS) : isRamadan ? RAMADAN_DIGITAL_HOURS : DIGITAL_HOURS;
    const startMs = dayStart(day) + rng.weighted(hours) * 3_600_000 + rng.int(3_600_000);
    const providerFail = svc.outsourced && (cat === 'branch' || cat === 'voice') ? catalog.provider.failFactor : 1;
    const providerWait = svc.outsourced ? catalog.provider.waitFactor : 1;
    const branch = catalog.branches[p.branch];
    let outcome: Outcome = 'completed';
    let wait: number | null = null;
    let handle: number;
    let employeeClear: string | null = null;
    let attributes: Record<string, string> | null = null;

    if (cat === 'branch') {
      wait = Math.round(rng.logNormal(branch.def.waitMedianMin * 60 * providerWait, 0.6));
      handle = rng.logNormal(660, 0.5);
      const fail = 0.08 * branch.def.failFactor * providerFail;
      const r = rng.next();
      if (wait > 3600 && rng.next() < 0.3) outcome = 'abandoned'; // left the queue
      else outcome = r < fail ? 'failed' : r < fail + 0.02 ? 'transferred' : 'completed';
      if (outcome === 'abandoned') handle = 0;
      else employeeClear = `${svc.outsourced ? 'SOS' : 'MHR'}-${p.branch + 1}${String(rng.int(branch.def.counters * 2)).padStart(3, '0')}`;
      attributes = { ticket: `${'ABCDE'[rng.int(5)]}${100 + rng.int(900)}` };
    } else if (cat === 'voice') {
      // The contact centre improves over the window: median wait falls from ~4 to ~1 minute.
      const progress = Math.max(0, Math.min(1, day / days));
      wait = Math.round(rng.logNormal((260 - 220 * progress) * providerWait, 0.9));
      handle = rng.logNormal(270, 0.5);
      const patience = rng.logNormal(300, 0.7);
      if (wait > patience) {
        outcome = 'abandoned';
        wait = Math.round(patience);
        handle = 0;
      } else {
        const r = rng.next();
        const fail = 0.05 * providerFail;
        outcome = r < fail ? 'failed' : r < fail + 0.07 ? 'transferred' : 'completed';
        employeeClear = `${svc.outsourced ? 'SOS' : 'CC'}-${String(rng.int(svc.outsourced ? 40 : 120)).padStart(4, '0')}`;
      }
      attributes = { queue: svc.def.code === 'SOC-SECURITY' || svc.def.code === 'DISABILITY' ? 'social' : svc.outsourced ? 'outsourced' : 'labour' };
    } else {
      handle = rng.logNormal(360, 0.7);
      const incident = svc.def.code === DIGITAL_INCIDENT.service && day >= incidentFrom && day < incidentFrom + DIGITAL_INCIDENT.lengthDays;
      const fail = incident ? DIGITAL_INCIDENT.failRate : 0.07;
      const r = rng.next();
      outcome = r < fail ? 'failed' : r < fail + 0.04 ? 'abandoned' : 'completed';
      if (cat === 'app') attributes = { platform: rng.next() < 0.55 ? 'ios' : 'android' };
    }

    const endMs = startMs + ((wait ?? 0) + Math.round(handle)) * 1000;
    if (startMs < fromMs || endMs > toMs) return outcome; // outside the window or still in progress
    // One caller in ten is not authenticated: known only by the calling number.
    const byMobile = cat === 'voice' && rng.next() < 0.1;
    const pid = byMobile ? (p.mobilePid ??= o.pseudonymize(p.mobile)) : (p.pid ??= o.pseudonymize(p.id));
    batch.push({
      source: DEMO_SOURCE,
      external_id: `demo-${o.seed}-${++seq}`,
      beneficiary_pid: pid,
      service_id: svc.id,
      channel_id: catalog.channels[cat],
      branch_id: cat === 'branch' ? branch.id : null,
      provider_id: svc.providerId,
      stage_id: stageId,
      reason_id: cat === 'web' || cat === 'app' ? (rng.next() < 0.5 ? reasonId : null) : reasonId,
      employee_pid: employeeClear === null ? null : employee(employeeClear),
      started_at: new Date(startMs),
      ended_at: new Date(endMs),
      wait_seconds: wait,
      outcome,
      attributes,
    });
    return outcome;
  }

  function dayStart(day: number) {
    return fromMs + day * DAY_MS;
  }
}

/** The generated period: from local midnight `days - 1` days before `to`, up to `to`. */
export function demoWindow(to: Date, days: number) {
  return { from: new Date(localMidnight(to.getTime()) - (days - 1) * DAY_MS), to };
}

/** UTC instant of the Riyadh-local midnight that starts the day containing `ms`. */
function localMidnight(ms: number) {
  return Math.floor((ms + RIYADH_OFFSET_MS) / DAY_MS) * DAY_MS - RIYADH_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday, in Riyadh time, for a local midnight instant. */
function weekday(localMidnightMs: number) {
  return new Date(localMidnightMs + RIYADH_OFFSET_MS).getUTCDay();
}

/** Day indexes (0 = `fromMs`) that fall in Ramadan by the Umm al-Qura calendar. */
function ramadanDays(fromMs: number, count: number): Set<number> {
  const month = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { timeZone: 'Asia/Riyadh', month: 'numeric' });
  const out = new Set<number>();
  for (let i = 0; i < count; i++) if (month.format(new Date(fromMs + i * DAY_MS + 12 * 3_600_000)) === '9') out.add(i - LEAD_DAYS);
  return out;
}
