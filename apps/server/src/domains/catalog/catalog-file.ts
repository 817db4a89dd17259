import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  Branch, CATALOG_CSV_COLUMNS, CatalogRowType, Channel, Code, Provider, Reason, Service, Stage,
  type CatalogDocument, type ImportSummary, type RowError,
} from '@tajriba/contracts';
import type { z } from 'zod';
import { messageFor } from '../../http/messages.ts';
import './catalog.messages.ts';

// The whole catalog as one file (CSV or JSON). Pure: parsing, validation and writing, no I/O.
// Row numbers: CSV = file line where the record starts (header = line 1, first data row = 2);
// JSON = 1-based position in the order providers, branches, channels, services (each followed
// by its stages, then its reasons), with `field` holding the JSON path.

export type CsvColumn = (typeof CATALOG_CSV_COLUMNS)[number];
export type FlatRow = { type: string } & Partial<Record<CsvColumn, string>>;
export interface SourceRow {
  row: number;
  /** JSON path of the element ("services.0.stages.1"); absent for CSV. */
  path?: string;
  values: FlatRow;
}

const TYPE_SCHEMAS = {
  provider: Provider,
  branch: Branch,
  channel: Channel,
  service: Service,
  stage: Stage.extend({ service: Code }),
  reason: Reason.extend({ service: Code }),
} as const;
export type ParsedRow = { row: number; type: CatalogRowType; key: string; data: Record<string, unknown> & { code: string; service?: string } };

/** Identity of a row within an agency: stages and reasons are unique per service. */
export const rowKey = (type: string, code: string, service?: string) => (service ? `${type}:${service}/${code}` : `${type}:${code}`);

export function rowError(row: number, code: string, field: string | undefined, params: Record<string, string | number> = {}): RowError {
  const m = messageFor(`catalog_${code}`, { field: field ?? '', ...params });
  return { row, ...(field ? { field } : {}), code, message_ar: m.ar, message_en: m.en };
}

