import { DualDate } from '../components/DualDate.tsx';
import { Page, Section } from '../components/Page.tsx';
import { usePrefs } from '../i18n/index.tsx';
import { canOpen, nav } from '../nav.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

/** Landing page: the agency, today in both calendars, and the screens this role can open. */
export default function HomePage() {
  const { t, name } = usePrefs();
  const { agency, role, me } = useSession();
  const links = nav.filter((n) => n.path !== '/' && !n.hidden && canOpen(n, role, !!me?.is_superadmin));
  return (
    <Page title={agency ? name(agency) : t('nav.home')} description={t('home.description')}>
      <div className="home-grid">
        <Section title={t('home.today')}>
          <p className="today">
            <DualDate value={new Date()} layout="stacked" />
          </p>
          <p className="muted">
            {t('home.timezone')}: <span dir="ltr">{agency?.timezone}</span>
          </p>
        </Section>
        <Section title={t('home.shortcuts')}>
          <ul className="link-list">
            {links.map((n) => (
              <li key={n.path}>
                <Link href={n.path}>{t(n.labelKey)}</Link>
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </Page>
  );
}
