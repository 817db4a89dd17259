import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ImportRun } from '@tajriba/contracts';
import { api, uploadFile } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Alert, ErrorAlert, ProgressBar } from '../components/feedback.tsx';
import { CheckboxField } from '../components/form.tsx';
import { ImportCounts, RowErrorsTable } from '../components/ImportResult.tsx';
import { Page, Section } from '../components/Page.tsx';
import { usePrefs } from '../i18n/index.tsx';
import { useApi } from '../use-api.ts';

type ImportStatus = ImportRun;

const POLL_MS = 500;

type Phase = { step: 'idle' } | { step: 'uploading'; sent: number } | { step: 'processing' | 'finished'; importId: number };

export default function ImportPage() {
  const { t, num } = usePrefs();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [createMissing, setCreateMissing] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [status, setStatus] = useState<ImportStatus>();
  const [error, setError] = useState<unknown>();
  const recent = useApi<{ items: ImportRun[] }>('/imports');

  const importId = phase.step === 'processing' || phase.step === 'finished' ? phase.importId : null;
  useEffect(() => {
    if (importId === null || phase.step !== 'processing') return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const s = await api<ImportStatus>(`/imports/${importId}`);
        if (stopped) return;
        setStatus(s);
        if (s.status === 'queued' || s.status === 'running') timer = setTimeout(poll, POLL_MS);
        else {
          setPhase({ step: 'finished', importId });
          recent.reload();
        }
      } catch (err) {
        if (!stopped) {
          setError(err);
          setPhase({ step: 'idle' });
        }
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- poll once per import id
  }, [importId, phase.step]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(undefined);
    setStatus(undefined);
    setPhase({ step: 'uploading', sent: 0 });
    try {
      const res = await uploadFile<{ import_id: number }>('/imports/interactions', file, {
        query: { create_missing: createMissing ? 1 : 0, file_name: file.name },
        contentType: 'text/csv',
        onProgress: (sent) => setPhase({ step: 'uploading', sent }),
      });
      setPhase({ step: 'processing', importId: res.import_id });
    } catch (err) {
      setError(err);
      setPhase({ step: 'idle' });
    }
  };

  const openImport = (id: number) => {
    setError(undefined);
    setStatus(undefined);
    setPhase({ step: 'processing', importId: id });
  };

  const processed = status ? Math.max(status.rows_committed ?? 0, status.accepted + status.duplicates + status.rejected) : 0;
  // total_rows is the server's pre-count of the file (an estimate when fields hold line breaks).
  const expectedRows = status?.total_rows ?? null;
  const busy = phase.step === 'uploading' || phase.step === 'processing';

  return (
    <Page title={t('import.title')} description={t('import.description')}>
      <form className="card stack" onSubmit={submit} aria-labelledby={`${fileId}-legend`}>
        <h2 id={`${fileId}-legend`}>{t('import.uploadTitle')}</h2>
        <div className="field">
          <label htmlFor={fileId}>{t('import.file')}</label>
          <input id={fileId} type="file" accept=".csv,text/csv" aria-describedby={`${fileId}-hint`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} disabled={busy} />
          <small id={`${fileId}-hint`} className="muted">
            {t('import.fileHint')} <code dir="ltr">external_id, beneficiary_id, service, channel, started_at, outcome</code>
            <br />
            {t('import.fileHintOptional')} <code dir="ltr">ended_at, branch, provider, stage, reason, employee_id, wait_seconds, attributes.*</code>
          </small>
        </div>
        <CheckboxField label={t('import.createMissing')} hint={t('import.createMissingHint')} checked={createMissing} onValue={setCreateMissing} />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!file || busy}>
            {t('import.upload')}
          </button>
        </div>
      </form>

      <ErrorAlert error={error} />

      {phase.step !== 'idle' && (
        <Section title={t('import.progressTitle')}>
          <div className="stack" data-testid="import-progress">
            <ProgressBar value={phase.step === 'uploading' ? phase.sent : 1} label={t('import.uploadProgress')} />
            {phase.step !== 'uploading' && (
              <ProgressBar
                value={phase.step === 'finished' ? 1 : expectedRows ? Math.min(1, processed / expectedRows) : null}
                label={expectedRows ? t('import.processedOf', { n: num(processed), total: num(expectedRows) }) : t('import.processed', { n: num(processed) })}
              />
            )}
            {status && <ImportCounts summary={status} />}
            {phase.step === 'finished' && status?.status === 'done' && (
              <Alert kind={status.rejected > 0 ? 'warning' : 'success'}>{status.rejected > 0 ? t('import.doneWithErrors') : t('import.done')}</Alert>
            )}
            {phase.step === 'finished' && status?.status === 'failed' && <Alert kind="error">{t('import.failed')}</Alert>}
            {status && status.errors.length > 0 && <RowErrorsTable errors={status.errors} exportName={`import-${status.import_id}-errors`} />}
          </div>
        </Section>
      )}

      <Section title={t('import.recent')}>
        <ErrorAlert error={recent.error} />
        <DataTable<ImportRun>
          caption={t('import.recent')}
          rows={recent.data?.items ?? []}
          rowKey={(r) => r.import_id}
          exportName="imports"
          emptyText={t('import.noImports')}
          columns={[
            { key: 'id', header: t('import.id'), kind: 'number', value: (r) => r.import_id, numberFormat: { useGrouping: false } },
            { key: 'at', header: t('import.startedAt'), kind: 'datetime', value: (r) => r.started_at },
            { key: 'file', header: t('import.fileName'), value: (r) => r.file_name, render: (r) => <span dir="auto">{r.file_name}</span> },
            { key: 'status', header: t('import.status'), value: (r) => statusLabel(r.status, t) },
            { key: 'accepted', header: t('import.accepted'), kind: 'number', value: (r) => r.accepted },
            { key: 'duplicates', header: t('import.duplicates'), kind: 'number', value: (r) => r.duplicates },
            { key: 'rejected', header: t('import.rejected'), kind: 'number', value: (r) => r.rejected },
            {
              key: 'open',
              header: t('common.actions'),
              value: () => null,
              sortable: false,
              exportable: false,
              render: (r) => (
                <button type="button" className="btn btn-small btn-secondary" onClick={() => openImport(r.import_id)} disabled={busy}>
                  {t('import.show')}
                </button>
              ),
            },
          ]}
        />
      </Section>
    </Page>
  );
}

function statusLabel(status: string, t: ReturnType<typeof usePrefs>['t']) {
  if (status === 'queued' || status === 'running' || status === 'done' || status === 'failed') return t(`import.status.${status}`);
  return status;
}
