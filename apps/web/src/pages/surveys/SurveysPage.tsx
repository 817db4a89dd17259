import { DataTable } from '../../components/DataTable.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { Page } from '../../components/Page.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { Link, usePath, useSearch } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { OutboxSection, SurveyDistribution } from './SurveyDistribution.tsx';
import { SurveyAnswers } from './SurveyAnswers.tsx';
import { SurveyEditor } from './SurveyEditor.tsx';
import { SurveyResults } from './SurveyResults.tsx';
import { useSurveyT, type SurveyDto } from './strings.ts';

interface SurveyRow { code: string; kind: string; name_ar: string; name_en: string; status: string; version: number; services: string[]; invited: number; completed: number }

/** /surveys: the list; /surveys/new: the editor; /surveys/CODE?tab=…: one survey. */
export default function SurveysPage() {
  const path = usePath();
  const code = decodeURIComponent(path.split('/')[2] ?? '');
  if (code === 'new') return <SurveyEditor />;
  if (code) return <SurveyDetail code={code} />;
  return <SurveyList />;
}

function SurveyList() {
  const { s, name } = useSurveyT();
  const { role } = useSession();
  const list = useApi<{ items: SurveyRow[] }>('/surveys');
  const canEdit = role === 'admin' || role === 'analyst';
  return (
    <Page title={s('title')} description={s('description')} actions={canEdit && <Link href="/surveys/new" className="btn btn-primary">{s('newSurvey')}</Link>}>
      <ErrorAlert error={list.error} />
      <DataTable<SurveyRow>
        caption={s('title')}
        rows={list.data?.items ?? []}
        rowKey={(r) => r.code}
        exportName="surveys"
        columns={[
          { key: 'name', header: s('name'), value: (r) => name(r), render: (r) => <Link href={`/surveys/${encodeURIComponent(r.code)}`}>{name(r)}</Link> },
          { key: 'code', header: s('code'), value: (r) => r.code },
          { key: 'kind', header: s('kind'), value: (r) => s(`kind.${r.kind}` as 'kind.periodic') },
          { key: 'status', header: s('status'), value: (r) => s(`status.${r.status}` as 'status.active') },
          { key: 'version', header: s('version'), value: (r) => r.version, kind: 'number' },
          { key: 'invited', header: s('invited'), value: (r) => r.invited, kind: 'number' },
          { key: 'completed', header: s('completed'), value: (r) => r.completed, kind: 'number' },
          { key: 'rate', header: s('responseRate'), value: (r) => (r.invited ? r.completed / r.invited : null), kind: 'percent' },
        ]}
      />
      {canEdit && <OutboxSection />}
    </Page>
  );
}

function SurveyDetail({ code }: { code: string }) {
  const { s, name } = useSurveyT();
  const tab = useSearch().get('tab') ?? 'results';
  const survey = useApi<SurveyDto>(`/surveys/${encodeURIComponent(code)}`);
  const base = `/surveys/${encodeURIComponent(code)}`;
  const title = survey.data ? `${name(survey.data)} · ${s(`status.${survey.data.status}` as 'status.active')} · v${survey.data.version}` : code;
  return (
    <Page title={title} actions={<Link href="/surveys" className="btn btn-secondary">{s('back')}</Link>}>
      <ErrorAlert error={survey.error} />
      <Tabs
        label={title}
        current={tab}
        items={[
          { id: 'results', href: `${base}?tab=results`, label: s('tabResults') },
          { id: 'answers', href: `${base}?tab=answers`, label: s('tabAnswers') },
          { id: 'design', href: `${base}?tab=design`, label: s('tabEdit') },
          { id: 'distribution', href: `${base}?tab=distribution`, label: s('tabDistribution') },
        ]}
      />
      {survey.data && tab === 'results' && <SurveyResults survey={survey.data} />}
      {survey.data && tab === 'answers' && <SurveyAnswers survey={survey.data} />}
      {survey.data && tab === 'design' && <SurveyEditor survey={survey.data} onSaved={survey.reload} />}
      {survey.data && tab === 'distribution' && <SurveyDistribution survey={survey.data} />}
    </Page>
  );
}
