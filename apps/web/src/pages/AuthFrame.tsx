import { useEffect, type ReactNode } from 'react';
import { usePrefs } from '../i18n/index.tsx';

/** Centred card for the screens shown before the shell (sign-in, forced password change). */
export function AuthFrame({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  const { t, lang, setLang } = usePrefs();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <main className="auth-screen" id="main">
      <div className="auth-card">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">ت</span>
          <span>{t('app.name')}</span>
          <button type="button" className="btn btn-ghost auth-lang" onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')} lang={lang === 'ar' ? 'en' : 'ar'}>
            {lang === 'ar' ? 'English' : 'العربية'}
          </button>
        </div>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
        {children}
      </div>
    </main>
  );
}