/** Strips a UTF-8 BOM; refuses bytes that are not UTF-8 (e.g. an Excel "CSV" saved as Windows-1256). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

export type CatalogFile = { format: 'csv'; text: string } | { format: 'json'; doc: unknown };

export function parseCatalogCsv(text: string): { rows: SourceRow[]; errors: RowError[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    return { rows: [], errors: [rowError(err.lines ?? 1, 'csv_malformed', undefined, { detail: err.message })] };
  }
  if (!records.length) return { rows: [], errors: [rowError(1, 'empty_file', undefined)] };
  const header = records[0].record.map((h) => h.trim());
  const errors: RowError[] = [];
  for (const col of ['type', 'code'] as const) if (!header.includes(col)) errors.push(rowError(1, 'missing_column', col));
  for (const col of header) if (!(CATALOG_CSV_COLUMNS as readonly string[]).includes(col)) errors.push(rowError(1, 'unknown_column', col));
  if (errors.length) return { rows: [], errors };
  // Excel leaves rows of bare commas after the data; they carry nothing.
  const filled = records.slice(1).filter(({ record }) => record.some((cell) => cell.trim() !== ''));
  const rows = filled.map(({ record, info }) => {
    // csv-parse reports the line where a record ends; line breaks inside quoted cells count.
    const inner = record.reduce((n, cell) => n + (cell.match(/[\r\n]/g)?.length ?? 0), 0);
    const values = Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])) as FlatRow;
    return { row: info.lines - inner, values };
  });
  return { rows, errors };
}

/** Flattens a JSON catalog document into rows; anything that is not the documented shape is a row error. */
export function flattenCatalogJson(doc: unknown): { rows: SourceRow[]; errors: RowError[] } {
  const rows: SourceRow[] = [];
  const errors: RowError[] = [];
  if (!isObject(doc)) return { rows, errors: [rowError(1, 'invalid_field', 'body', { detail: 'expected an object' })] };
  const push = (type: CatalogRowType, path: string, item: unknown, extra: Record<string, string> = {}) => {
    const row = rows.length + errors.length + 1;
    if (!isObject(item)) return errors.push(rowError(row, 'invalid_field', path, { detail: 'expected an object' }));
    const values: FlatRow = { type, ...extra };
    for (const [k, v] of Object.entries(item)) {
      if (k === 'stages' || k === 'reasons') continue;
      if (v !== null && typeof v === 'object') errors.push(rowError(row, 'invalid_field', `${path}.${k}`, { detail: 'expected text or a number' }));
      else values[k as CsvColumn] = v == null ? '' : String(v);
    }
    rows.push({ row, path, values });
  };
  const plural = { provider: 'providers', branch: 'branches', channel: 'channels', service: 'services' } as const;
  for (const [type, key] of Object.entries(plural) as [keyof typeof plural, string][]) {
    const list = doc[key] ?? [];
    if (!Array.isArray(list)) {
      errors.push(rowError(rows.length + errors.length + 1, 'invalid_field', key, { detail: 'expected an array' }));
      continue;
    }
    list.forEach((item, i) => {
      push(type, `${key}.${i}`, item);
      if (type !== 'service' || !isObject(item)) return;
      const service = typeof item.code === 'string' ? item.code : '';
      for (const child of ['stages', 'reasons'] as const) {
        const kids = item[child] ?? [];
        if (!Array.isArray(kids)) errors.push(rowError(rows.length + errors.length + 1, 'invalid_field', `${key}.${i}.${child}`, { detail: 'expected an array' }));
        else kids.forEach((k, j) => push(child === 'stages' ? 'stage' : 'reason', `${key}.${i}.${child}.${j}`, k, { service }));
      }
    });
  }
  return { rows, errors };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const ISSUE_CODES: Record<string, string> = { code: 'invalid_code', service: 'invalid_code', provider: 'invalid_code', category: 'invalid_category', kind: 'invalid_kind', position: 'invalid_position' };

/** Checks one row against its entity schema; optional cells left empty take their defaults. */
export function validateRow(src: SourceRow): { parsed?: ParsedRow; errors: RowError[] } {
  const fieldName = (f: string) => (src.path ? `${src.path}.${f}` : f);
  const type = (src.values.type ?? '').trim();
  const typed = CatalogRowType.safeParse(type);
  if (!typed.success) return { errors: [rowError(src.row, 'unknown_type', fieldName('type'), { value: type })] };
  const schema = TYPE_SCHEMAS[typed.data] as z.ZodObject;
  const input: Record<string, unknown> = {};
  for (const f of Object.keys(schema.shape)) {
    const raw = (src.values[f as CsvColumn] ?? '').trim();
    if (raw === '') continue;
    input[f] = f === 'position' && /^\d{1,9}$/.test(raw) ? Number(raw) : raw;
  }
  const result = schema.safeParse(input);
  if (result.success) {
    const data = result.data as ParsedRow['data'];
    return { parsed: { row: src.row, type: typed.data, key: rowKey(typed.data, data.code, data.service), data }, errors: [] };
  }
  const seen = new Set<string>();
  const errors: RowError[] = [];
  for (const issue of result.error.issues) {
    const f = String(issue.path[0] ?? 'type');
    if (seen.has(f)) continue;
    seen.add(f);
    const value = input[f];
    const code = value === undefined ? 'required' : (ISSUE_CODES[f] ?? 'invalid_field');
    errors.push(rowError(src.row, code, fieldName(f), { value: String(value ?? ''), detail: issue.message }));
  }
  return { errors };
}

/**
 * Rules across rows: no code twice in the file, stage positions unique per service, and every
 * provider/service reference present in the file or already in the catalog.
 */
export function checkCatalogRows(rows: ParsedRow[], existing: { providers: Set<string>; services: Set<string> }, fieldOf: (r: ParsedRow, f: string) => string) {
  const errors: RowError[] = [];
  const firstRow = new Map<string, number>();
  const positions = new Map<string, number>();
  const inFile = { provider: new Set<string>(), service: new Set<string>() };
  for (const r of rows) if (r.type === 'provider' || r.type === 'service') inFile[r.type].add(r.data.code);
  for (const r of rows) {
    const first = firstRow.get(r.key);
    if (first !== undefined) errors.push(rowError(r.row, 'duplicate_code', fieldOf(r, 'code'), { code: r.data.code, first }));
    else firstRow.set(r.key, r.row);
    const provider = r.type === 'service' ? (r.data.provider as string | null) : null;
    if (provider && !inFile.provider.has(provider) && !existing.providers.has(provider)) {
      errors.push(rowError(r.row, 'unknown_provider', fieldOf(r, 'provider'), { code: provider }));
    }
    const service = r.data.service;
    if (service && !inFile.service.has(service) && !existing.services.has(service)) {
      errors.push(rowError(r.row, 'unknown_service', fieldOf(r, 'service'), { code: service }));
    }
    if (r.type === 'stage') {
      const posKey = `${service}#${r.data.position}`;
      if (positions.has(posKey)) errors.push(rowError(r.row, 'duplicate_position', fieldOf(r, 'position'), { value: Number(r.data.position), code: service! }));
      else positions.set(posKey, r.row);
    }
  }
  return errors;
}

/** The document as flat rows in dependency order (providers → … → stages → reasons). */
export function catalogDocumentToRows(doc: CatalogDocument): FlatRow[] {
  const rows: FlatRow[] = [
    ...doc.providers.map((p) => ({ type: 'provider', ...p })),
    ...doc.branches.map((b) => ({ type: 'branch', ...b })),
    ...doc.channels.map((c) => ({ type: 'channel', ...c })),
    ...doc.services.map(({ stages: _s, reasons: _r, ...s }) => ({ type: 'service', ...s, provider: s.provider ?? '' })),
    ...doc.services.flatMap((s) => s.stages.map((st) => ({ type: 'stage', service: s.code, ...st, position: String(st.position) }))),
    ...doc.services.flatMap((s) => s.reasons.map((r) => ({ type: 'reason', service: s.code, ...r }))),
  ];
  return rows;
}

/** CSV with a UTF-8 BOM so Excel shows Arabic correctly; CRLF line ends as RFC 4180 asks. */
export function catalogToCsv(doc: CatalogDocument): string {
  const rows = catalogDocumentToRows(doc).map((r) => CATALOG_CSV_COLUMNS.map((c) => r[c] ?? ''));
  return '\uFEFF' + stringify([[...CATALOG_CSV_COLUMNS], ...rows], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}

/** The request body as a catalog file: JSON by content type, otherwise CSV text (UTF-8, BOM optional). */
export function readCatalogFile(contentType: string, bytes: Uint8Array): CatalogFile | ImportSummary {
  const text = decodeUtf8(bytes);
  const failed = (e: ReturnType<typeof rowError>): ImportSummary => ({ status: 'failed', accepted: 0, duplicates: 0, rejected: 1, errors: [e] });
  if (text === undefined) return failed(rowError(1, 'not_utf8', undefined));
  if (!contentType.includes('json')) return { format: 'csv', text };
  try {
    return { format: 'json', doc: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch {
    return failed(rowError(1, 'invalid_field', 'body', { detail: 'not valid JSON' }));
  }
}
