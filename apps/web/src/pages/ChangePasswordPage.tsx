import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { Alert, ErrorAlert } from '../components/feedback.tsx';
import { TextField } from '../components/form.tsx';
import { usePrefs } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { AuthFrame } from './AuthFrame.tsx';

const MIN_LENGTH = 10;

/** Shown instead of the app while the account must replace its one-time password. */
export function ChangePasswordPage({ forced }: { forced?: boolean }) {
  const { t, num } = usePrefs();
  const { refresh, signOut } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const mismatch = confirm.length > 0 && confirm !== next;
  const tooShort = next.length > 0 && next.length < MIN_LENGTH;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch || tooShort) return;
    setBusy(true);
    setError(undefined);
    try {
      await api('/auth/password', { body: { current_password: current, new_password: next }, agency: false });
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('password.title')} subtitle={forced ? t('password.forced') : undefined}>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorAlert error={error} />
        <TextField label={t('password.current')} type="password" autoComplete="current-password" dir="ltr" value={current} onValue={setCurrent} required />
        <TextField
          label={t('password.new')}
          type="password"
          autoComplete="new-password"
          dir="ltr"
          value={next}
          onValue={setNext}
          required
          hint={t('password.rule', { n: num(MIN_LENGTH) })}
          error={tooShort ? t('password.tooShort', { n: num(MIN_LENGTH) }) : undefined}
        />
        <TextField label={t('password.confirm')} type="password" autoComplete="new-password" dir="ltr" value={confirm} onValue={setConfirm} required error={mismatch ? t('password.mismatch') : undefined} />
        {forced && <Alert kind="info">{t('password.why')}</Alert>}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy || !current || !next || mismatch || tooShort}>
            {t('password.submit')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void signOut()}>
            {t('header.signOut')}
          </button>
        </div>
      </form>
    </AuthFrame>
  );
}
