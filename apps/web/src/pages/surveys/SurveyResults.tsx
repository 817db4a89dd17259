import { useState } from 'react';
import { DataTable } from '../../components/DataTable.tsx';
import { EChart, CHART_COLORS } from '../../components/EChart.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { SelectField } from '../../components/form.tsx';
import { KpiCard } from '../../components/KpiCard.tsx';
import { Section } from '../../components/Page.tsx';
import { currentHijriMonth, PeriodPicker, type Period } from '../../components/PeriodPicker.tsx';
import { useAgencyTimeZone } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { useSurveyT, type SurveyDto } from './strings.ts';

interface Row {
  key: string; name_ar: string; name_en: string; invited: number | null; completed: number | null; response_rate: number | null;
  n: number; csat: number | null; csat_low: number | null; csat_high: number | null; mean: number | null; distribution: number[]; suppressed: boolean; low_n: boolean;
}
interface Results { total: Row; rows: Row[]; suppressions: { reason: string; n: number }[]; from: string; to: string }

const GROUPS = ['service', 'branch', 'channel', 'provider', 'driver', 'component', 'question'] as const;

/** KPIs, CSAT by group with its Wilson interval, the 1–5 distribution and suppression counts. */
export function SurveyResults({ survey }: { survey: SurveyDto }) {
  const { s, sk, name, num, pct } = useSurveyT();
  const zone = useAgencyTimeZone();
  const [period, setPeriod] = useState<Period>(() => currentHijriMonth(zone));
  const [by, setBy] = useState<(typeof GROUPS)[number]>('branch');
  const r = useApi<Results>(`/surveys/${encodeURIComponent(survey.code)}/results`, { query: { from: period.from, to: period.to, group_by: by } });
  const rows = r.data?.rows ?? [];
  const t = r.data?.total;
  const shown = rows.filter((x) => !x.suppressed);
  return (
    <div className="stack">
      <div className="row">
        <PeriodPicker value={period} onChange={setPeriod} />
        <SelectField label={s('groupBy')} value={by} onValue={(v) => setBy(v as typeof by)} options={GROUPS.map((g) => ({ value: g, label: s(`by.${g}`) }))} />
      </div>
      <ErrorAlert error={r.error} />
      {r.loading && !r.data && <Loading />}
      {t && (
        <div className="kpi-grid">
          <KpiCard label={s('csat')} value={t.csat} n={t.n} format="percent" ci={t.csat_low !== null && t.csat_high !== null ? [t.csat_low, t.csat_high] : undefined} />
          <KpiCard label={s('responseRate')} value={t.response_rate} n={t.invited ?? 0} format="percent" />
          <KpiCard label={s('mean')} value={t.mean} n={t.n} formatValue={(v) => num(v, { maximumFractionDigits: 2 })} />
          <KpiCard label={s('completed')} value={t.completed} n={t.invited ?? 0} format="number" />
        </div>
      )}
      {shown.length > 0 && (
        <Section title={s('csatByGroup')}>
          <EChart
            ariaLabel={s('csatByGroup')}
            height={Math.max(220, shown.length * 34 + 60)}
            option={{
              grid: { left: 8, right: 24, top: 10, bottom: 24, containLabel: true },
              xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } },
              yAxis: { type: 'category', data: shown.map((x) => name(x)), inverse: true },
              tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Number(v), 1) },
              series: [
                { type: 'bar', name: s('csat'), data: shown.map((x) => x.csat), itemStyle: { color: CHART_COLORS[0] } },
                // The Wilson interval as a thin floating bar: transparent base to `low`, then `high − low`.
                { type: 'bar', stack: 'ci', silent: true, data: shown.map((x) => x.csat_low), itemStyle: { color: 'transparent' }, barWidth: 4, tooltip: { show: false } },
                { type: 'bar', stack: 'ci', name: '95%', data: shown.map((x) => (x.csat_high ?? 0) - (x.csat_low ?? 0)), itemStyle: { color: '#1b1f24' }, barWidth: 4 },
              ],
            }}
          />
        </Section>
      )}
      {rows.length > 0 && (
        <Section title={s('distribution')}>
          <EChart
            ariaLabel={s('distribution')}
            height={Math.max(220, rows.length * 30 + 80)}
            option={{
              grid: { left: 8, right: 24, top: 30, bottom: 24, containLabel: true },
              legend: { top: 0 },
              xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } },
              yAxis: { type: 'category', data: rows.map((x) => name(x)), inverse: true },
              tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Number(v), 1) },
              series: [0, 1, 2, 3, 4].map((i) => ({
                type: 'bar', stack: 'd', name: String(i + 1),
                data: rows.map((x) => (x.n ? x.distribution[i] / x.n : 0)),
                itemStyle: { color: ['#9b2c2c', '#dd6b20', '#a0aec0', '#68a98a', '#0b6e4f'][i] },
              })),
            }}
          />
        </Section>
      )}
      <DataTable<Row>
        caption={s('tabResults')}
        rows={rows}
        rowKey={(x) => x.key}
        exportName={`survey-${survey.code}-results-${by}`}
        columns={[
          { key: 'group', header: s(`by.${by}`), value: (x) => name(x) },
          { key: 'n', header: s('n'), value: (x) => x.n, kind: 'number' },
          { key: 'csat', header: s('csat'), value: (x) => x.csat, kind: 'percent' },
          { key: 'low', header: s('ciLow'), value: (x) => x.csat_low, kind: 'percent' },
          { key: 'high', header: s('ciHigh'), value: (x) => x.csat_high, kind: 'percent' },
          { key: 'mean', header: s('mean'), value: (x) => x.mean, kind: 'number', numberFormat: { maximumFractionDigits: 2 } },
          { key: 'invited', header: s('invited'), value: (x) => x.invited, kind: 'number' },
          { key: 'rate', header: s('responseRate'), value: (x) => x.response_rate, kind: 'percent' },
          { key: 'dist', header: s('distribution'), value: (x) => x.distribution.join(' / ') },
        ]}
      />
      {r.data && r.data.suppressions.length > 0 && (
        <DataTable<{ reason: string; n: number }>
          caption={s('suppressed')}
          showCaption
          rows={r.data.suppressions}
          rowKey={(x) => x.reason}
          exportName={false}
          columns={[
            { key: 'reason', header: s('reason'), value: (x) => sk(`reason.${x.reason}`) },
            { key: 'n', header: s('n'), value: (x) => x.n, kind: 'number' },
          ]}
        />
      )}
    </div>
  );
}
