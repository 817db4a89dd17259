import { api } from '../../api.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/form.tsx';
import { Section } from '../../components/Page.tsx';
import { usePrefs, type Prefs } from '../../i18n/index.tsx';
import { ROLES, roleKey } from './roles.ts';

// What the members and API-key pages share: both grant a role, show a secret once and revoke rows.

/** The role picker of the invite and API-key forms. */
export function RoleField({ value, onValue }: { value: string; onValue: (v: string) => void }) {
  const { t } = usePrefs();
  return <SelectField label={t('members.role')} value={value} onValue={onValue} options={ROLES.map((r) => ({ value: r, label: t(roleKey(r)!) }))} />;
}

/** The role column: the role's name, or the raw value for a role this UI does not know. */
export function roleColumn<R extends { role: string }>(t: Prefs['t']): Column<R> {
  return { key: 'role', header: t('members.role'), value: (r) => (roleKey(r.role) ? t(roleKey(r.role)!) : r.role) };
}

/** An actions column with one danger button per row (none where `hidden`), named after its row for screen readers. */
export function dangerActionColumn<R>(t: Prefs['t'], opts: { label: string; subject: (r: R) => string; hidden: (r: R) => boolean; onClick: (r: R) => void }): Column<R> {
  return {
    key: 'actions',
    header: t('common.actions'),
    value: () => null,
    sortable: false,
    exportable: false,
    render: (r) =>
      opts.hidden(r) ? null : (
        <button type="button" className="btn btn-small btn-danger" onClick={() => opts.onClick(r)} aria-label={`${opts.label} ${opts.subject(r)}`}>
          {opts.label}
        </button>
      ),
  };
}

/** The page's list (members or keys) under its heading, named by the same title, with CSV export. */
export function AccessList<R extends { id: number }>(props: { title: string; rows: R[] | undefined; exportName: string; columns: Column<R>[] }) {
  return (
    <Section title={props.title}>
      <DataTable<R> caption={props.title} rows={props.rows ?? []} rowKey={(r) => r.id} exportName={props.exportName} columns={props.columns} />
    </Section>
  );
}

/** A secret the server returns only once: what it is, the value to copy, and that it will not be shown again. */
export function SecretShownOnce({ message, secret, testId }: { message: string; secret: string; testId?: string }) {
  const { t } = usePrefs();
  return (
    <div className="stack">
      <span>{message}</span>
      <div className="row">
        <code className="secret" dir="ltr" data-testid={testId}>{secret}</code>
        <CopyButton text={secret} />
      </div>
      <small>{t('common.shownOnce')}</small>
    </div>
  );
}

/** Asks first, then DELETEs `path`: reloads the list when done, hands any error to `onError`. */
export async function deleteAfterConfirm(question: string, path: string, reload: () => void, onError: (err: unknown) => void) {
  if (!window.confirm(question)) return;
  try {
    await api(path, { method: 'DELETE' });
    reload();
  } catch (err) {
    onError(err);
  }
}
