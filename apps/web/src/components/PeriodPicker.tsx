import { useId, useMemo, useState } from 'react';
import { formatCalendarDate, todayIn } from '../format.ts';
import { usePrefs, type Prefs } from '../i18n/index.tsx';
import { gregorianMonths, gregorianQuarters, hijriMonths, hijriQuarters, type Period } from '../periods.ts';
import { useAgencyTimeZone } from '../session.tsx';
import { DualDate } from './DualDate.tsx';

export type { Period } from '../periods.ts';

export interface PeriodPickerProps {
  value: Period;
  onChange: (p: Period) => void;
  /** Today is taken in this zone; defaults to the selected agency's. */
  timeZone?: string;
  label?: string;
}

type Calendar = 'hijri' | 'gregorian';
type Grain = 'month' | 'quarter' | 'custom';

const kindOf = (cal: Calendar, grain: Exclude<Grain, 'custom'>) => `${cal}-${grain}` as Period['kind'];

/** All selectable periods of a calendar and grain, newest first. */
function periodsFor(cal: Calendar, grain: Exclude<Grain, 'custom'>, today: string): Period[] {
  if (cal === 'hijri') return grain === 'month' ? hijriMonths(today, 24) : hijriQuarters(today, 8);
  return grain === 'month' ? gregorianMonths(today, 24) : gregorianQuarters(today, 8);
}

/** The picker's default: the current Hijri month in the agency's time zone. */
export function currentHijriMonth(timeZone: string): Period {
  return hijriMonths(todayIn(timeZone), 1)[0];
}

/** Human label of a period in the UI language, e.g. "رمضان 1446 هـ" or "Q2 2025". */
export function periodLabel(p: Period, prefs: Prefs): string {
  const cal = p.kind.startsWith('hijri') ? 'islamic-umalqura' : 'gregory';
  if (p.kind.endsWith('month')) return formatCalendarDate(p.from, cal, prefs, 'UTC', 'month');
  if (p.kind.endsWith('quarter')) {
    const year = formatCalendarDate(p.from, cal, prefs, 'UTC', 'year');
    return prefs.t('period.quarterLabel', { q: prefs.num(p.index ?? 0), year });
  }
  return `${p.from} – ${p.to}`;
}

/**
 * Gregorian or Hijri (Umm al-Qura) month/quarter, or a custom range; emits inclusive
 * ISO dates {from, to}. Shows the chosen range in both calendars.
 */
export function PeriodPicker({ value, onChange, timeZone, label }: PeriodPickerProps) {
  const prefs = usePrefs();
  const { t } = prefs;
  const agencyZone = useAgencyTimeZone();
  const today = todayIn(timeZone ?? agencyZone);
  const id = useId();
  const [cal, setCal] = useState<Calendar>(value.kind.startsWith('gregorian') ? 'gregorian' : 'hijri');
  const [grain, setGrain] = useState<Grain>(value.kind === 'custom' ? 'custom' : value.kind.endsWith('quarter') ? 'quarter' : 'month');
  const options = useMemo(() => (grain === 'custom' ? [] : periodsFor(cal, grain, today)), [cal, grain, today]);

  const choose = (nextCal: Calendar, nextGrain: Grain) => {
    setCal(nextCal);
    setGrain(nextGrain);
    if (nextGrain === 'custom') onChange({ kind: 'custom', from: value.from, to: value.to });
    else onChange(periodsFor(nextCal, nextGrain, today)[0]);
  };
  const selectedKey = value.kind === kindOf(cal, grain as 'month') ? value.from : '';

  return (
    <fieldset className="period-picker">
      <legend>{label ?? t('period.label')}</legend>
      <div className="period-row">
        <div className="field">
          <label htmlFor={`${id}-cal`}>{t('period.calendar')}</label>
          <select id={`${id}-cal`} value={cal} onChange={(e) => choose(e.target.value as Calendar, grain)} disabled={grain === 'custom'}>
            <option value="hijri">{t('period.hijri')}</option>
            <option value="gregorian">{t('period.gregorian')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-grain`}>{t('period.grain')}</label>
          <select id={`${id}-grain`} value={grain} onChange={(e) => choose(cal, e.target.value as Grain)}>
            <option value="month">{t('period.month')}</option>
            <option value="quarter">{t('period.quarter')}</option>
            <option value="custom">{t('period.custom')}</option>
          </select>
        </div>
        {grain === 'custom' ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-from`}>{t('period.from')}</label>
              <input id={`${id}-from`} type="date" value={value.from} max={value.to} onChange={(e) => e.target.value && onChange({ kind: 'custom', from: e.target.value, to: value.to })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>{t('period.to')}</label>
              <input id={`${id}-to`} type="date" value={value.to} min={value.from} onChange={(e) => e.target.value && onChange({ kind: 'custom', from: value.from, to: e.target.value })} />
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-p`}>{t('period.period')}</label>
            <select id={`${id}-p`} value={selectedKey} onChange={(e) => onChange(options.find((o) => o.from === e.target.value)!)}>
              {selectedKey === '' && <option value="">—</option>}
              {options.map((o) => (
                <option key={o.from} value={o.from}>
                  {periodLabel(o, prefs)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <p className="period-range muted">
        <DualDate value={value.from} timeZone="UTC" /> <span aria-hidden="true">{prefs.dir === 'rtl' ? '←' : '→'}</span>
        <span className="visually-hidden">{t('period.until')}</span> <DualDate value={value.to} timeZone="UTC" />
      </p>
    </fieldset>
  );
}
