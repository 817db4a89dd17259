import { useMemo } from 'react';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { useApi } from '../../use-api.ts';
import {
  formatKpi, KpiFigureCard, kpiLabel, PeriodAndService, reportPdfUrl, useDashT, usePeriodFilter, type Overview,
} from './dash-common.tsx';

type Hurt = Overview['hurts'][number];
const TREND_KPIS = ['completion_rate', 'fcr', 'repeat_contact_rate', 'digital_take_up', 'csat'] as const;

/** /overview: each KPI vs target with trend, n, CI and flags; where it hurts most; the PDF board report. */
export default function OverviewPage() {
  const prefs = useDashT();
  const { d, num, name } = prefs;
  const f = usePeriodFilter();
  const { from, to } = f.period;
  const q = { from, to, ...(f.service ? { service: f.service } : {}) };
  const o = useApi<Overview>('/dashboards/overview', { query: q });

  const trend = useMemo(() => {
    const kpis = (o.data?.kpis ?? []).filter((k) => (TREND_KPIS as readonly string[]).includes(k.kpi));
    const buckets = kpis[0]?.trend.map((x) => x.bucket) ?? [];
    return {
      legend: { top: 0 },
      tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => (typeof v === 'number' ? prefs.pct(v) : '—') },
      grid: { left: 56, right: 24, top: 48, bottom: 32 },
      xAxis: { type: 'category' as const, data: buckets },
      yAxis: { type: 'value' as const, min: 0, max: 1, axisLabel: { formatter: (v: number) => prefs.pct(v, 0) } },
      series: kpis.map((k) => ({ type: 'line' as const, name: kpiLabel(k.kpi, prefs), connectNulls: false, data: k.trend.map((x) => x.value) })),
    };
  }, [o.data, prefs]);

  const hurtColumns: Column<Hurt>[] = [
    { key: 'dimension', header: d('dimension'), value: (h) => d(`dim.${h.dimension}`) },
    { key: 'group', header: d('group'), value: (h) => name(h) },
    { key: 'kpi', header: d('kpi'), value: (h) => kpiLabel(h.kpi, prefs) },
    { key: 'value', header: d('value'), value: (h) => h.value, render: (h) => formatKpi(h.kpi, h.value, prefs) },
    { key: 'target', header: d('target'), value: (h) => h.target, render: (h) => `${h.comparator === '>=' ? '≥' : '≤'} ${formatKpi(h.kpi, h.target, prefs)}` },
    { key: 'n', header: 'n', value: (h) => h.n, kind: 'number' },
    { key: 'score', header: d('score'), value: (h) => h.score, kind: 'number', numberFormat: { maximumFractionDigits: 1 } },
  ];

  return (
    <Page
      title={d('overview.title')} description={d('overview.description')}
      actions={<a className="btn btn-secondary" href={reportPdfUrl(from, to, f.service)} download>{d('pdf')}</a>}
    >
      <PeriodAndService f={f} />
      {o.error ? <ErrorAlert error={o.error} /> : null}
      {o.loading && !o.data ? <Loading /> : null}
      {o.data && (
        <>
          <p className="muted">{d('volumes', Object.fromEntries(Object.entries(o.data.volumes).map(([k, v]) => [k, num(v)])))}</p>
          <div className="kpi-grid">
            {o.data.kpis.map((k) => (
              <KpiFigureCard
                key={k.kpi} k={k} minN={o.data!.min_n}
                note={k.previous.value === null ? undefined : `${d('previous', { v: formatKpi(k.kpi, k.previous.value, prefs) })}${k.change?.significant ? ` · ${d('significant')}` : ''}`}
              />
            ))}
          </div>
          <Section title={d('trend')}>
            <EChart option={trend} ariaLabel={d('trend')} height={300} />
          </Section>
          <Section title={d('hurts')}>
            <p className="muted">{d('hurtsHint')}</p>
            <DataTable
              columns={hurtColumns} rows={o.data.hurts} rowKey={(h) => `${h.dimension}-${h.id}-${h.kpi}`} caption={d('hurts')}
              exportName={`where-it-hurts-${from}-${to}`} emptyText={d('noHurts')} initialSort={{ key: 'score', dir: 'desc' }}
            />
          </Section>
        </>
      )}
    </Page>
  );
}
