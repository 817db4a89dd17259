import type { ReactNode } from 'react';
import { errorText } from '../api.ts';
import { usePrefs } from '../i18n/index.tsx';

export function Alert({ kind, children }: { kind: 'error' | 'success' | 'info' | 'warning'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** An API (or any) error in the UI language; renders nothing when there is no error. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { lang } = usePrefs();
  if (!error) return null;
  return <Alert kind="error">{errorText(error, lang)}</Alert>;
}

export function Loading() {
  const { t } = usePrefs();
  return (
    <p className="muted" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

/** A progress bar with a visible label; value is 0–1, or null for indeterminate. */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  const { pct } = usePrefs();
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        {value !== null && <span>{pct(value, 0)}</span>}
      </div>
      <progress max={1} value={value ?? undefined} aria-label={label} />
    </div>
  );
}
