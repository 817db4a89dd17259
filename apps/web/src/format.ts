// Locale-aware formatting shared by every screen. Dates are always shown in the agency's
// time zone, in the Umm al-Qura Hijri calendar and the Gregorian calendar side by side.

export type Lang = 'ar' | 'en';
export type Digits = 'arab' | 'latn';

export interface FormatPrefs {
  lang: Lang;
  digits: Digits;
}

const baseTag = (lang: Lang) => (lang === 'ar' ? 'ar-SA' : 'en-GB');

/** BCP 47 tag for a calendar and numbering system, e.g. ar-SA-u-ca-islamic-umalqura-nu-latn. */
export function localeTag(p: FormatPrefs, calendar: 'gregory' | 'islamic-umalqura' = 'gregory') {
  return `${baseTag(p.lang)}-u-ca-${calendar}-nu-${p.digits}`;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function memo<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

export function formatNumber(value: number | null | undefined, p: FormatPrefs, opts: Intl.NumberFormatOptions = {}) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const key = `n|${localeTag(p)}|${JSON.stringify(opts)}`;
  return memo(key, () => new Intl.NumberFormat(localeTag(p), opts)).format(value);
}

/** A 0–1 fraction as a percentage, e.g. 0.973 → 97.3%. */
export const formatPercent = (fraction: number | null | undefined, p: FormatPrefs, digits = 1) =>
  formatNumber(fraction, p, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });

export type DateStyle = 'date' | 'datetime' | 'month' | 'year';

const dateOptions: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  datetime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  month: { month: 'long', year: 'numeric' },
  year: { year: 'numeric' },
};

export function toDate(value: Date | string | number): Date {
  if (value instanceof Date) return value;
  // A bare ISO date is a calendar day, not midnight UTC: anchor it at noon UTC so every
  // time zone within ±12 h shows the same day.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00Z`);
  return new Date(value);
}

export function formatCalendarDate(
  value: Date | string | number,
  calendar: 'gregory' | 'islamic-umalqura',
  p: FormatPrefs,
  timeZone: string,
  style: DateStyle = 'date',
) {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '—';
  const zone = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : timeZone;
  const key = `d|${localeTag(p, calendar)}|${zone}|${style}`;
  return memo(key, () => new Intl.DateTimeFormat(localeTag(p, calendar), { ...dateOptions[style], timeZone: zone })).format(d);
}

/** Both calendars: { hijri, gregorian } strings for one instant or calendar day. */
export function formatDate(value: Date | string | number, p: FormatPrefs, timeZone: string, style: DateStyle = 'date') {
  return {
    hijri: formatCalendarDate(value, 'islamic-umalqura', p, timeZone, style),
    gregorian: formatCalendarDate(value, 'gregory', p, timeZone, style),
  };
}

/** One-line dual date for plain-text places (CSV export, titles): "hijri (gregorian)". */
export function formatDualText(value: Date | string | number, p: FormatPrefs, timeZone: string, style: DateStyle = 'date') {
  const { hijri, gregorian } = formatDate(value, p, timeZone, style);
  return `${hijri} (${gregorian})`;
}

/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()) {
  return memo(`iso|${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).format(now);
}
