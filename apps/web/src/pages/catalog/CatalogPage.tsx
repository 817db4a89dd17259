import { useState } from 'react';
import type { CatalogKind } from '@tajriba/contracts';
import { api, apiUrl } from '../../api.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { Page } from '../../components/Page.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { usePrefs } from '../../i18n/index.tsx';
import { Link, usePath } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { CatalogImport } from './CatalogImport.tsx';
import { EntityForm } from './EntityForm.tsx';
import { blankRecord, KIND_ORDER, KINDS, type CatalogRecord } from './kinds.ts';
import { ServiceDetail } from './ServiceDetail.tsx';

/** /catalog[/kind] lists; /catalog/services/CODE is one service's stages and visit reasons. */
export default function CatalogPage() {
  const path = usePath();
  const [, , kindPart, code] = path.split('/');
  const kind = (KIND_ORDER.includes(kindPart as CatalogKind) ? kindPart : 'branches') as CatalogKind;
  if (kind === 'services' && code) return <ServiceDetail code={decodeURIComponent(code)} />;
  return <CatalogList kind={kind} />;
}

type Editing = { mode: 'create' | 'edit'; record: CatalogRecord } | null;

function CatalogList({ kind }: { kind: CatalogKind }) {
  const { t, name } = usePrefs();
  const { role } = useSession();
  const canEdit = role === 'admin';
  const list = useApi<{ items: CatalogRecord[] }>(`/catalog/${kind}`);
  const providers = useApi<{ items: CatalogRecord[] }>(kind === 'services' ? '/catalog/providers' : null);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleteError, setDeleteError] = useState<unknown>();
  const def = KINDS[kind];

  const remove = async (r: CatalogRecord) => {
    if (!window.confirm(t('catalog.confirmDelete', { name: `${name(r)} (${r.code})` }))) return;
    setDeleteError(undefined);
    try {
      await api(`/catalog/${kind}/${encodeURIComponent(r.code)}`, { method: 'DELETE' });
      list.reload();
    } catch (err) {
      setDeleteError(err);
    }
  };

  const optionLabel = (field: string, value: unknown) => {
    const f = def.fields.find((x) => x.name === field);
    if (Array.isArray(f?.options)) {
      const o = f.options.find((x) => x.value === value);
      return o ? t(o.labelKey) : String(value ?? '');
    }
    if (f?.options === 'providers') {
      const p = providers.data?.items.find((x) => x.code === value);
      return value ? (p ? name(p) : String(value)) : t('catalog.inHouse');
    }
    return value as string;
  };

  const columns: Column<CatalogRecord>[] = def.fields
    .filter((f) => f.inList)
    .map((f) => ({
      key: f.name,
      header: t(f.labelKey),
      value: (r) => (f.options ? optionLabel(f.name, r[f.name]) : (r[f.name] as string)),
      render: f.name === 'code' ? (r) => <code dir="ltr">{r.code}</code> : undefined,
    }));
  if (kind === 'services') {
    columns.push({
      key: 'journey',
      header: t('catalog.journey'),
      value: () => null,
      sortable: false,
      exportable: false,
      render: (r) => <Link href={`/catalog/services/${encodeURIComponent(r.code)}`}>{t('catalog.stagesAndReasons')}</Link>,
    });
  }
  if (canEdit) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      value: () => null,
      sortable: false,
      exportable: false,
      render: (r) => (
        <div className="row row-tight">
          <button type="button" className="btn btn-small btn-secondary" onClick={() => setEditing({ mode: 'edit', record: r })} aria-label={`${t('common.edit')} ${name(r)}`}>
            {t('common.edit')}
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => void remove(r)} aria-label={`${t('common.delete')} ${name(r)}`}>
            {t('common.delete')}
          </button>
        </div>
      ),
    });
  }

  return (
    <Page
      title={t('catalog.title')}
      description={t('catalog.description')}
      actions={
        <>
          <a className="btn btn-secondary" href={apiUrl('/catalog/export', { format: 'csv' })} download>
            {t('catalog.exportCsv')}
          </a>
          {canEdit && <CatalogImport onDone={list.reload} />}
        </>
      }
    >
      <Tabs label={t('catalog.title')} current={kind} items={KIND_ORDER.map((k) => ({ id: k, href: `/catalog/${k}`, label: t(KINDS[k].labelKey) }))} />
      {canEdit && !editing && (
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ mode: 'create', record: blankRecord(kind) })}>
            {t('catalog.add', { what: t(def.singularKey) })}
          </button>
        </div>
      )}
      {editing && (
        <EntityForm
          key={`${editing.mode}-${editing.record.code}`}
          kind={kind}
          mode={editing.mode}
          initial={editing.record}
          providers={providers.data?.items ?? []}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
      <ErrorAlert error={deleteError} />
      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <DataTable caption={t(def.labelKey)} columns={columns} rows={list.data?.items ?? []} rowKey={(r) => r.code} exportName={`catalog-${kind}`} emptyText={t('catalog.empty')} />
      )}
    </Page>
  );
}
