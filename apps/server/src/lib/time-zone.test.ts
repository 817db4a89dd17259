import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp, timeZoneOffsetMs } from './time-zone.ts';

describe('parseTimestamp', () => {
  it('reads offset-less times as agency wall time (Riyadh has no DST: always UTC+3)', () => {
    expect(parseTimestamp('2024-01-01T00:30:00', 'Asia/Riyadh')?.toISOString()).toBe('2023-12-31T21:30:00.000Z');
    expect(parseTimestamp('2024-07-01 12:00', 'Asia/Riyadh')?.toISOString()).toBe('2024-07-01T09:00:00.000Z');
    expect(parseTimestamp('2024-07-01T12:00:00.25', 'Asia/Riyadh')?.toISOString()).toBe('2024-07-01T09:00:00.250Z');
  });

  it('follows daylight saving time in Europe/Berlin (UTC+1 in winter, UTC+2 in summer)', () => {
    expect(parseTimestamp('2024-01-15T10:00:00', 'Europe/Berlin')?.toISOString()).toBe('2024-01-15T09:00:00.000Z');
    expect(parseTimestamp('2024-07-15T10:00:00', 'Europe/Berlin')?.toISOString()).toBe('2024-07-15T08:00:00.000Z');
    expect(timeZoneOffsetMs('Europe/Berlin', Date.UTC(2024, 2, 31, 0, 59))).toBe(3600_000); // 01:59 CET
    expect(timeZoneOffsetMs('Europe/Berlin', Date.UTC(2024, 2, 31, 1, 0))).toBe(7200_000); // 03:00 CEST
  });

  it('rejects what is not an ISO 8601 date-time', () => {
    for (const bad of ['2024-02-30T10:00:00', '2024-05-01', '01/05/2024 10:00', '2024-05-01T24:00:00', '2024-05-01T10:00:00+15:00', 'yesterday']) {
      expect(parseTimestamp(bad, 'Asia/Riyadh'), bad).toBeNull();
    }
  });

  it('round-trips any instant written with Z or with an explicit offset', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }).map((ms) => Math.floor(ms / 1000) * 1000);
    const offsetMinutes = fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15));
    fc.assert(
      fc.property(instant, offsetMinutes, (ms, off) => {
        const local = new Date(ms + off * 60_000).toISOString().slice(0, 19);
        const sign = off < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
        const mm = String(Math.abs(off) % 60).padStart(2, '0');
        expect(parseTimestamp(`${local}${sign}${hh}:${mm}`, 'Asia/Riyadh')?.getTime()).toBe(ms);
        expect(parseTimestamp(new Date(ms).toISOString(), 'America/New_York')?.getTime()).toBe(ms);
      }),
    );
  });
});
