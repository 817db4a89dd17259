import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../lib/time-zone.ts';
import { isoUtc, wallTimeMs } from './fast-time.ts';

// lib/time-zone.ts (Intl offsets) is the independent reference for the fast path.
const ZONES = ['Asia/Riyadh', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('wallTimeMs', () => {
  it('agrees with parseTimestamp on every date-time of the common forms, DST gaps and repeats included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES), fc.integer({ min: 1999, max: 2101 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.option(fc.integer({ min: 0, max: 60 })), fc.constantFrom('T', ' '),
        (tz, y, mo, d, h, mi, s, sep) => {
          const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}${sep}${pad(h)}:${pad(mi)}${s === null ? '' : `:${pad(s)}`}`;
          const expected = parseTimestamp(text, tz)?.getTime() ?? NaN;
          expect(wallTimeMs(text, tz)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads the hand-checked cases and leaves other forms to the full parser', () => {
    expect(new Date(wallTimeMs('2024-05-01T09:30:00', 'Asia/Riyadh')!).toISOString()).toBe('2024-05-01T06:30:00.000Z');
    expect(new Date(wallTimeMs('2024-03-10 02:30', 'America/New_York')!).toISOString()).toBe('2024-03-10T07:30:00.000Z'); // gap: EST
    expect(new Date(wallTimeMs('2024-11-03T01:30:00', 'America/New_York')!).toISOString()).toBe('2024-11-03T05:30:00.000Z'); // first 01:30
    expect(wallTimeMs('2023-02-29T10:00:00', 'Asia/Riyadh')).toBeNaN();
    for (const other of ['2024-05-01T09:30:00Z', '2024-05-01T09:30:00.5', '2024-05-01T09:30:00+03:00', '2024-5-01T09:30:00', 'tomorrow']) {
      expect(wallTimeMs(other, 'Asia/Riyadh')).toBeUndefined();
    }
  });
});

describe('isoUtc', () => {
  it('writes what Date#toISOString writes', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
      expect(isoUtc(ms)).toBe(new Date(ms).toISOString().replace('.000Z', 'Z'));
    }), { numRuns: 3000 });
  });
});
