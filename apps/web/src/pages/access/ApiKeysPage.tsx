import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Alert, ErrorAlert } from '../../components/feedback.tsx';
import { SelectField, TextField } from '../../components/form.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { usePrefs } from '../../i18n/index.tsx';
import { useApi } from '../../use-api.ts';
import { ROLES, roleKey } from './roles.ts';

interface ApiKeyRow {
  id: number;
  name: string;
  role: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export default function ApiKeysPage() {
  const { t } = usePrefs();
  const list = useApi<{ items: ApiKeyRow[] }>('/api-keys');
  const [name, setName] = useState('');
  const [role, setRole] = useState('analyst');
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      setCreated(await api<{ name: string; key: string }>('/api-keys', { method: 'POST', body: { name, role } }));
      setName('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  const revoke = async (k: ApiKeyRow) => {
    if (!window.confirm(t('apiKeys.confirmRevoke', { name: k.name }))) return;
    try {
      await api(`/api-keys/${k.id}`, { method: 'DELETE' });
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Page title={t('apiKeys.title')} description={t('apiKeys.description')}>
      <form className="card stack" onSubmit={create} aria-label={t('apiKeys.create')}>
        <h2>{t('apiKeys.create')}</h2>
        <div className="form-grid">
          <TextField label={t('apiKeys.name')} required value={name} onValue={setName} hint={t('apiKeys.nameHint')} />
          <SelectField label={t('members.role')} value={role} onValue={setRole} options={ROLES.map((r) => ({ value: r, label: t(roleKey(r)!) }))} />
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
            {t('apiKeys.createSubmit')}
          </button>
        </div>
      </form>
      <ErrorAlert error={error ?? list.error} />
      {created && (
        <Alert kind="success">
          <div className="stack">
            <span>{t('apiKeys.created', { name: created.name })}</span>
            <div className="row">
              <code className="secret" dir="ltr" data-testid="new-api-key">{created.key}</code>
              <CopyButton text={created.key} />
            </div>
            <small>{t('common.shownOnce')}</small>
          </div>
        </Alert>
      )}
      <Section title={t('apiKeys.list')}>
        <DataTable<ApiKeyRow>
          caption={t('apiKeys.list')}
          rows={list.data?.items ?? []}
          rowKey={(k) => k.id}
          exportName="api-keys"
          columns={[
            { key: 'name', header: t('apiKeys.name'), value: (k) => k.name },
            { key: 'prefix', header: t('apiKeys.prefix'), value: (k) => k.prefix, render: (k) => <code dir="ltr">{k.prefix}…</code> },
            { key: 'role', header: t('members.role'), value: (k) => (roleKey(k.role) ? t(roleKey(k.role)!) : k.role) },
            { key: 'created', header: t('apiKeys.createdAt'), kind: 'date', value: (k) => k.created_at },
            { key: 'used', header: t('apiKeys.lastUsed'), kind: 'datetime', value: (k) => k.last_used_at },
            { key: 'state', header: t('apiKeys.state'), value: (k) => (k.revoked_at ? t('apiKeys.revoked') : t('apiKeys.active')) },
            {
              key: 'actions',
              header: t('common.actions'),
              value: () => null,
              sortable: false,
              exportable: false,
              render: (k) =>
                k.revoked_at ? null : (
                  <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke(k)} aria-label={`${t('apiKeys.revoke')} ${k.name}`}>
                    {t('apiKeys.revoke')}
                  </button>
                ),
            },
          ]}
        />
      </Section>
    </Page>
  );
}
