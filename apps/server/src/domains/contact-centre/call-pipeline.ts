import { parseTimestamp } from '../../lib/time-zone.ts';
import { pseudonymizer } from '../../lib/pseudonym.ts';
import type { CallRow } from './contact-centre.queries.ts';
import './contact-centre.messages.ts';

// Named steps of call-record ingestion: validate → resolve catalog → pseudonymize. Storing
// (calls, rollup, voice interactions) is in call-ingest.ts. A step that rejects a row returns
// its problems, which the interactions IngestTally counts and turns into bilingual row errors.

export const CALL_COLUMNS = ['call_id', 'caller', 'queue', 'arrived_at', 'answered_at', 'ended_at', 'outcome', 'agent_id', 'service'] as const;
export const REQUIRED_CALL_COLUMNS = ['call_id', 'queue', 'arrived_at', 'answered_at', 'ended_at', 'outcome'] as const;
export const CALL_OUTCOMES = ['answered', 'abandoned', 'ivr'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
const MAX_TEXT = 200;

/** A call after validation, before pseudonymization: identifiers still in clear. */
export interface ValidCall {
  row: number;
  call_id: string;
  caller: string;
  agent_id: string;
  queue: string;
  service: string;
  arrived_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  outcome: CallOutcome;
}

export interface CallProblem {
  code: string;
  field?: string;
  params?: Record<string, string | number>;
}
type Step<T> = { ok: true; value: T } | { ok: false; problem: CallProblem };
const fail = (_row: number, code: string, field?: string, params?: Record<string, string | number>): Step<never> => ({
  ok: false,
  problem: { code, field, params },
});

function text(raw: Record<string, unknown>, field: string): string | null {
  const v = raw[field];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** Step 1: shape and time rules of one call record (times without offset = agency time). */
export function validateCallRow(raw: Record<string, unknown>, row: number, timeZone: string): Step<ValidCall> {
  const values: Record<string, string> = {};
  for (const f of CALL_COLUMNS) {
    const t = text(raw, f);
    if (t === null) return fail(row, 'invalid_value', f);
    if (t.length > MAX_TEXT) return fail(row, 'field_too_long', f, { max: MAX_TEXT });
    values[f] = t;
  }
  if (!values.call_id) return fail(row, 'missing_field', 'call_id');
  const outcome = values.outcome.toLowerCase() as CallOutcome;
  if (!values.outcome) return fail(row, 'missing_field', 'outcome');
  if (!CALL_OUTCOMES.includes(outcome)) return fail(row, 'invalid_call_outcome', 'outcome', { value: values.outcome });
  if (!values.queue && outcome !== 'ivr') return fail(row, 'queue_required', 'queue');

  const times: Record<'arrived_at' | 'answered_at' | 'ended_at', Date | null> = { arrived_at: null, answered_at: null, ended_at: null };
  for (const f of ['arrived_at', 'answered_at', 'ended_at'] as const) {
    if (!values[f]) continue;
    const t = parseTimestamp(values[f], timeZone);
    const year = t?.getUTCFullYear() ?? 0;
    if (!t || year < 2000 || year > 2100) return fail(row, 'invalid_timestamp', f, { value: values[f] });
    times[f] = t;
  }
  const { arrived_at, answered_at, ended_at } = times;
  if (!arrived_at) return fail(row, 'missing_field', 'arrived_at');
  if (outcome === 'answered') {
    if (!answered_at) return fail(row, 'answered_at_required', 'answered_at');
    if (!ended_at) return fail(row, 'ended_at_required', 'ended_at');
  } else if (answered_at) {
    return fail(row, 'answered_at_not_allowed', 'answered_at', { value: outcome });
  }
  if (answered_at && answered_at < arrived_at) return fail(row, 'answered_before_arrived', 'answered_at');
  if (ended_at && ended_at < arrived_at) return fail(row, 'ended_before_arrived', 'ended_at');
  if (ended_at && answered_at && ended_at < answered_at) return fail(row, 'ended_before_answered', 'ended_at');
  return {
    ok: true,
    value: {
      row, call_id: values.call_id, caller: values.caller, agent_id: values.agent_id, queue: values.queue,
      service: values.service, arrived_at, answered_at, ended_at, outcome,
    },
  };
}

/**
 * Step 2: the service. An explicit code must exist in the catalog; without one the queue's
 * default applies — the service whose code equals the queue name — else the call has none.
 */
export function resolveCallService(call: ValidCall, serviceIds: Map<string, number>): Step<number | null> {
  if (call.service) {
    const id = serviceIds.get(call.service);
    return id === undefined ? fail(call.row, 'unknown_service', 'service', { value: call.service }) : { ok: true, value: id };
  }
  return { ok: true, value: serviceIds.get(call.queue) ?? null };
}

/** Step 3: caller and agent become keyed pseudonyms; an empty caller stays NULL. */
export function callPseudonymizer(key: string, agencyId: number) {
  const pid = pseudonymizer(key, agencyId);
  return (call: ValidCall, serviceId: number | null): CallRow => ({
    call_id: call.call_id,
    caller_pid: call.caller ? pid(call.caller) : null,
    agent_pid: call.agent_id ? pid(call.agent_id) : null,
    queue: call.queue,
    service_id: serviceId,
    arrived_at: call.arrived_at,
    answered_at: call.answered_at,
    ended_at: call.ended_at,
    outcome: call.outcome,
  });
}

/** How a call counts as an interaction (journeys, repeat contact): IVR-only calls were self-service. */
export const INTERACTION_OUTCOME_OF_CALL = { answered: 'completed', abandoned: 'abandoned', ivr: 'completed' } as const;
