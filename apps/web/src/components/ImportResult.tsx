import type { ImportSummary, RowError } from '@tajriba/contracts';
import { usePrefs } from '../i18n/index.tsx';
import { DataTable } from './DataTable.tsx';

/** Accepted / duplicates / rejected counters of any file import (catalog, interactions, calls). */
export function ImportCounts({ summary }: { summary: Pick<ImportSummary, 'accepted' | 'duplicates' | 'rejected'> & { rows_committed?: number } }) {
  const { t, num } = usePrefs();
  const items = [
    { key: 'accepted', label: t('import.accepted'), value: summary.accepted, cls: 'ok' },
    { key: 'duplicates', label: t('import.duplicates'), value: summary.duplicates, cls: 'neutral' },
    { key: 'rejected', label: t('import.rejected'), value: summary.rejected, cls: summary.rejected > 0 ? 'bad' : 'neutral' },
  ];
  return (
    <dl className="counts" aria-live="polite">
      {items.map((i) => (
        <div key={i.key} className={`count count-${i.cls}`} data-count={i.key}>
          <dt>{i.label}</dt>
          <dd>{num(i.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Row errors of an import: row number, field and the message in the UI language. */
export function RowErrorsTable({ errors, exportName = 'import-errors' }: { errors: RowError[]; exportName?: string }) {
  const { t, lang } = usePrefs();
  return (
    <DataTable
      caption={t('import.rowErrors')}
      showCaption
      rows={errors.map((e, i) => ({ ...e, i }))}
      rowKey={(e) => e.i}
      exportName={exportName}
      emptyText={t('import.noErrors')}
      initialSort={{ key: 'row', dir: 'asc' }}
      columns={[
        { key: 'row', header: t('import.row'), kind: 'number', value: (e) => e.row, numberFormat: { useGrouping: false } },
        { key: 'field', header: t('import.field'), value: (e) => e.field ?? '', render: (e) => (e.field ? <code dir="ltr">{e.field}</code> : '—') },
        { key: 'code', header: t('import.code'), value: (e) => e.code, render: (e) => <code dir="ltr">{e.code}</code> },
        { key: 'message', header: t('import.message'), value: (e) => (lang === 'ar' ? e.message_ar : e.message_en) },
      ]}
    />
  );
}
