import { INTERACTION_OUTCOMES, type IngestSummary, type RowError } from '@tajriba/contracts';
import { messageFor } from '../../http/messages.ts';
import { parseTimestamp } from '../../lib/time-zone.ts';
import { wallTimeMs } from './fast-time.ts';
import type { Outcome, StoredInteraction } from './ingest-hooks.ts';
import { messageKeyOf, type RowErrorCode } from './interactions.messages.ts';

// The ingestion pipeline: parse → validate → resolve → pseudonymize → store. Each step may
// drop a row with a reason code; IngestTally counts the drops and keeps the row errors.

export const FIELDS = [
  'external_id', 'source', 'beneficiary_id', 'service', 'channel', 'branch', 'provider', 'stage', 'reason',
  'employee_id', 'started_at', 'ended_at', 'wait_seconds', 'outcome', 'attributes',
] as const;
export type Field = (typeof FIELDS)[number];
export const REQUIRED_FIELDS = ['external_id', 'beneficiary_id', 'service', 'channel', 'started_at', 'outcome'] as const;

export const LIMITS = { external_id: 200, source: 64, code: 64, person_id: 100, attributes_json: 16_384 } as const;
export const MAX_WAIT_SECONDS = 7 * 24 * 3600;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const OUTCOMES = new Set<string>(INTERACTION_OUTCOMES);
const CODE_FIELDS = ['service', 'channel', 'branch', 'provider', 'stage', 'reason'] as const;
/** Placeholder until validate sets started_at (shared: one allocation less per row; never mutated). */
const NOT_YET_PARSED = new Date(0);

export interface Problem {
  code: RowErrorCode;
  field?: string;
  params?: Record<string, string | number>;
}

/** A row moving through the pipeline: raw text first, stored fields filled step by step. */
export interface WorkRow extends StoredInteraction {
  row: number;
  beneficiary_id: string;
  employee_id: string;
  service: string;
  channel: string;
  branch: string;
  provider: string;
  stage: string;
  reason: string;
  started_raw: string;
  ended_raw: string;
  wait_raw: string;
  outcome_raw: string;
  /** JSON text or object from an `attributes` field, merged with `attributes.*` columns. */
  attributes_raw: unknown;
  attribute_columns: Record<string, string> | null;
}

export class IngestTally {
  accepted = 0;
  duplicates = 0;
  rejected = 0;
  errors: RowError[] = [];
  drop_reasons: Record<string, number> = {};
  /** Set when errors grew since the last checkpoint (saves rewriting them every batch). */
  errorsChanged = false;

  private batchStart = 0;

  constructor(readonly maxErrors = Number.POSITIVE_INFINITY) {}

  /** Steps report a batch's errors step by step; sortBatchErrors puts them back in row order. */
  startBatch() {
    this.batchStart = this.errors.length;
  }

  sortBatchErrors() {
    const batch = this.errors.splice(this.batchStart).sort((a, b) => a.row - b.row);
    this.errors.push(...batch);
  }

  static from(s: Pick<IngestSummary, 'accepted' | 'duplicates' | 'rejected' | 'errors' | 'drop_reasons'>, maxErrors?: number) {
    const t = new IngestTally(maxErrors);
    Object.assign(t, { accepted: s.accepted, duplicates: s.duplicates, rejected: s.rejected, errors: [...s.errors], drop_reasons: { ...s.drop_reasons } });
    return t;
  }

  drop(row: number, problems: Problem[]) {
    this.rejected++;
    this.count(problems[0].code, 1);
    for (const p of problems) {
      if (this.errors.length >= this.maxErrors) break;
      const m = messageFor(messageKeyOf(p.code), { field: p.field ?? '', ...p.params });
      this.errors.push({ row, ...(p.field ? { field: p.field } : {}), code: p.code, message_ar: m.ar, message_en: m.en });
      this.errorsChanged = true;
    }
  }

  /** Adds a committed batch's counts and errors (its errors in row order, up to maxErrors). */
  absorb(batch: IngestTally) {
    this.accepted += batch.accepted;
    this.duplicates += batch.duplicates;
    this.rejected += batch.rejected;
    for (const code in batch.drop_reasons) this.count(code, batch.drop_reasons[code]);
    const room = this.maxErrors - this.errors.length;
    if (room > 0 && batch.errors.length) {
      this.errors.push(...batch.errors.sort((a, b) => a.row - b.row).slice(0, room));
      this.errorsChanged = true;
    }
  }

  stored(attempted: number, inserted: number) {
    this.accepted += inserted;
    this.duplicates += attempted - inserted;
    this.count('duplicate', attempted - inserted);
  }

  private count(code: string, n: number) {
    if (n > 0) this.drop_reasons[code] = (this.drop_reasons[code] ?? 0) + n;
  }

  summary(): IngestSummary {
    return { accepted: this.accepted, duplicates: this.duplicates, rejected: this.rejected, errors: this.errors, drop_reasons: this.drop_reasons };
  }
}

