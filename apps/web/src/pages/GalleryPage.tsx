import { useMemo, useState } from 'react';
import { DataTable } from '../components/DataTable.tsx';
import { EChart } from '../components/EChart.tsx';
import { KpiCard } from '../components/KpiCard.tsx';
import { Page, Section } from '../components/Page.tsx';
import { currentHijriMonth, PeriodPicker, type Period } from '../components/PeriodPicker.tsx';
import { formatCalendarDate } from '../format.ts';
import { usePrefs } from '../i18n/index.tsx';
import { addDays } from '../periods.ts';
import { useAgencyTimeZone } from '../session.tsx';

// Illustrative figures only: this page shows the shared components for people building screens.
const SAMPLE = [
  { branch: 'الرياض', branch_en: 'Riyadh', csat: 0.912, n: 1840 },
  { branch: 'جدة', branch_en: 'Jeddah', csat: 0.874, n: 1322 },
  { branch: 'الدمام', branch_en: 'Dammam', csat: 0.951, n: 611 },
  { branch: 'أبها', branch_en: 'Abha', csat: 0.8, n: 24 },
];

/** /dev/components: every shared component with sample data (not in the menu). */
export default function GalleryPage() {
  const prefs = usePrefs();
  const { t, lang } = prefs;
  const zone = useAgencyTimeZone();
  const [period, setPeriod] = useState<Period>(() => currentHijriMonth(zone));
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => addDays(period.from, i)), [period.from]);
  const label = (r: (typeof SAMPLE)[number]) => (lang === 'ar' ? r.branch : r.branch_en);

  const line = useMemo(
    () => ({
      grid: { left: 48, right: 24, top: 24, bottom: 32 },
      xAxis: { type: 'category' as const, data: days.map((d) => formatCalendarDate(d, 'islamic-umalqura', prefs, 'UTC', 'date')) },
      yAxis: { type: 'value' as const, min: 0.7, max: 1, axisLabel: { formatter: (v: number) => prefs.pct(v, 0) } },
      tooltip: { trigger: 'axis' as const },
      series: [{ type: 'line' as const, name: t('gallery.csat'), data: [0.86, 0.88, 0.9, 0.87, 0.91, 0.93, 0.92] }],
    }),
    [days, prefs, t],
  );
  const bars = useMemo(
    () => ({
      grid: { left: 80, right: 80, top: 16, bottom: 32 },
      yAxis: { type: 'category' as const, data: SAMPLE.map(label) },
      xAxis: { type: 'value' as const, max: 1, axisLabel: { formatter: (v: number) => prefs.pct(v, 0) } },
      series: [{ type: 'bar' as const, data: SAMPLE.map((r) => r.csat) }],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- label depends on lang only
    [lang, prefs],
  );

  return (
    <Page title={t('gallery.title')} description={t('gallery.description')}>
      <PeriodPicker value={period} onChange={setPeriod} />
      <div className="kpi-grid">
        <KpiCard label={t('gallery.csat')} value={0.912} format="percent" target={0.95} n={1840} ci={[0.898, 0.924]} />
        <KpiCard label={t('gallery.answerRate')} value={0.962} format="percent" target={0.97} n={5120} />
        <KpiCard label={t('gallery.asa')} value={95} format="seconds" target={120} better="lower" n={4925} />
        <KpiCard label={t('gallery.smallBranch')} value={0.8} format="percent" target={0.95} n={24} />
        <KpiCard label={t('gallery.tinyGroup')} value={1} format="percent" target={0.95} n={3} />
      </div>
      <div className="chart-grid">
        <Section title={t('gallery.trend')}>
          <EChart option={line} ariaLabel={t('gallery.trend')} height={260} />
        </Section>
        <Section title={t('gallery.byBranch')}>
          <EChart option={bars} ariaLabel={t('gallery.byBranch')} height={260} />
        </Section>
      </div>
      <Section title={t('gallery.table')}>
        <DataTable
          caption={t('gallery.table')}
          rows={SAMPLE}
          rowKey={(r) => r.branch}
          exportName="sample"
          columns={[
            { key: 'branch', header: t('gallery.branch'), value: label },
            { key: 'csat', header: t('gallery.csat'), kind: 'percent', value: (r) => r.csat },
            { key: 'n', header: t('kpi.n'), kind: 'number', value: (r) => r.n },
          ]}
        />
      </Section>
    </Page>
  );
}
