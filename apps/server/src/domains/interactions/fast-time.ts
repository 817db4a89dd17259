import { wallTimeToUtc } from '../../lib/time-zone.ts';

// Hot-path time helpers for bulk ingestion. The common forms are handled by char codes with
// cached offsets; everything else goes through lib/time-zone.ts, which stays the reference.

const QUARTER_HOUR = 15 * 60_000;
const HOUR = 3_600_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const utcShiftByTz = new Map<string, Map<number, number>>();

const digit = (s: string, i: number) => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/**
 * UTC ms of `YYYY-MM-DD[T ]HH:MM[:SS]` (no offset: wall time in `tz`), NaN when such text names
 * no real time, undefined for any other form. The wall→UTC shift is cached per 15-minute wall
 * bucket: offsets change only on quarter hours, so the shift is the same across a bucket.
 */
export function wallTimeMs(text: string, tz: string): number | undefined {
  const n = text.length;
  if ((n !== 16 && n !== 19) || text[4] !== '-' || text[7] !== '-' || (text[10] !== 'T' && text[10] !== ' ') || text[13] !== ':') return undefined;
  if (n === 19 && text[16] !== ':') return undefined;
  const year = two(text, 0) * 100 + two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = n === 19 ? two(text, 17) : 0;
  if (Number.isNaN(year + month + day + hour + minute + second)) return undefined; // not digits: let the full parser decide
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  let shifts = utcShiftByTz.get(tz);
  if (!shifts) utcShiftByTz.set(tz, (shifts = new Map()));
  const bucket = Math.floor(wall / QUARTER_HOUR);
  let shift = shifts.get(bucket);
  if (shift === undefined) {
    if (shifts.size > 100_000) shifts.clear();
    shift = wallTimeToUtc(tz, bucket * QUARTER_HOUR) - bucket * QUARTER_HOUR;
    shifts.set(bucket, shift);
  }
  return wall + shift;
}

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const hourPrefixes = new Map<number, string>();

/** Same text as Date#toISOString (years 0–9999), from a per-hour cached prefix. */
export function isoUtc(ms: number): string {
  const h = Math.floor(ms / HOUR);
  let prefix = hourPrefixes.get(h);
  if (prefix === undefined) {
    if (hourPrefixes.size > 100_000) hourPrefixes.clear();
    prefix = new Date(h * HOUR).toISOString().slice(0, 14); // YYYY-MM-DDTHH:
    hourPrefixes.set(h, prefix);
  }
  const rest = ms - h * HOUR;
  const millis = rest % 1000;
  const tail = millis === 0 ? 'Z' : `.${String(millis).padStart(3, '0')}Z`;
  return prefix + PAD2[Math.floor(rest / 60_000)] + ':' + PAD2[Math.floor(rest / 1000) % 60] + tail;
}
