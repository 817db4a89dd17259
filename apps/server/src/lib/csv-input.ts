import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError } from '../http/errors.ts';
import { registerMessages } from '../http/messages.ts';

// Shared reading of uploaded/imported CSV files (interactions, call records, catalog):
// one streaming pass for sha256 + encoding check, then streaming rows with csv-parse.

// Keys are prefixed (csv_<code>): the message registry is shared by every domain.
registerMessages({
  csv_empty_file: { ar: 'الملف فارغ أو لا يحتوي إلا على سطر العناوين.', en: 'The file is empty or has only a header row.' },
  csv_encoding_windows_1256: {
    ar: 'الملف بترميز Windows-1256 (عربي ويندوز). افتحه واحفظه بترميز UTF-8 ثم أعد الاستيراد.',
    en: 'The file is encoded as Windows-1256 (Arabic Windows). Re-save it as UTF-8 and import again.',
  },
  csv_invalid_encoding: {
    ar: 'الملف ليس نصاً بترميز UTF-8 صالح (البايت {offset}). احفظه بترميز UTF-8 ثم أعد الاستيراد.',
    en: 'The file is not valid UTF-8 text (byte {offset}). Save it as UTF-8 and import again.',
  },
  csv_missing_column: { ar: 'العمود المطلوب "{column}" غير موجود في سطر العناوين.', en: 'Required column "{column}" is missing from the header row.' },
  csv_invalid_csv: { ar: 'تعذّرت قراءة ملف CSV عند السطر {line}: {detail}', en: 'Could not read the CSV file at line {line}: {detail}' },
});

export interface FileFacts {
  sha256: string;
  bytes: number;
  /** Line count (a last line without a newline counts): for progress, not for logic. */
  lines: number;
}

const ARABIC_LETTER = /[\u0621-\u064A]/g;

/** True when bytes that are not UTF-8 read as mostly Arabic letters in Windows-1256. */
export function looksLikeWindows1256(sample: Buffer): boolean {
  const text = iconv.decode(sample, 'windows-1256');
  let high = 0;
  for (const ch of text) if (ch.charCodeAt(0) >= 0x80) high++;
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  return high > 0 && arabic / high >= 0.6;
}

function encodingError(chunk: Buffer, offset: number): AppError {
  if (looksLikeWindows1256(chunk)) return new AppError('encoding_windows_1256', 400, 'csv_encoding_windows_1256', { field: 'file' });
  return new AppError('invalid_encoding', 400, 'csv_invalid_encoding', { field: 'file', params: { offset } });
}

/** A pass-through stream that hashes, counts bytes/lines and proves the text is UTF-8. */
function inspector() {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const facts: FileFacts = { sha256: '', bytes: 0, lines: 0 };
  let blank = true;
  let lastByte = 10;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(encodingError(chunk, facts.bytes));
      }
      hash.update(chunk);
      if (blank && /[^\s\uFEFF]/.test(chunk.toString('utf8'))) blank = false;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) facts.lines++;
      facts.bytes += chunk.length;
      if (chunk.length) lastByte = chunk[chunk.length - 1];
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode(); // a truncated multi-byte sequence at the end
      } catch {
        return done(new AppError('invalid_encoding', 400, 'csv_invalid_encoding', { field: 'file', params: { offset: facts.bytes } }));
      }
      if (blank) return done(new AppError('empty_file', 400, 'csv_empty_file', { field: 'file' }));
      if (lastByte !== 10) facts.lines++;
      facts.sha256 = hash.digest('hex');
      done();
    },
  });
  return { stream, facts };
}

/** Streams a file once: sha256, size, line count; rejects empty or non-UTF-8 files. */
export async function inspectCsvFile(path: string): Promise<FileFacts> {
  const { stream, facts } = inspector();
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), stream, async function* (src) {
    for await (const _ of src); // drain
  });
  return facts;
}

/** Saves a request body to `dest` while checking it like inspectCsvFile (uploads). */
export async function saveAndInspect(body: ReadableStream<Uint8Array> | Readable, dest: string): Promise<FileFacts> {
  const { stream, facts } = inspector();
  const source = body instanceof Readable ? body : Readable.fromWeb(body as import('node:stream/web').ReadableStream);
  await pipeline(source, stream, createWriteStream(dest));
  return facts;
}

export interface CsvFile {
  /** Trimmed header names, in file order. */
  header: string[];
  /** Data rows (header excluded), as arrays aligned with `header`. */
  rows: AsyncGenerator<string[]>;
}

/**
 * Opens a UTF-8 CSV (BOM or not) for streaming. The header row is required and must hold
 * every `required` column (any order); extra columns are left to the caller.
 */
export async function openCsvFile(path: string, required: readonly string[] = []): Promise<CsvFile> {
  const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true }),
  );
  const it = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await it.next().catch(csvError);
  if (first.done) throw new AppError('empty_file', 400, 'csv_empty_file', { field: 'file' });
  const header = first.value.map((h) => h.trim());
  for (const column of required) {
    if (!header.includes(column)) throw new AppError('missing_column', 400, 'csv_missing_column', { field: column, params: { column } });
  }
  async function* rows(): AsyncGenerator<string[]> {
    try {
      for (;;) {
        const r = await it.next().catch(csvError);
        if (r.done) return;
        yield r.value;
      }
    } finally {
      parser.destroy();
    }
  }
  return { header, rows: rows() };
}

function csvError(err: { code?: string; lines?: number; message?: string }): never {
  if (err instanceof AppError) throw err;
  throw new AppError('invalid_csv', 400, 'csv_invalid_csv', {
    field: 'file',
    params: { line: err.lines ?? 0, detail: String(err.message ?? err.code ?? '') },
  });
}
