import { Page } from '../../components/Page.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { usePrefs } from '../../i18n/index.tsx';
import { usePath } from '../../router.tsx';
import IntradayTab from './IntradayTab.tsx';
import PlannerTab from './PlannerTab.tsx';
import QueuesTab from './QueuesTab.tsx';
import TrendTab from './TrendTab.tsx';

const TABS = { intraday: IntradayTab, queues: QueuesTab, trend: TrendTab, planner: PlannerTab } as const;
type TabId = keyof typeof TABS;

/** /contact-centre[/queues|/trend|/planner]: intraday view, queue comparison, trend vs targets, staffing planner. */
export default function ContactCentrePage() {
  const { t } = usePrefs();
  const part = usePath().split('/')[2] as TabId | undefined;
  const current: TabId = part && part in TABS ? part : 'intraday';
  const Tab = TABS[current];
  const items = (Object.keys(TABS) as TabId[]).map((id) => ({
    id, href: id === 'intraday' ? '/contact-centre' : `/contact-centre/${id}`, label: t(`cc.tab.${id}`),
  }));
  return (
    <Page title={t('cc.title')} description={t('cc.description')}>
      <Tabs items={items} current={current} label={t('cc.tabs')} />
      <Tab />
    </Page>
  );
}
