import { useState, type FormEvent } from 'react';
import type { CatalogKind } from '@tajriba/contracts';
import { api, ApiError, errorText } from '../../api.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { SelectField, TextField } from '../../components/form.tsx';
import { usePrefs } from '../../i18n/index.tsx';
import { KINDS, type CatalogRecord, type FieldDef } from './kinds.ts';

export interface EntityFormProps {
  kind: CatalogKind;
  initial: CatalogRecord;
  /** edit: PUT to the record's code (which cannot change); create: POST. */
  mode: 'create' | 'edit';
  providers: CatalogRecord[];
  onSaved: () => void;
  onCancel: () => void;
}

/** Create/edit form for one catalog record, built from the kind's field list. */
export function EntityForm({ kind, initial, mode, providers, onSaved, onCancel }: EntityFormProps) {
  const { t, name, lang } = usePrefs();
  const [values, setValues] = useState<CatalogRecord>(initial);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const def = KINDS[kind];
  const errorField = error instanceof ApiError ? error.field : undefined;

  const set = (field: string, v: string | null) => setValues((cur) => ({ ...cur, [field]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'create') await api(`/catalog/${kind}`, { method: 'POST', body: values });
      else await api(`/catalog/${kind}/${encodeURIComponent(initial.code)}`, { method: 'PUT', body: values });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const input = (f: FieldDef) => {
    const common = { label: t(f.labelKey), required: f.required, error: errorField === f.name ? errorText(error, lang) : undefined };
    if (f.options) {
      const opts =
        f.options === 'providers'
          ? [{ value: '', label: t('catalog.inHouse') }, ...providers.map((p) => ({ value: p.code, label: `${name(p)} (${p.code})` }))]
          : f.options.map((o) => ({ value: o.value, label: t(o.labelKey) }));
      return <SelectField key={f.name} {...common} options={opts} value={String(values[f.name] ?? '')} onValue={(v) => set(f.name, f.options === 'providers' && v === '' ? null : v)} />;
    }
    return (
      <TextField
        key={f.name}
        {...common}
        dir={f.dir}
        value={String(values[f.name] ?? '')}
        onValue={(v) => set(f.name, v)}
        readOnly={mode === 'edit' && f.name === 'code'}
        hint={f.name === 'code' ? t('catalog.codeHint') : undefined}
      />
    );
  };

  return (
    <form className="card stack" onSubmit={submit} aria-label={t(mode === 'create' ? 'catalog.createTitle' : 'catalog.editTitle', { what: t(def.singularKey) })}>
      <h2>{t(mode === 'create' ? 'catalog.createTitle' : 'catalog.editTitle', { what: t(def.singularKey) })}</h2>
      <ErrorAlert error={error} />
      <div className="form-grid">{def.fields.map(input)}</div>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
