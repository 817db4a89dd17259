import { useMemo, useState } from 'react';
import type { CallKpiReport } from '@tajriba/contracts';
import { DataTable } from '../../components/DataTable.tsx';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { Section } from '../../components/Page.tsx';
import { currentHijriMonth, PeriodPicker, type Period } from '../../components/PeriodPicker.tsx';
import { usePrefs } from '../../i18n/index.tsx';
import { useAgencyTimeZone } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { KpiRow, useGroupColumns } from './cc-common.tsx';

/** Queues side by side for a period: answer rate, service level, waits. */
export default function QueuesTab() {
  const { t, pct } = usePrefs();
  const zone = useAgencyTimeZone();
  const [period, setPeriod] = useState<Period>(() => currentHijriMonth(zone));
  const report = useApi<CallKpiReport>('/contact-centre/kpis', { query: { from: period.from, to: period.to, group_by: 'queue' } });
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
    <>
      <div className="row filters">
        <PeriodPicker value={period} onChange={setPeriod} label={t('cc.period')} />
      </div>
      {report.error ? <ErrorAlert error={report.error} /> : null}
      {report.loading && !report.data ? <Loading /> : null}
      {report.data && (
        <>
          <KpiRow report={report.data} />
          <Section title={t('cc.byQueue')}>
            <EChart option={option} ariaLabel={t('cc.byQueueChart')} height={Math.max(200, 60 + offered.length * 56)} />
            <div className="table-nowrap-first">
              <DataTable columns={columns} rows={report.data.groups} rowKey={(g) => g.key[0]} caption={t('cc.byQueue')} exportName={`calls-by-queue-${period.from}-${period.to}`} emptyText={t('cc.noData')} />
            </div>
          </Section>
        </>
      )}
    </>
  );
}
