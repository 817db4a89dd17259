import { useId } from 'react';
import { usePrefs } from '../i18n/index.tsx';

export type TrafficLight = 'green' | 'amber' | 'red';

/** Groups under this many people are never shown (privacy rule shared by every dashboard). */
export const SUPPRESS_BELOW_N = 5;

export interface KpiCardProps {
  label: string;
  value: number | null;
  /** Number of people/contacts behind the value; always shown. */
  n: number;
  /** How to show value and target: percent expects a 0–1 fraction. */
  format?: 'number' | 'percent' | 'seconds';
  /** Custom formatter; overrides format. */
  formatValue?: (v: number) => string;
  target?: number;
  /** higher: value ≥ target is good (CSAT, answer rate); lower: value ≤ target is good (ASA, repeat contact). */
  better?: 'higher' | 'lower';
  /** How far on the wrong side of the target still counts as amber, in value units. Default 5% of the target. */
  amberMargin?: number;
  /** Forces a status (e.g. computed by the server); otherwise derived from value and target. */
  status?: TrafficLight;
  /** Below this n the figure is greyed and flagged as unreliable (agency setting, default 30). */
  minN?: number;
  /** 95% confidence interval [low, high] in value units. */
  ci?: [number, number];
  /** Extra line under the value (period, comparison…). */
  note?: string;
}

/** Traffic light from value vs target; null when there is no target. */
export function trafficLight(value: number, target: number | undefined, better: 'higher' | 'lower', amberMargin?: number): TrafficLight | null {
  if (target === undefined) return null;
  const margin = amberMargin ?? Math.abs(target) * 0.05;
  const gap = better === 'higher' ? target - value : value - target; // > 0: on the wrong side
  if (gap <= 0) return 'green';
  return gap <= margin ? 'amber' : 'red';
}

/** One KPI with its n, target, traffic light, small-n flag, suppression and optional 95% CI. */
export function KpiCard(props: KpiCardProps) {
  const { label, value, n, format = 'number', formatValue, target, better = 'higher', amberMargin, minN = 30, ci, note } = props;
  const { t, num, pct } = usePrefs();
  const tipId = useId();
  const fmt = (v: number) =>
    formatValue ? formatValue(v) : format === 'percent' ? pct(v) : format === 'seconds' ? t('kpi.seconds', { v: num(Math.round(v)) }) : num(v, { maximumFractionDigits: 1 });

  const suppressed = n < SUPPRESS_BELOW_N;
  const lowN = !suppressed && n < minN;
  const status = suppressed || value === null ? null : (props.status ?? trafficLight(value, target, better, amberMargin));
  const statusText = status ? t(`kpi.status.${status}`) : null;

  return (
    <article className={`kpi-card${lowN ? ' kpi-low-n' : ''}${suppressed ? ' kpi-suppressed' : ''}`} aria-label={label}>
      <header className="kpi-head">
        <h3 className="kpi-label">{label}</h3>
        {status && (
          <span className={`kpi-light kpi-${status}`} role="img" aria-label={statusText!} title={statusText!}>
            <span aria-hidden="true" />
          </span>
        )}
      </header>
      <p className="kpi-value">
        {suppressed ? (
          <span className="kpi-suppressed-text" title={t('kpi.suppressedHint', { min: SUPPRESS_BELOW_N })}>
            {t('kpi.suppressed')}
          </span>
        ) : value === null ? (
          '—'
        ) : (
          fmt(value)
        )}
        {lowN && (
          <span className="kpi-flag" tabIndex={0} role="img" aria-label={t('kpi.lowNHint', { min: num(minN) })} aria-describedby={tipId} title={t('kpi.lowNHint', { min: num(minN) })}>
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <path d="M3 1v14M3 2h9l-2 3 2 3H3" fill="currentColor" stroke="currentColor" strokeWidth="1.5" />
            </svg>
            <span id={tipId} role="tooltip" className="kpi-tooltip">
              {t('kpi.lowNHint', { min: num(minN) })}
            </span>
          </span>
        )}
      </p>
      <dl className="kpi-meta">
        <div>
          <dt>{t('kpi.n')}</dt>
          <dd>{num(n)}</dd>
        </div>
        {target !== undefined && (
          <div>
            <dt>{t('kpi.target')}</dt>
            <dd>{t(better === 'higher' ? 'kpi.atLeast' : 'kpi.atMost', { v: fmt(target) })}</dd>
          </div>
        )}
        {ci && !suppressed && (
          <div>
            <dt>{t('kpi.ci', { level: pct(0.95, 0) })}</dt>
            <dd>
              {fmt(ci[0])} – {fmt(ci[1])}
            </dd>
          </div>
        )}
      </dl>
      {note && <p className="kpi-note muted">{note}</p>}
    </article>
  );
}
