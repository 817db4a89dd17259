import { Component, Suspense, type ReactNode } from 'react';
import { Alert, Loading } from './components/feedback.tsx';
import { Header } from './Header.tsx';
import { PrefsProvider, translate, usePrefs } from './i18n/index.tsx';
import { canOpen, matchNav, nav } from './nav.ts';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { Link, usePath } from './router.tsx';
import { SessionProvider, useSession } from './session.tsx';

export function App() {
  return (
    <PrefsProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </PrefsProvider>
  );
}

function Shell() {
  const session = useSession();
  const { t } = usePrefs();
  const path = usePath();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'anonymous' || !session.me) return <LoginPage />;
  if (session.me.must_change_password) return <ChangePasswordPage forced />;
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <Header />
      <div className="layout-body">
        <SideNav />
        <main id="main" tabIndex={-1}>
          <PageErrorBoundary key={path}>
            <Suspense fallback={<Loading />}>
              <CurrentPage />
            </Suspense>
          </PageErrorBoundary>
        </main>
      </div>
    </div>
  );
}

function SideNav() {
  const { t } = usePrefs();
  const { role, me } = useSession();
  const path = usePath();
  const current = matchNav(path);
  const visible = nav.filter((n) => !n.hidden && canOpen(n, role, !!me?.is_superadmin));
  const groups = [...new Set(visible.map((n) => n.groupKey))];
  return (
    <nav className="side-nav" aria-label={t('shell.mainMenu')}>
      {groups.map((g) => (
        <div key={g ?? 'top'} className="nav-group">
          {g && <h2 className="nav-group-title">{t(g)}</h2>}
          <ul>
            {visible
              .filter((n) => n.groupKey === g)
              .map((n) => (
                <li key={n.path}>
                  <Link href={n.path} aria-current={current === n ? 'page' : undefined}>
                    {t(n.labelKey)}
                  </Link>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function CurrentPage() {
  const { t } = usePrefs();
  const { role, me, agency } = useSession();
  const item = matchNav(usePath());
  if (!item) return <Alert kind="warning">{t('shell.notFound')}</Alert>;
  if (!agency && !item.superadminOnly) {
    return (
      <Alert kind="info">
        {me?.is_superadmin ? (
          <>
            {t('shell.noAgencySuperadmin')} <Link href="/agencies">{t('nav.agencies')}</Link>
          </>
        ) : (
          t('shell.noAgency')
        )}
      </Alert>
    );
  }
  if (!canOpen(item, role, !!me?.is_superadmin)) return <Alert kind="warning">{t('shell.forbidden')}</Alert>;
  const Page = item.component;
  return <Page key={agency?.slug} />;
}

/** Keeps one failing screen from blanking the whole app. */
class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    const lang = document.documentElement.lang === 'en' ? 'en' : 'ar';
    return this.state.failed ? <Alert kind="error">{translate(lang, 'shell.pageFailed')}</Alert> : this.props.children;
  }
}
