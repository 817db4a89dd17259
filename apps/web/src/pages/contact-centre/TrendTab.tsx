import { useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';
import { formatCalendarDate } from '../../format.ts';
import { usePrefs } from '../../i18n/index.tsx';
import { KpiReportView, useGroupColumns, usePeriodKpiReport } from './cc-common.tsx';

/** Day by day against the agency's targets (answer rate, service level, ASA). */
export default function TrendTab() {
  const prefs = usePrefs();
  const { t, pct, num } = prefs;
  const { period, report, picker } = usePeriodKpiReport('day');
  const groups = report.data?.groups ?? [];
  const tg = report.data?.targets;
  const days = groups.map((g) => formatCalendarDate(g.key[0], prefs.lang === 'ar' ? 'islamic-umalqura' : 'gregory', prefs, 'UTC', 'date'));
  const target = (value: number | undefined, name: string) =>
    value === undefined ? undefined : { symbol: 'none', silent: true, data: [{ yAxis: value, name }], lineStyle: { type: 'dashed' as const }, label: { formatter: name } };

  const rates = useMemo(() => ({
    grid: { left: 56, right: 96, top: 40, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => pct(v as number) },
    xAxis: { type: 'category' as const, data: days },
    yAxis: { type: 'value' as const, min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } },
    series: [
      { type: 'line' as const, name: t('cc.answerRate'), data: groups.map((g) => g.answerRate.rate), markLine: target(tg?.answerRate, t('cc.targetOf', { name: t('cc.answerRate') })) },
      { type: 'line' as const, name: t('cc.serviceLevelShort'), data: groups.map((g) => g.serviceLevel.rate), markLine: target(tg?.serviceLevel, t('cc.targetOf', { name: t('cc.serviceLevelShort') })) },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- target() is pure
  }), [groups, tg, days, t, pct]);
  const asa = useMemo(() => ({
    grid: { left: 56, right: 96, top: 24, bottom: 40 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, data: days },
    yAxis: { type: 'value' as const, axisLabel: { formatter: (v: number) => t('kpi.seconds', { v: num(v) }) } },
    series: [{ type: 'line' as const, name: t('cc.asa'), data: groups.map((g) => (g.asaSeconds === null ? null : Math.round(g.asaSeconds))), markLine: target(tg?.asaSeconds, t('cc.target')) }],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- target() is pure
  }), [groups, tg, days, t, num]);
  const columns = useGroupColumns(t('cc.date'), (g) => g.key[0]);
  columns[0] = { ...columns[0], kind: 'date' };

  return (
    <KpiReportView filters={picker} report={report} title={t('cc.trend')} columns={columns} exportName={`calls-daily-${period.from}-${period.to}`}>
      <EChart option={rates} ariaLabel={t('cc.trendChart')} height={320} />
      <EChart option={asa} ariaLabel={t('cc.asaTrendChart')} height={240} />
    </KpiReportView>
  );
}
