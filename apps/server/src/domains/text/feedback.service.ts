import { FEEDBACK_KINDS, MAX_FEEDBACK_PER_REQUEST, MAX_TEXT_LENGTH, type IngestSummary } from '@tajriba/contracts';
import type { AgencyRef, Services } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { pseudonymizer } from '../../lib/pseudonym.ts';
import { parseTimestamp } from '../../lib/time-zone.ts';
import { getCatalogCodes } from '../interactions/interactions.queries.ts';
import { IngestTally, type Problem } from '../interactions/interactions.pipeline.ts';
import type { RowErrorCode } from '../interactions/interactions.messages.ts';
import type { SourceType } from './text.queries.ts';
import { submitTexts, type TextSubmission } from './text.service.ts';

// Complaints, comments and suggestions from integrators: parse → validate → resolve →
// pseudonymize → store, with row errors in the ingestion pipeline's format (IngestTally).

const LIMITS = { external_id: 200, code: 64, person_id: 100 } as const;
const KINDS = new Set<string>(FEEDBACK_KINDS);
const TEXT_FIELDS = ['external_id', 'kind', 'text', 'beneficiary_id', 'service', 'branch', 'channel', 'occurred_at'] as const;
type Raw = Record<(typeof TEXT_FIELDS)[number], string>;

/** The items of a POST body: one object, or {items:[…]} of at most 5,000. */
export function feedbackItemsOfBody(body: unknown): unknown[] {
  const items = body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items) ? (body as { items: unknown[] }).items : [body];
  if (items.length > MAX_FEEDBACK_PER_REQUEST) {
    throw new AppError('batch_too_large', 413, 'text_batch_too_large', { field: 'items', params: { count: items.length, max: MAX_FEEDBACK_PER_REQUEST } });
  }
  return items;
}

/** Step "parse": text and numbers become trimmed text; anything else is a row error. */
function parseItem(item: unknown): Raw | Problem[] {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return [{ code: 'invalid_value', field: 'body' }];
  const raw = {} as Raw;
  const problems: Problem[] = [];
  for (const f of TEXT_FIELDS) {
    const v = (item as Record<string, unknown>)[f];
    if (v === undefined || v === null) raw[f] = '';
    else if (typeof v === 'string' || typeof v === 'number') raw[f] = String(v).trim();
    else problems.push({ code: 'invalid_value', field: f });
  }
  return problems.length ? problems : raw;
}

/** Step "validate": required fields, lengths, kind and time. */
function validate(r: Raw, tz: string): { occurred: Date | null; problems: Problem[] } {
  const problems: Problem[] = [];
  for (const f of ['external_id', 'kind', 'text'] as const) if (r[f] === '') problems.push({ code: 'missing_field', field: f });
  const tooLong = (field: string, value: string, max: number) => {
    if (value.length > max) problems.push({ code: 'field_too_long', field, params: { max } });
  };
  tooLong('external_id', r.external_id, LIMITS.external_id);
  tooLong('text', r.text, MAX_TEXT_LENGTH);
  tooLong('beneficiary_id', r.beneficiary_id, LIMITS.person_id);
  for (const f of ['service', 'branch', 'channel'] as const) tooLong(f, r[f], LIMITS.code);
  if (r.kind !== '' && !KINDS.has(r.kind.toLowerCase())) problems.push({ code: 'invalid_kind' as RowErrorCode, field: 'kind', params: { value: r.kind.slice(0, 40) } });
  let occurred: Date | null = null;
  if (r.occurred_at !== '') {
    occurred = parseTimestamp(r.occurred_at, tz);
    if (!occurred) problems.push({ code: 'invalid_timestamp', field: 'occurred_at', params: { value: r.occurred_at.slice(0, 40) } });
  }
  return { occurred, problems };
}

/** API intake: all items in one transaction; rows numbered 1..n; a repeated external_id is a duplicate. */
export async function ingestFeedback(services: Services, agency: AgencyRef, items: unknown[]): Promise<IngestSummary> {
  const { db } = services;
  const tally = new IngestTally();
  tally.startBatch();
  const catalog = await getCatalogCodes(db, agency.id);
  const ids = (list: { id: number; code: string }[]) => new Map(list.map((x) => [x.code, x.id]));
  const maps = { service: ids(catalog.services), branch: ids(catalog.branches), channel: ids(catalog.channels) };
  const pseudonym = pseudonymizer(services.secrets.pseudonymKey, agency.id);
  const firstRow = new Map<string, number>();
  const rows: TextSubmission[] = [];
  items.forEach((item, i) => {
    const row = i + 1;
    const parsed = parseItem(item);
    if (Array.isArray(parsed)) return tally.drop(row, parsed);
    const { occurred, problems } = validate(parsed, agency.timezone);
    const resolved: Partial<Record<'service' | 'branch' | 'channel', number>> = {};
    for (const f of ['service', 'branch', 'channel'] as const) {
      if (parsed[f] === '') continue;
      const id = maps[f].get(parsed[f]);
      if (id === undefined) problems.push({ code: `unknown_${f}` as RowErrorCode, field: f, params: { value: parsed[f].slice(0, 64) } });
      resolved[f] = id;
    }
    const first = firstRow.get(parsed.external_id);
    if (!problems.length && first !== undefined) problems.push({ code: 'duplicate_in_batch', field: 'external_id', params: { value: parsed.external_id.slice(0, 60), first } });
    if (problems.length) return tally.drop(row, problems);
    firstRow.set(parsed.external_id, row);
    rows.push({
      source_type: parsed.kind.toLowerCase() as SourceType,
      source_id: parsed.external_id,
      text: parsed.text,
      beneficiary_pid: parsed.beneficiary_id === '' ? null : pseudonym(parsed.beneficiary_id),
      service_id: resolved.service ?? null,
      branch_id: resolved.branch ?? null,
      channel_id: resolved.channel ?? null,
      occurred_at: occurred,
    });
  });
  const inserted = await db.transaction((tx) => submitTexts(tx, agency.id, rows));
  tally.stored(rows.length, inserted);
  tally.sortBatchErrors();
  return tally.summary();
}