function emptyRow(row: number): WorkRow {
  return {
    row, source: '', external_id: '', beneficiary_pid: '', service_id: 0, channel_id: 0, branch_id: null,
    provider_id: null, stage_id: null, reason_id: null, employee_pid: null, started_at: NOT_YET_PARSED, ended_at: null,
    wait_seconds: null, outcome: 'completed', attributes: null, beneficiary_id: '', employee_id: '', service: '',
    channel: '', branch: '', provider: '', stage: '', reason: '', started_raw: '', ended_raw: '', wait_raw: '',
    outcome_raw: '', attributes_raw: undefined, attribute_columns: null,
  };
}

function assignText(r: WorkRow, field: Field, v: string) {
  switch (field) {
    case 'started_at': r.started_raw = v; break;
    case 'ended_at': r.ended_raw = v; break;
    case 'wait_seconds': r.wait_raw = v; break;
    case 'outcome': r.outcome_raw = v; break;
    case 'attributes': r.attributes_raw = v; break;
    default: (r as unknown as Record<string, string>)[field] = v;
  }
}

/**
 * Step "parse" for CSV: a reader bound to the header maps value arrays to rows. Column
 * positions are fixed once per file and each row is one object literal (one shape for V8).
 */
export function csvRowParser(header: string[], defaultSource: string) {
  const at = (f: Field) => header.lastIndexOf(f);
  // Plain constants, not a lookup object: the closure below reads them per row.
  const [iSource, iExternal, iBeneficiary, iEmployee, iService, iChannel, iBranch, iProvider, iStage, iReason, iStarted, iEnded, iWait, iOutcome, iAttributes] =
    (['source', 'external_id', 'beneficiary_id', 'employee_id', 'service', 'channel', 'branch', 'provider', 'stage', 'reason', 'started_at', 'ended_at', 'wait_seconds', 'outcome', 'attributes'] as const).map(at);
  const attrs: [number, string][] = [];
  header.forEach((h, i) => {
    if (h.startsWith('attributes.') && h.length > 11) attrs.push([i, h.slice(11)]);
  });
  // A column named twice: the last one counts; -1 (absent) reads as empty.
  const text = (values: string[], i: number) => {
    const v = i < 0 ? undefined : values[i];
    return v === undefined || v === '' ? '' : v.trim();
  };
  return (values: string[], row: number): WorkRow => {
    let attribute_columns: Record<string, string> | null = null;
    for (const [i, key] of attrs) {
      const v = values[i];
      if (v !== undefined && v !== '') (attribute_columns ??= {})[key] = v;
    }
    const rawAttributes = iAttributes < 0 ? undefined : values[iAttributes];
    return {
      row, source: text(values, iSource) || defaultSource, external_id: text(values, iExternal), beneficiary_pid: '',
      service_id: 0, channel_id: 0, branch_id: null, provider_id: null, stage_id: null, reason_id: null, employee_pid: null,
      started_at: NOT_YET_PARSED, ended_at: null, wait_seconds: null, outcome: 'completed', attributes: null,
      beneficiary_id: text(values, iBeneficiary), employee_id: text(values, iEmployee), service: text(values, iService),
      channel: text(values, iChannel), branch: text(values, iBranch), provider: text(values, iProvider), stage: text(values, iStage),
      reason: text(values, iReason), started_raw: text(values, iStarted), ended_raw: text(values, iEnded),
      wait_raw: text(values, iWait), outcome_raw: text(values, iOutcome),
      attributes_raw: rawAttributes === undefined || rawAttributes === '' ? undefined : rawAttributes, attribute_columns,
    };
  };
}

/** Step "parse" for JSON items: text and numbers become text; other types are row errors. */
export function parseJsonItem(item: unknown, row: number, defaultSource: string): WorkRow | Problem[] {
  const r = emptyRow(row);
  r.source = defaultSource;
  if (!item || typeof item !== 'object' || Array.isArray(item)) return [{ code: 'missing_field', field: 'external_id' }];
  const problems: Problem[] = [];
  const obj = item as Record<string, unknown>;
  for (const f of FIELDS) {
    const v = obj[f];
    if (v === undefined || v === null || v === '') continue;
    if (f === 'attributes') r.attributes_raw = v;
    else if (typeof v === 'string') assignText(r, f, v.trim());
    else if (typeof v === 'number' && Number.isFinite(v)) assignText(r, f, String(v));
    else problems.push({ code: 'invalid_value', field: f });
  }
  return problems.length ? problems : r;
}

function checkLength(problems: Problem[], field: string, value: string, max: number) {
  if (value.length > max) problems.push({ code: 'field_too_long', field, params: { max } });
}

const MIN_MS = Date.UTC(MIN_YEAR, 0, 1);
const MAX_MS = Date.UTC(MAX_YEAR + 1, 0, 1);

function timestampIn(problems: Problem[], field: string, text: string, tz: string): Date | null {
  const ms = wallTimeMs(text, tz) ?? parseTimestamp(text, tz)?.getTime() ?? NaN;
  if (!(ms >= MIN_MS && ms < MAX_MS)) {
    problems.push({ code: 'invalid_timestamp', field, params: { value: text.slice(0, 40) } });
    return null;
  }
  return new Date(ms);
}

