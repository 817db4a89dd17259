import { useMemo, useState } from 'react';
import type { CompareDimension, KpiCode } from '@tajriba/contracts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { SelectField } from '../../components/form.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { PeriodPicker, type Period } from '../../components/PeriodPicker.tsx';
import { addDays, daysIn } from '../../periods.ts';
import { useApi } from '../../use-api.ts';
import {
  formatKpi, kpiLabel, PeriodAndService, useDashT, usePeriodFilter, type Comparison, type PeriodComparison,
} from '../overview/dash-common.tsx';

type Row = Comparison['rows'][number];
type PeriodRow = PeriodComparison['kpis'][number];
const STATUS_COLOR: Record<string, string | undefined> = { green: '#1a7f37', amber: '#975a16', red: '#c53030', none: undefined };
const DIMENSIONS: CompareDimension[] = ['branch', 'provider', 'service', 'channel'];
const TABLE_KPIS: KpiCode[] = ['completion_rate', 'fcr', 'repeat_contact_rate', 'digital_take_up', 'csat', 'abandonment_rate', 'mean_wait_seconds'];

/** /compare: branches, providers (in-house and outsourced alike), services or channels on the same KPIs; two periods tested. */
export default function ComparePage() {
  const prefs = useDashT();
  const { d, name, num } = prefs;
  const f = usePeriodFilter();
  const [dimension, setDimension] = useState<CompareDimension>('branch');
  const [chartKpi, setChartKpi] = useState<KpiCode>('repeat_contact_rate');
  const len = daysIn(f.period);
  const [base, setBase] = useState<Period | null>(null);
  const basePeriod: Period = base ?? { kind: 'custom', from: addDays(f.period.from, -len), to: addDays(f.period.from, -1) };
  const svc = f.service ? { service: f.service } : {};
  const c = useApi<Comparison>('/dashboards/compare', { query: { from: f.period.from, to: f.period.to, dimension, ...svc } });
  const p = useApi<PeriodComparison>('/dashboards/periods', { query: { from: f.period.from, to: f.period.to, base_from: basePeriod.from, base_to: basePeriod.to, ...svc } });

  const fig = (r: Row, kpi: KpiCode) => r.kpis.find((k) => k.kpi === kpi)!;
  const columns: Column<Row>[] = [
    { key: 'group', header: d('group'), value: (r) => name(r) },
    ...(dimension === 'provider' ? [{ key: 'kind', header: d('kind'), value: (r: Row) => (r.extra === 'third_party' ? d('thirdParty') : d('inHouse')) }] : []),
    { key: 'contacts', header: d('contacts'), value: (r) => r.volumes.contacts, kind: 'number' as const },
    { key: 'journeys', header: d('journeys'), value: (r) => r.volumes.journeys, kind: 'number' as const },
    ...TABLE_KPIS.map((kpi): Column<Row> => ({
      key: kpi, header: kpiLabel(kpi, prefs), value: (r) => fig(r, kpi).value,
      render: (r) => {
        const k = fig(r, kpi);
        const star = k.vs_rest?.significant ? ' *' : '';
        return <span className={k.low_n ? 'muted' : undefined} style={{ color: STATUS_COLOR[k.status] }} title={`n = ${num(k.n)}${k.low_n ? ` < ${c.data?.min_n}` : ''}`}>{k.suppressed ? '—' : formatKpi(kpi, k.value, prefs)}{star}{k.low_n && !k.suppressed ? ' ⚑' : ''}</span>;
      },
    })),
  ];

  const chart = useMemo(() => {
    const rows = c.data?.rows ?? [];
    const figs = rows.map((r) => fig(r, chartKpi));
    const rate = kpiLabel(chartKpi, prefs);
    return {
      tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => formatKpi(chartKpi, v as number | null, prefs) },
      grid: { left: 140, right: 24, top: 16, bottom: 24 },
      yAxis: { type: 'category' as const, data: rows.map((r) => name(r)), inverse: true },
      xAxis: { type: 'value' as const, axisLabel: { formatter: (v: number) => formatKpi(chartKpi, v, prefs) } },
      series: [{
        type: 'bar' as const, name: rate,
        data: figs.map((k) => ({ value: k.value, itemStyle: { color: STATUS_COLOR[k.status] ?? '#2b6cb0', opacity: k.low_n ? 0.45 : 1 } })),
      }],
    };
  }, [c.data, chartKpi, prefs, name]);

  const periodColumns: Column<PeriodRow>[] = [
    { key: 'kpi', header: d('kpi'), value: (r) => kpiLabel(r.kpi, prefs) },
    { key: 'current', header: d('current'), value: (r) => r.current.value, render: (r) => `${formatKpi(r.kpi, r.current.value, prefs)} (n=${num(r.current.n)})` },
    { key: 'base', header: d('basePeriod'), value: (r) => r.base.value, render: (r) => `${formatKpi(r.kpi, r.base.value, prefs)} (n=${num(r.base.n)})` },
    { key: 'diff', header: d('diff'), value: (r) => r.test?.diff, kind: 'percent' },
    { key: 'ci', header: d('ci'), value: (r) => (r.test?.ci_low == null ? null : `${prefs.pct(r.test.ci_low)} – ${prefs.pct(r.test.ci_high)}`) },
    { key: 'p', header: d('pValue'), value: (r) => r.test?.p_value, render: (r) => (r.test?.p_value == null ? '—' : r.test.p_value < 0.0001 ? `< ${num(0.0001, { maximumFractionDigits: 4 })}` : num(r.test.p_value, { maximumFractionDigits: 4 })) },
    { key: 'sig', header: d('significant'), value: (r) => (r.test?.significant ? d('yes') : '') },
  ];

  return (
    <Page title={d('compare.title')} description={d('compare.description')}>
      <PeriodAndService f={f} />
      <div className="row filters">
        <SelectField label={d('dimension')} value={dimension} onValue={(v) => setDimension(v as CompareDimension)} options={DIMENSIONS.map((x) => ({ value: x, label: d(`dim.${x}`) }))} />
        <SelectField label={d('kpi')} value={chartKpi} onValue={(v) => setChartKpi(v as KpiCode)} options={TABLE_KPIS.map((k) => ({ value: k, label: kpiLabel(k, prefs) }))} />
      </div>
      {c.error ? <ErrorAlert error={c.error} /> : null}
      {c.loading && !c.data ? <Loading /> : null}
      {c.data && (
        <Section title={d(`dim.${dimension}`)}>
          <EChart option={chart} ariaLabel={kpiLabel(chartKpi, prefs)} height={Math.max(160, 40 * c.data.rows.length + 40)} />
          <DataTable columns={columns} rows={c.data.rows} rowKey={(r) => r.id} caption={d(`dim.${dimension}`)} exportName={`compare-${dimension}-${f.period.from}-${f.period.to}`} />
          {c.data.suppressed_groups > 0 && <p className="muted">{d('suppressedGroups', { n: num(c.data.suppressed_groups) })}</p>}
        </Section>
      )}
      <Section title={d('periods')}>
        <PeriodPicker value={basePeriod} onChange={setBase} label={d('basePeriod')} />
        {p.error ? <ErrorAlert error={p.error} /> : null}
        {p.data && <DataTable columns={periodColumns} rows={p.data.kpis} rowKey={(r) => r.kpi} caption={d('periods')} exportName={`periods-${f.period.from}-${basePeriod.from}`} />}
      </Section>
    </Page>
  );
}
