import { useMemo, useState, type ReactNode } from 'react';
import { usePrefs } from '../i18n/index.tsx';
import { DualDate } from './DualDate.tsx';
import { downloadText, toCsv } from './csv.ts';

export type CellValue = string | number | boolean | null | undefined;

export interface Column<T> {
  key: string;
  header: string;
  /** The raw value: drives sorting, number/date formatting and the CSV export. */
  value: (row: T) => CellValue;
  /** Custom cell content; value() still drives sorting and CSV. */
  render?: (row: T) => ReactNode;
  /** number/percent (0–1 fraction) are formatted per locale and aligned to the end. */
  kind?: 'text' | 'number' | 'percent' | 'date' | 'datetime';
  numberFormat?: Intl.NumberFormatOptions;
  /** Default true. */
  sortable?: boolean;
  /** Default true; false for action buttons. */
  exportable?: boolean;
}

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** Accessible name of the table (visually hidden unless showCaption). */
  caption: string;
  showCaption?: boolean;
  /** CSV file name without extension; false hides the export button. */
  exportName?: string | false;
  emptyText?: string;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
}

type Sort = { key: string; dir: 'asc' | 'desc' } | null;

/** A semantic, sortable table with locale number formatting, an empty state and CSV export of the rows shown. */
export function DataTable<T>({ columns, rows, rowKey, caption, showCaption, exportName, emptyText, initialSort }: DataTableProps<T>) {
  const { t, num, pct, lang } = usePrefs();
  const [sort, setSort] = useState<Sort>(initialSort ?? null);

  const sorted = useMemo(() => {
    const col = sort && columns.find((c) => c.key === sort.key);
    if (!col) return rows;
    const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
    const sign = sort.dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const va = col.value(a);
      const vb = col.value(b);
      if (va === vb) return 0;
      if (va === null || va === undefined || va === '') return 1; // empty values last either way
      if (vb === null || vb === undefined || vb === '') return -1;
      if (typeof va === 'number' && typeof vb === 'number') return (va - vb) * sign;
      return collator.compare(String(va), String(vb)) * sign;
    });
  }, [rows, columns, sort, lang]);

  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));

  const exportCsv = () => {
    const cols = columns.filter((c) => c.exportable !== false);
    downloadText(
      `${exportName || 'table'}.csv`,
      toCsv(
        cols.map((c) => c.header),
        sorted.map((r) => cols.map((c) => c.value(r))),
      ),
    );
  };

  const cell = (c: Column<T>, r: T): ReactNode => {
    if (c.render) return c.render(r);
    const v = c.value(r);
    if (c.kind === 'number' && typeof v === 'number') return num(v, c.numberFormat);
    if (c.kind === 'percent' && typeof v === 'number') return pct(v);
    if ((c.kind === 'date' || c.kind === 'datetime') && (typeof v === 'string' || typeof v === 'number')) {
      return <DualDate value={v} style={c.kind} />;
    }
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    return v ?? '';
  };

  const numeric = (c: Column<T>) => c.kind === 'number' || c.kind === 'percent';

  return (
    <div className="table-wrap">
      {exportName !== false && rows.length > 0 && (
        <div className="table-tools">
          <button type="button" className="btn btn-secondary btn-small" onClick={exportCsv}>
            {t('table.exportCsv')}
          </button>
        </div>
      )}
      <div className="table-scroll">
        <table className="data-table">
          <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = sort?.key === c.key;
                const ariaSort = active ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : undefined;
                return (
                  <th key={c.key} scope="col" aria-sort={ariaSort} className={numeric(c) ? 'num' : undefined}>
                    {c.sortable === false ? (
                      c.header
                    ) : (
                      <button type="button" className="sort-btn" onClick={() => toggle(c.key)}>
                        {c.header}
                        <span aria-hidden="true" className="sort-icon">
                          {active ? (sort!.dir === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {emptyText ?? t('table.empty')}
                </td>
              </tr>
            ) : (
              sorted.map((r) => (
                <tr key={rowKey(r)}>
                  {columns.map((c) => (
                    <td key={c.key} className={numeric(c) ? 'num' : undefined}>
                      {cell(c, r)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