// JSON size of the attributes without serializing twice in the hot CSV path (an upper bound
// that is exact for plain text values, which is all CSV columns can hold).
function attributesSize(r: WorkRow, attrs: Record<string, unknown>) {
  if (r.attributes_raw !== undefined) return JSON.stringify(attrs).length;
  let n = 2;
  for (const k in attrs) n += k.length + String(attrs[k]).length * 2 + 6;
  return n;
}

function attributesOf(r: WorkRow, problems: Problem[]): Record<string, unknown> | null {
  let base: Record<string, unknown> | null = null;
  let raw = r.attributes_raw;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      raw = null;
    }
  }
  if (r.attributes_raw !== undefined) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({ code: 'invalid_attributes', field: 'attributes' });
      return null;
    }
    base = raw as Record<string, unknown>;
  }
  if (r.attribute_columns) base = base ? { ...base, ...r.attribute_columns } : r.attribute_columns;
  if (base && attributesSize(r, base) > LIMITS.attributes_json) {
    problems.push({ code: 'field_too_long', field: 'attributes', params: { max: LIMITS.attributes_json } });
  }
  return base;
}

/** Step "validate": required fields, lengths, times, outcome, wait, attributes. */
export function validateRow(r: WorkRow, tz: string): Problem[] | null {
  const problems: Problem[] = [];
  for (const f of REQUIRED_FIELDS) {
    const v = f === 'started_at' ? r.started_raw : f === 'outcome' ? r.outcome_raw : r[f];
    if (v === '') problems.push({ code: 'missing_field', field: f });
  }
  checkLength(problems, 'external_id', r.external_id, LIMITS.external_id);
  checkLength(problems, 'source', r.source, LIMITS.source);
  checkLength(problems, 'beneficiary_id', r.beneficiary_id, LIMITS.person_id);
  checkLength(problems, 'employee_id', r.employee_id, LIMITS.person_id);
  for (const f of CODE_FIELDS) checkLength(problems, f, r[f], LIMITS.code);

  if (r.started_raw !== '') r.started_at = timestampIn(problems, 'started_at', r.started_raw, tz) ?? r.started_at;
  if (r.ended_raw !== '') {
    const ended = timestampIn(problems, 'ended_at', r.ended_raw, tz);
    r.ended_at = ended;
    if (ended && r.started_raw !== '' && ended.getTime() < r.started_at.getTime()) {
      problems.push({ code: 'ended_before_started', field: 'ended_at' });
    }
  }
  if (r.outcome_raw !== '') {
    const o = r.outcome_raw.toLowerCase();
    if (OUTCOMES.has(o)) r.outcome = o as Outcome;
    else problems.push({ code: 'invalid_outcome', field: 'outcome', params: { value: r.outcome_raw.slice(0, 40) } });
  }
  if (r.wait_raw !== '') {
    const w = Number(r.wait_raw);
    if (Number.isInteger(w) && w >= 0 && w <= MAX_WAIT_SECONDS) r.wait_seconds = w;
    else problems.push({ code: 'invalid_wait_seconds', field: 'wait_seconds', params: { value: r.wait_raw.slice(0, 40), max: MAX_WAIT_SECONDS } });
  }
  r.attributes = attributesOf(r, problems);
  return problems.length ? problems : null;
}

/**
 * Steps "parse"+"validate" over a batch, ending with the in-batch duplicate check (later
 * repeats of the same source+external_id are dropped; across batches the store counts them).
 */
export function validateBatch(rows: WorkRow[], tz: string, tally: IngestTally): WorkRow[] {
  const valid: WorkRow[] = [];
  // Per source, then per external id: no key string built per row.
  const firstRowBySource = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const problems = validateRow(r, tz);
    if (problems) {
      tally.drop(r.row, problems);
      continue;
    }
    let firstRow = firstRowBySource.get(r.source);
    if (!firstRow) firstRowBySource.set(r.source, (firstRow = new Map()));
    const first = firstRow.get(r.external_id);
    if (first !== undefined) {
      tally.drop(r.row, [{ code: 'duplicate_in_batch', field: 'external_id', params: { value: r.external_id.slice(0, 60), first } }]);
      continue;
    }
    firstRow.set(r.external_id, r.row);
    valid.push(r);
  }
  return valid;
}

/** Step "pseudonymize": HMAC once per distinct identifier (a cache, bounded in size). */
export function pseudonymizeBatch(rows: WorkRow[], pseudonym: (raw: string) => string, cache: Map<string, string>) {
  const pidOf = (raw: string) => {
    let pid = cache.get(raw);
    if (pid === undefined) {
      if (cache.size >= 500_000) cache.clear();
      pid = pseudonym(raw);
      cache.set(raw, pid);
    }
    return pid;
  };
  for (const r of rows) {
    r.beneficiary_pid = pidOf(r.beneficiary_id);
    r.employee_pid = r.employee_id === '' ? null : pidOf(r.employee_id);
  }
  return rows;
}
