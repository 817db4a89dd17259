import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { Alert, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { Section } from '../../components/Page.tsx';
import { usePrefs, type MessageKey } from '../../i18n/index.tsx';
import { useApi } from '../../use-api.ts';

type Item = Record<string, string | number>;

export interface ItemField {
  name: string;
  labelKey: MessageKey;
  dir: 'ltr' | 'rtl';
  wide?: boolean;
}

export interface ItemsEditorProps {
  title: string;
  /** GET returns {items}; PUT replaces them with {items}. */
  path: string;
  fields: ItemField[];
  /** Ordered lists (stages) get move buttons and a 1-based `position` on save. */
  ordered?: boolean;
  readOnly?: boolean;
  emptyKey: MessageKey;
}

/** Edits a small list saved as a whole (a service's stages or visit reasons). */
export function ItemsEditor({ title, path, fields, ordered, readOnly, emptyKey }: ItemsEditorProps) {
  const { t, num } = usePrefs();
  const loaded = useApi<{ items: Item[] }>(path);
  const [items, setItems] = useState<Item[]>([]);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!loaded.data) return;
    const list = [...loaded.data.items];
    if (ordered) list.sort((a, b) => Number(a.position) - Number(b.position));
    setItems(list);
    setDirty(false);
  }, [loaded.data, ordered]);

  const change = (next: Item[]) => {
    setItems(next);
    setDirty(true);
    setSaved(false);
  };
  const update = (i: number, field: string, v: string) => change(items.map((it, j) => (j === i ? { ...it, [field]: v } : it)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...items];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    change(next);
  };
  const add = () => change([...items, Object.fromEntries(fields.map((f) => [f.name, '']))]);

  const save = async () => {
    setError(undefined);
    try {
      const body = items.map((it, i) => (ordered ? { ...it, position: i + 1 } : it));
      await api(path, { method: 'PUT', body: { items: body } });
      setDirty(false);
      setSaved(true);
      loaded.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Section
      title={title}
      actions={
        !readOnly && (
          <>
            <button type="button" className="btn btn-secondary" onClick={add}>
              {t('common.addRow')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={!dirty}>
              {t('common.save')}
            </button>
          </>
        )
      }
    >
      <ErrorAlert error={error ?? loaded.error} />
      {saved && <Alert kind="success">{t('common.saved')}</Alert>}
      {loaded.loading && !loaded.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{t(emptyKey)}</p>
      ) : (
        <ol className="items-editor">
          {items.map((it, i) => (
            <li key={i} className="items-row">
              {ordered && <span className="items-pos" aria-hidden="true">{num(i + 1)}</span>}
              {fields.map((f) => (
                <label key={f.name} className={`field${f.wide ? ' field-wide' : ''}`}>
                  <span>{t(f.labelKey)}</span>
                  {f.wide ? (
                    <textarea dir={f.dir} rows={2} value={String(it[f.name] ?? '')} readOnly={readOnly} onChange={(e) => update(i, f.name, e.target.value)} />
                  ) : (
                    <input dir={f.dir} value={String(it[f.name] ?? '')} readOnly={readOnly} onChange={(e) => update(i, f.name, e.target.value)} />
                  )}
                </label>
              ))}
              {!readOnly && (
                <div className="row row-tight items-actions">
                  {ordered && (
                    <>
                      <button type="button" className="btn btn-small btn-secondary" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('common.moveUp', { n: num(i + 1) })}>
                        ↑
                      </button>
                      <button type="button" className="btn btn-small btn-secondary" onClick={() => move(i, 1)} disabled={i === items.length - 1} aria-label={t('common.moveDown', { n: num(i + 1) })}>
                        ↓
                      </button>
                    </>
                  )}
                  <button type="button" className="btn btn-small btn-danger" onClick={() => change(items.filter((_, j) => j !== i))} aria-label={t('common.removeRow', { n: num(i + 1) })}>
                    {t('common.remove')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
