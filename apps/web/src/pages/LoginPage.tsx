import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.ts';
import { ErrorAlert } from '../components/feedback.tsx';
import { TextField } from '../components/form.tsx';
import { usePrefs } from '../i18n/index.tsx';
import { markSignedIn, useSession } from '../session.tsx';
import { AuthFrame } from './AuthFrame.tsx';

export function LoginPage() {
  const { t } = usePrefs();
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('/auth/login', { body: { email, password }, agency: false });
      markSignedIn();
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = error instanceof ApiError ? error.field : undefined;
  return (
    <AuthFrame title={t('login.title')} subtitle={t('login.subtitle')}>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorAlert error={error} />
        <TextField label={t('login.email')} type="email" autoComplete="username" dir="ltr" required value={email} onValue={setEmail} aria-invalid={fieldError === 'email' || undefined} />
        <TextField label={t('login.password')} type="password" autoComplete="current-password" dir="ltr" required value={password} onValue={setPassword} />
        <button type="submit" className="btn btn-primary" disabled={busy || !email || !password}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}
