import { useState, type FormEvent } from 'react';
import type { Agency } from '@tajriba/contracts';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Alert, ErrorAlert } from '../components/feedback.tsx';
import { TextField } from '../components/form.tsx';
import { Page, Section } from '../components/Page.tsx';
import { usePrefs } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';

/** Superadmins list and create agencies (tenants). */
export default function AgenciesPage() {
  const { t } = usePrefs();
  const { agencies, refresh, selectAgency } = useSession();
  const [form, setForm] = useState({ slug: '', name_ar: '', name_en: '', timezone: 'Asia/Riyadh' });
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const a = await api<Agency>('/agencies', { method: 'POST', body: form, agency: false });
      await refresh();
      setCreated(a.slug);
      setForm({ slug: '', name_ar: '', name_en: '', timezone: form.timezone });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Page title={t('agencies.title')} description={t('agencies.description')}>
      <form className="card stack" onSubmit={create} aria-label={t('agencies.create')}>
        <h2>{t('agencies.create')}</h2>
        <div className="form-grid">
          <TextField label={t('agencies.slug')} dir="ltr" required value={form.slug} onValue={set('slug')} hint={t('agencies.slugHint')} pattern="[a-z0-9][a-z0-9-]{1,39}" />
          <TextField label={t('catalog.field.nameAr')} dir="rtl" required value={form.name_ar} onValue={set('name_ar')} />
          <TextField label={t('catalog.field.nameEn')} dir="ltr" required value={form.name_en} onValue={set('name_en')} />
          <TextField label={t('agencies.timezone')} dir="ltr" required value={form.timezone} onValue={set('timezone')} hint={t('agencies.timezoneHint')} />
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!form.slug || !form.name_ar || !form.name_en}>
            {t('agencies.createSubmit')}
          </button>
        </div>
      </form>
      <ErrorAlert error={error} />
      {created && (
        <Alert kind="success">
          {t('agencies.created', { slug: created })}{' '}
          <button type="button" className="btn btn-small btn-secondary" onClick={() => selectAgency(created)}>
            {t('agencies.switchTo')}
          </button>
        </Alert>
      )}
      <Section title={t('agencies.list')}>
        <DataTable<Agency>
          caption={t('agencies.list')}
          rows={agencies}
          rowKey={(a) => a.slug}
          exportName="agencies"
          columns={[
            { key: 'slug', header: t('agencies.slug'), value: (a) => a.slug, render: (a) => <code dir="ltr">{a.slug}</code> },
            { key: 'name_ar', header: t('catalog.field.nameAr'), value: (a) => a.name_ar },
            { key: 'name_en', header: t('catalog.field.nameEn'), value: (a) => a.name_en, render: (a) => <span dir="ltr">{a.name_en}</span> },
            { key: 'tz', header: t('agencies.timezone'), value: (a) => a.timezone, render: (a) => <span dir="ltr">{a.timezone}</span> },
          ]}
        />
      </Section>
    </Page>
  );
}
