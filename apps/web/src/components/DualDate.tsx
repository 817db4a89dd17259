import { formatDate, toDate, type DateStyle } from '../format.ts';
import { usePrefs } from '../i18n/index.tsx';
import { useAgencyTimeZone } from '../session.tsx';

export interface DualDateProps {
  /** An instant (ISO timestamp, Date, epoch ms) or a calendar day (YYYY-MM-DD). */
  value: Date | string | number | null | undefined;
  style?: DateStyle;
  /** Defaults to the selected agency's time zone. */
  timeZone?: string;
  /** inline: "hijri · gregorian" on one line; stacked: Gregorian under Hijri. */
  layout?: 'inline' | 'stacked';
}

/** A date in Umm al-Qura Hijri and Gregorian, in the agency's time zone. */
export function DualDate({ value, style = 'date', timeZone, layout = 'inline' }: DualDateProps) {
  const prefs = usePrefs();
  const agencyZone = useAgencyTimeZone();
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  const zone = timeZone ?? agencyZone;
  const { hijri, gregorian } = formatDate(value, prefs, zone, style);
  const iso = toDate(value);
  return (
    <time className={`dual-date dual-date-${layout}`} dateTime={Number.isNaN(iso.getTime()) ? undefined : iso.toISOString()} title={zone}>
      <span className="hijri">{hijri}</span>
      <span className="gregorian">{gregorian}</span>
    </time>
  );
}
