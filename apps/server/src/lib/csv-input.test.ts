import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCsvRecords } from './csv-input.ts';

// csv-parse (with the options the importers used before) is the independent reference.
const reference = (text: string) => parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];

async function split(text: string, chunkSizes: number[] = [text.length || 1]) {
  const chunks: Buffer[] = [];
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = Math.max(1, chunkSizes[k % chunkSizes.length]);
    chunks.push(bytes.subarray(at, at + n)); // may cut a multi-byte letter: the decoder must cope
    at += n;
  }
  const out: string[][] = [];
  for await (const r of splitCsvRecords((async function* () { yield* chunks; })())) out.push(r);
  return out;
}

const quoteIfNeeded = (v: string, force: boolean) => (force || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const field = fc.tuple(fc.string({ unit: fc.constantFrom('a', 'ب', ' ', ',', '"', '\n', '\r\n', '1', '٣', '😀') }), fc.boolean());
const csvFile = fc.record({
  rows: fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  finalEol: fc.boolean(),
  blankLines: fc.boolean(),
});

describe('splitCsvRecords', () => {
  it('reads what csv-parse reads, however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }), async (f, sizes) => {
        const lines = f.rows.map((r) => r.map(([v, force]) => quoteIfNeeded(v, force)).join(','));
        const text = (f.bom ? '\uFEFF' : '') + lines.join(f.blankLines ? f.eol + f.eol : f.eol) + (f.finalEol ? f.eol : '');
        const expected = reference(text);
        expect(await split(text)).toEqual(expected);
        expect(await split(text, sizes)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('handles the cases people write by hand', async () => {
    expect(await split('\uFEFFa,b\r\n"x, ""y""",\r\n\r\n"multi\nline",z')).toEqual([['a', 'b'], ['x, "y"', ''], ['multi\nline', 'z']]);
    expect(await split('a,,\n,\n')).toEqual([['a', '', ''], ['', '']]);
  });

  it('rejects broken quoting like csv-parse, naming the line', async () => {
    await expect(split('h\nok\na,b"c,d\n')).rejects.toMatchObject({ lines: 3, message: expect.stringContaining('Invalid Opening Quote') });
    await expect(split('h\n"ab"c,d\n')).rejects.toMatchObject({ lines: 2, message: expect.stringContaining('Invalid Closing Quote') });
    await expect(split('h\n"open\nnever closed\n')).rejects.toMatchObject({ lines: 2, message: expect.stringContaining('Quote Not Closed') });
    for (const bad of ['h\nok\na,b"c,d\n', 'h\n"ab"c,d\n', 'h\n"open\nnever closed\n']) expect(() => reference(bad)).toThrow();
  });
});
