// Journey assembly: pure rules, no I/O (docs/metrics.md § Journeys).

export type ChannelCategory = 'traditional' | 'voice' | 'digital';
export type JourneyStatus = 'completed' | 'dropped' | 'open';

/** One contact of a beneficiary for a service, as the engine needs it. */
export interface JourneyContact {
  startedMs: number;
  endedMs: number | null;
  outcome: string;
  channelId: number;
  category: ChannelCategory;
  branchId: number;
  providerId: number;
  stageId: number;
  stagePosition: number | null;
  /** Agency-local day of started_at, YYYY-MM-DD. */
  day: string;
}

export interface JourneyRules {
  repeatWindowDays: number;
  maxSpanDays: number;
  /** The instant status is judged at: open journeys become dropped after N quiet days. */
  nowMs: number;
}

export interface AssembledJourney {
  startDay: string;
  firstMs: number;
  lastMs: number;
  resolvedMs: number | null;
  status: JourneyStatus;
  contacts: number;
  traditional: number;
  voice: number;
  digital: number;
  branchId: number;
  channelId: number;
  providerId: number;
  lastStageId: number | null;
  maxStagePosition: number | null;
  path: string;
  hasLoop: boolean;
}

export const DAY_MS = 86_400_000;

/**
 * Splits one person's contacts for one service (sorted by start) into journeys. A contact
 * more than N days after the previous one, or more than the maximum span after the journey's
 * first contact, starts a new journey.
 */
export function assembleJourneys(contacts: JourneyContact[], rules: JourneyRules): AssembledJourney[] {
  const windowMs = rules.repeatWindowDays * DAY_MS;
  const spanMs = rules.maxSpanDays * DAY_MS;
  const out: AssembledJourney[] = [];
  let group: JourneyContact[] = [];
  for (const c of contacts) {
    const prev = group[group.length - 1];
    if (prev && (c.startedMs - prev.startedMs > windowMs || c.startedMs - group[0].startedMs > spanMs)) {
      out.push(summarizeJourney(group, true, rules));
      group = [];
    }
    group.push(c);
  }
  if (group.length) out.push(summarizeJourney(group, false, rules));
  return out;
}

/**
 * The contacts (of keys sorted by start) that begin a journey only because of the maximum
 * span: the one rule of assembleJourneys that depends on the journey's start, not on neighbours.
 */
export function spanStartIds(contacts: { id: number; pid: string; sid: number; ms: number }[], rules: Omit<JourneyRules, 'nowMs'>): number[] {
  const windowMs = rules.repeatWindowDays * DAY_MS;
  const spanMs = rules.maxSpanDays * DAY_MS;
  const out: number[] = [];
  let startMs = 0;
  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i];
    const prev = contacts[i - 1];
    if (!prev || prev.pid !== c.pid || prev.sid !== c.sid || c.ms - prev.ms > windowMs) startMs = c.ms;
    else if (c.ms - startMs > spanMs) {
      out.push(c.id);
      startMs = c.ms;
    }
  }
  return out;
}

function summarizeJourney(group: JourneyContact[], closedByNext: boolean, rules: JourneyRules): AssembledJourney {
  const first = group[0];
  const last = group[group.length - 1];
  let resolvedMs: number | null = null;
  let lastStageId: number | null = null;
  let maxStagePosition: number | null = null;
  const mix = { traditional: 0, voice: 0, digital: 0 };
  for (const c of group) {
    mix[c.category]++;
    if (c.outcome === 'completed') resolvedMs = c.endedMs ?? c.startedMs;
    if (c.stageId) lastStageId = c.stageId;
    if (c.stagePosition != null) maxStagePosition = Math.max(maxStagePosition ?? 0, c.stagePosition);
  }
  return {
    startDay: first.day,
    firstMs: first.startedMs,
    lastMs: last.startedMs,
    resolvedMs,
    status: journeyStatus(resolvedMs !== null, closedByNext, first.startedMs, last.startedMs, rules),
    contacts: group.length,
    ...mix,
    branchId: first.branchId,
    channelId: first.channelId,
    providerId: first.providerId,
    lastStageId,
    maxStagePosition,
    path: group.map((c) => `${c.stageId}/${c.channelId}`).join('>'),
    hasLoop: hasLoop(group),
  };
}

function journeyStatus(completed: boolean, closedByNext: boolean, firstMs: number, lastMs: number, rules: JourneyRules): JourneyStatus {
  if (completed) return 'completed';
  const quiet = rules.nowMs - lastMs > rules.repeatWindowDays * DAY_MS;
  const spanOver = rules.nowMs - firstMs > rules.maxSpanDays * DAY_MS;
  return closedByNext || quiet || spanOver ? 'dropped' : 'open';
}

/** A stage met twice, or a channel returned to after another one: failure demand. */
export function hasLoop(group: Pick<JourneyContact, 'stageId' | 'channelId'>[]): boolean {
  const stages = new Set<number>();
  const leftChannels = new Set<number>();
  for (let i = 0; i < group.length; i++) {
    const c = group[i];
    if (c.stageId) {
      if (stages.has(c.stageId)) return true;
      stages.add(c.stageId);
    }
    if (leftChannels.has(c.channelId)) return true;
    if (i > 0 && group[i - 1].channelId !== c.channelId) leftChannels.add(group[i - 1].channelId);
  }
  return false;
}
