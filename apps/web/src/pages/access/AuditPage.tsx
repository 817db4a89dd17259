import { DataTable } from '../../components/DataTable.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { Page } from '../../components/Page.tsx';
import { usePrefs, type MessageKey } from '../../i18n/index.tsx';
import { useApi } from '../../use-api.ts';

interface AuditRow {
  id: number;
  actor_type: string;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  at: string;
}

const ACTIONS = ['create', 'update', 'delete', 'import', 'revoke', 'grant'];

/** Short JSON of what changed, for the table cell (full values stay in the CSV). */
const summarize = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

export default function AuditPage() {
  const { t } = usePrefs();
  const list = useApi<{ items: AuditRow[] }>('/audit', { query: { limit: 200 } });
  const actionLabel = (a: string) => (ACTIONS.includes(a) ? t(`audit.action.${a}` as MessageKey) : a);
  return (
    <Page title={t('audit.title')} description={t('audit.description')}>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <DataTable<AuditRow>
          caption={t('audit.title')}
          rows={list.data?.items ?? []}
          rowKey={(r) => r.id}
          exportName="audit-log"
          initialSort={{ key: 'at', dir: 'desc' }}
          columns={[
            { key: 'at', header: t('audit.at'), kind: 'datetime', value: (r) => r.at },
            { key: 'actor', header: t('audit.actor'), value: (r) => r.actor_label, render: (r) => <span dir="auto">{r.actor_label}</span> },
            { key: 'action', header: t('audit.actionCol'), value: (r) => actionLabel(r.action) },
            { key: 'entity', header: t('audit.entity'), value: (r) => `${r.entity}${r.entity_id ? ` #${r.entity_id}` : ''}`, render: (r) => <code dir="ltr">{r.entity}{r.entity_id ? ` #${r.entity_id}` : ''}</code> },
            { key: 'after', header: t('audit.change'), value: (r) => summarize(r.after ?? r.before), render: (r) => <code dir="ltr" className="truncate">{summarize(r.after ?? r.before)}</code> },
          ]}
        />
      )}
    </Page>
  );
}
