import { useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';
import { usePrefs } from '../../i18n/index.tsx';
import { KpiReportView, useGroupColumns, usePeriodKpiReport } from './cc-common.tsx';

/** Queues side by side for a period: answer rate, service level, waits. */
export default function QueuesTab() {
  const { t, pct } = usePrefs();
  const { period, report, picker } = usePeriodKpiReport('queue');
  const label = (key: string) => key || t('cc.noQueue');
  const offered = (report.data?.groups ?? []).filter((g) => g.offered > 0);

  const option = useMemo(() => ({
    grid: { left: 24, right: 24, top: 32, bottom: 24, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => pct(v as number) },
    yAxis: { type: 'category' as const, data: offered.map((g) => label(g.key[0])) },
    xAxis: { type: 'value' as const, min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } },
    series: [
      { type: 'bar' as const, name: t('cc.answerRate'), data: offered.map((g) => g.answerRate.rate) },
      { type: 'bar' as const, name: t('cc.serviceLevelShort'), data: offered.map((g) => g.serviceLevel.rate) },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- label depends on t only
  }), [offered, t, pct]);
  const columns = useGroupColumns(t('cc.queue'), (g) => label(g.key[0]));

  return (
    <KpiReportView filters={picker} report={report} title={t('cc.byQueue')} columns={columns} exportName={`calls-by-queue-${period.from}-${period.to}`}>
      <EChart option={option} ariaLabel={t('cc.byQueueChart')} height={Math.max(200, 60 + offered.length * 56)} />
    </KpiReportView>
  );
}
