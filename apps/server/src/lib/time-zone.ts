// ISO 8601 timestamps with or without an offset; a missing offset means the agency's
// wall-clock time, converted with Intl (no time-zone library needed).

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 15 * 60_000;

export function isValidTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC in ms at instant `utcMs` (e.g. +3 h for Asia/Riyadh). */
export function timeZoneOffsetMs(tz: string, utcMs: number): number {
  // Offsets only change on quarter-hour instants, so one lookup per 15-minute bucket is exact.
  const bucket = Math.floor(utcMs / QUARTER_HOUR);
  let cache = offsetCaches.get(tz);
  if (!cache) offsetCaches.set(tz, (cache = new Map()));
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const at = bucket * QUARTER_HOUR;
  const p: Record<string, number> = {};
  for (const part of formatterFor(tz).formatToParts(new Date(at))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offset = wall - at;
  if (cache.size > 200_000) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

/**
 * UTC instant of a wall-clock time in `tz`. In a DST gap the clock time does not exist and
 * is read with the offset before the gap; in an overlap the earlier instant wins.
 */
export function wallTimeToUtc(tz: string, wallMs: number): number {
  const HALF_DAY = 12 * 3600_000;
  const before = timeZoneOffsetMs(tz, wallMs - HALF_DAY);
  const after = timeZoneOffsetMs(tz, wallMs + HALF_DAY);
  if (before === after) return wallMs - before; // no transition nearby: the common case
  const valid = [wallMs - before, wallMs - after].filter((utc, i) => timeZoneOffsetMs(tz, utc) === (i ? after : before));
  return valid.length ? Math.min(...valid) : wallMs - before;
}

/** Parses an ISO 8601 date-time; without an offset it is wall time in `tz`. Null if invalid. */
export function parseTimestamp(text: string, tz: string): Date | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', off] = m;
  const year = +y, month = +mo, day = +d, hour = +h, minute = +mi, second = +s;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(wall).getUTCDate() !== day) return null; // 31 April and the like
  let utc: number;
  if (!off) utc = wallTimeToUtc(tz, wall);
  else if (off === 'Z' || off === 'z') utc = wall;
  else {
    const digits = off.replace(':', '');
    const sign = digits[0] === '-' ? -1 : 1;
    const oh = Number(digits.slice(1, 3));
    const om = digits.length > 3 ? Number(digits.slice(3, 5)) : 0;
    if (oh > 14 || om > 59) return null;
    utc = wall - sign * (oh * 60 + om) * 60_000;
  }
  return new Date(utc);
}
