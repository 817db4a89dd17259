import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Alert, ErrorAlert } from '../../components/feedback.tsx';
import { TextField } from '../../components/form.tsx';
import { Page } from '../../components/Page.tsx';
import { usePrefs } from '../../i18n/index.tsx';
import { useApi } from '../../use-api.ts';
import { AccessList, dangerActionColumn, deleteAfterConfirm, RoleField, roleColumn, SecretShownOnce } from './access-ui.tsx';

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

  const revoke = (k: ApiKeyRow) => deleteAfterConfirm(t('apiKeys.confirmRevoke', { name: k.name }), `/api-keys/${k.id}`, list.reload, setError);

  return (
    <Page title={t('apiKeys.title')} description={t('apiKeys.description')}>
      <form className="card stack" onSubmit={create} aria-label={t('apiKeys.create')}>
        <h2>{t('apiKeys.create')}</h2>
        <div className="form-grid">
          <TextField label={t('apiKeys.name')} required value={name} onValue={setName} hint={t('apiKeys.nameHint')} />
          <RoleField value={role} onValue={setRole} />
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
          <SecretShownOnce message={t('apiKeys.created', { name: created.name })} secret={created.key} testId="new-api-key" />
        </Alert>
      )}
      <AccessList<ApiKeyRow>
        title={t('apiKeys.list')}
        rows={list.data?.items}
        exportName="api-keys"
        columns={[
          { key: 'name', header: t('apiKeys.name'), value: (k) => k.name },
          { key: 'prefix', header: t('apiKeys.prefix'), value: (k) => k.prefix, render: (k) => <code dir="ltr">{k.prefix}…</code> },
          roleColumn(t),
          { key: 'created', header: t('apiKeys.createdAt'), kind: 'date', value: (k) => k.created_at },
          { key: 'used', header: t('apiKeys.lastUsed'), kind: 'datetime', value: (k) => k.last_used_at },
          { key: 'state', header: t('apiKeys.state'), value: (k) => (k.revoked_at ? t('apiKeys.revoked') : t('apiKeys.active')) },
          dangerActionColumn<ApiKeyRow>(t, { label: t('apiKeys.revoke'), subject: (k) => k.name, hidden: (k) => !!k.revoked_at, onClick: (k) => void revoke(k) }),
        ]}
      />
    </Page>
  );
}
