import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Alert, ErrorAlert } from '../../components/feedback.tsx';
import { TextField } from '../../components/form.tsx';
import { Page } from '../../components/Page.tsx';
import { usePrefs } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { AccessList, dangerActionColumn, deleteAfterConfirm, RoleField, roleColumn, SecretShownOnce } from './access-ui.tsx';

interface Member {
  id: number;
  email: string;
  name: string;
  role: string;
  created_at: string;
}

export default function MembersPage() {
  const { t } = usePrefs();
  const { me } = useSession();
  const list = useApi<{ items: Member[] }>('/members');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<{ email: string; one_time_password?: string } | null>(null);

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setCreated(null);
    try {
      const res = await api<{ email: string; one_time_password?: string }>('/members', { method: 'POST', body: { email, name, role } });
      setCreated(res);
      setEmail('');
      setName('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  const remove = (m: Member) => deleteAfterConfirm(t('members.confirmRemove', { email: m.email }), `/members/${m.id}`, list.reload, setError);

  return (
    <Page title={t('members.title')} description={t('members.description')}>
      <form className="card stack" onSubmit={invite} aria-label={t('members.add')}>
        <h2>{t('members.add')}</h2>
        <div className="form-grid">
          <TextField label={t('members.email')} type="email" dir="ltr" required value={email} onValue={setEmail} />
          <TextField label={t('members.name')} value={name} onValue={setName} />
          <RoleField value={role} onValue={setRole} />
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!email}>
            {t('members.addSubmit')}
          </button>
        </div>
      </form>
      <ErrorAlert error={error ?? list.error} />
      {created && (
        <Alert kind="success">
          {created.one_time_password ? (
            <SecretShownOnce message={t('members.oneTimePassword', { email: created.email })} secret={created.one_time_password} />
          ) : (
            t('members.added', { email: created.email })
          )}
        </Alert>
      )}
      <AccessList<Member>
        title={t('members.list')}
        rows={list.data?.items}
        exportName="members"
        columns={[
          { key: 'name', header: t('members.name'), value: (m) => m.name },
          { key: 'email', header: t('members.email'), value: (m) => m.email, render: (m) => <span dir="ltr">{m.email}</span> },
          roleColumn(t),
          { key: 'since', header: t('members.since'), kind: 'date', value: (m) => m.created_at },
          dangerActionColumn<Member>(t, { label: t('members.remove'), subject: (m) => m.email, hidden: (m) => m.id === me?.id, onClick: (m) => void remove(m) }),
        ]}
      />
    </Page>
  );
}
