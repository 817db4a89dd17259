import { useId } from 'react';
import { usePrefs } from './i18n/index.tsx';
import { Link } from './router.tsx';
import { useSession } from './session.tsx';

/** Top bar: product name, agency switcher, language and digit toggles, user and sign-out. */
export function Header() {
  const { t, lang, setLang, digits, setDigits, name } = usePrefs();
  const { me, agencies, agency, selectAgency, signOut } = useSession();
  const switcherId = useId();
  return (
    <header className="top-bar">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">ت</span>
        <span>{t('app.name')}</span>
      </Link>
      <div className="top-bar-tools">
        {agencies.length > 0 && (
          <div className="agency-switcher">
            <label htmlFor={switcherId}>{t('header.agency')}</label>
            <select id={switcherId} value={agency?.slug ?? ''} onChange={(e) => selectAgency(e.target.value)}>
              {agencies.map((a) => (
                <option key={a.slug} value={a.slug}>
                  {name(a)}
                </option>
              ))}
            </select>
          </div>
        )}
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => setDigits(digits === 'arab' ? 'latn' : 'arab')}
          aria-pressed={digits === 'arab'}
          title={t('header.digitsHint')}
        >
          {digits === 'arab' ? t('header.digitsLatin') : t('header.digitsArabic')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')} lang={lang === 'ar' ? 'en' : 'ar'}>
          {lang === 'ar' ? 'English' : 'العربية'}
        </button>
        <span className="user-name" title={me?.email}>
          {me?.name || me?.email}
        </span>
        <button type="button" className="btn btn-secondary" onClick={() => void signOut()}>
          {t('header.signOut')}
        </button>
      </div>
    </header>
  );
}
