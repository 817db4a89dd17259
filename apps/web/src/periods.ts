// Calendar periods for pickers: Gregorian and Umm al-Qura Hijri months and quarters as
// inclusive ISO date ranges. Hijri month boundaries come from Intl's umalqura calendar by
// scanning days, so no extra library is needed and the table stays the browser's.

export type PeriodKind = 'gregorian-month' | 'gregorian-quarter' | 'hijri-month' | 'hijri-quarter' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** First day, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  to: string;
  /** Calendar year and month (1–12) or quarter (1–4); absent for custom ranges. */
  year?: number;
  index?: number;
}

const DAY_MS = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
export const addDays = (iso: string, days: number) => isoOf(msOf(iso) + days * DAY_MS);

const hijriFormat = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });

/** Hijri (Umm al-Qura) year and month of a calendar day. */
export function hijriYearMonth(iso: string): { year: number; month: number } {
  const parts = hijriFormat.formatToParts(new Date(msOf(iso) + DAY_MS / 2));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get('year'), month: get('month') };
}

/**
 * Complete Hijri months, newest first, scanning back day by day from 95 days after `today`
 * (past the end of the current quarter, so its months are complete too).
 */
function hijriMonthTable(today: string, count: number): Period[] {
  const months: Period[] = [];
  let day = addDays(today, 95);
  let cur = hijriYearMonth(day);
  let end = day;
  while (months.length < count + 1) {
    const prev = addDays(day, -1);
    const ym = hijriYearMonth(prev);
    if (ym.year !== cur.year || ym.month !== cur.month) {
      months.push({ kind: 'hijri-month', from: day, to: end, year: cur.year, index: cur.month });
      cur = ym;
      end = prev;
    }
    day = prev;
  }
  return months.slice(1); // the first group was cut short by the scan's starting day
}

/** The last `count` Hijri months up to and including the one containing `today`, newest first. */
export function hijriMonths(today: string, count = 24): Period[] {
  return hijriMonthTable(today, count + 4)
    .filter((m) => m.from <= today)
    .slice(0, count);
}

/** The last `count` Hijri quarters (months 1–3, 4–6, 7–9, 10–12), newest first. */
export function hijriQuarters(today: string, count = 8): Period[] {
  const quarters: (Period & { months: number })[] = [];
  for (const m of hijriMonthTable(today, count * 3 + 6)) {
    const q = Math.ceil(m.index! / 3);
    const last = quarters[quarters.length - 1];
    if (last && last.year === m.year && last.index === q) {
      last.from = m.from;
      last.months += 1;
    } else quarters.push({ kind: 'hijri-quarter', from: m.from, to: m.to, year: m.year, index: q, months: 1 });
  }
  return quarters
    .filter((q) => q.months === 3 && q.from <= today)
    .slice(0, count)
    .map(({ months: _months, ...q }) => q);
}

/** The last `count` Gregorian months, newest first. */
export function gregorianMonths(today: string, count = 24): Period[] {
  const [y, m] = today.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const first = Date.UTC(y, m - 1 - i, 1);
    const last = Date.UTC(y, m - i, 0);
    const d = new Date(first);
    return { kind: 'gregorian-month' as const, from: isoOf(first), to: isoOf(last), year: d.getUTCFullYear(), index: d.getUTCMonth() + 1 };
  });
}

/** The last `count` Gregorian quarters, newest first. */
export function gregorianQuarters(today: string, count = 8): Period[] {
  const [y, m] = today.split('-').map(Number);
  const q0 = Math.floor((m - 1) / 3);
  return Array.from({ length: count }, (_, i) => {
    const first = Date.UTC(y, (q0 - i) * 3, 1);
    const last = Date.UTC(y, (q0 - i) * 3 + 3, 0);
    const d = new Date(first);
    return { kind: 'gregorian-quarter' as const, from: isoOf(first), to: isoOf(last), year: d.getUTCFullYear(), index: Math.floor(d.getUTCMonth() / 3) + 1 };
  });
}

/** Number of days in an inclusive range. */
export const daysIn = (p: { from: string; to: string }) => Math.round((msOf(p.to) - msOf(p.from)) / DAY_MS) + 1;
