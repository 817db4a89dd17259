import { useId, useRef, useState } from 'react';
import type { ImportSummary } from '@tajriba/contracts';
import { api, ApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { ImportCounts, RowErrorsTable } from '../../components/ImportResult.tsx';
import { usePrefs } from '../../i18n/index.tsx';

/** "Import CSV" button for the catalog file (same columns as the export). */
export function CatalogImport({ onDone }: { onDone: () => void }) {
  const { t } = usePrefs();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<ImportSummary>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api<ImportSummary>('/catalog/import', { method: 'POST', raw: { data: file, contentType: 'text/csv' } }));
      onDone();
    } catch (err) {
      setError(err);
      // 422: nothing was imported; the answer still lists every row error.
      const payload = err instanceof ApiError ? (err.payload as Partial<ImportSummary> | undefined) : undefined;
      if (payload?.errors) setResult(payload as ImportSummary);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <label htmlFor={inputId} className={`btn btn-secondary${busy ? ' disabled' : ''}`}>
        {busy ? t('common.uploading') : t('catalog.importCsv')}
      </label>
      <input id={inputId} ref={input} type="file" accept=".csv,text/csv" className="visually-hidden" onChange={(e) => void upload(e.target.files?.[0])} disabled={busy} />
      {(error || result) && (
        <div className="popover card stack" role="dialog" aria-label={t('catalog.importResult')}>
          <ErrorAlert error={error} />
          {result && (
            <>
              <ImportCounts summary={result} />
              {result.errors.length > 0 && <RowErrorsTable errors={result.errors} exportName="catalog-import-errors" />}
            </>
          )}
          <button type="button" className="btn btn-secondary" onClick={() => (setResult(undefined), setError(undefined))}>
            {t('common.close')}
          </button>
        </div>
      )}
    </>
  );
}
