import { useState, type ReactNode } from 'react';
import type { CallKpiReport, CallKpis } from '@tajriba/contracts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { KpiCard } from '../../components/KpiCard.tsx';
import { Section } from '../../components/Page.tsx';
import { currentHijriMonth, PeriodPicker, type Period } from '../../components/PeriodPicker.tsx';
import { usePrefs, type MessageKey } from '../../i18n/index.tsx';
import { useAgencyTimeZone } from '../../session.tsx';
import { useApi, type ApiState } from '../../use-api.ts';

export type Group = CallKpiReport['groups'][number];

/** The headline KPIs of a report, each with its n, target, traffic light and 95 % interval. */
export function KpiRow({ report }: { report: CallKpiReport }) {
  const { t } = usePrefs();
  const k = report.totals;
  const tg = report.targets;
  const ci = (r: CallKpis['answerRate']): [number, number] | undefined => (r.rate === null ? undefined : [r.low, r.high]);
  return (
    <div className="kpi-grid">
      <KpiCard label={t('cc.offered')} value={k.offered} n={k.offered} format="number" note={`${t('cc.ivrOnly')}: ${k.ivrOnly}`} />
      <KpiCard label={t('cc.answerRate')} value={k.answerRate.rate} n={k.answerRate.n} format="percent" target={tg.answerRate} ci={ci(k.answerRate)} />
      <KpiCard label={t('cc.serviceLevel', { t: k.serviceLevelSeconds })} value={k.serviceLevel.rate} n={k.serviceLevel.n} format="percent" target={tg.serviceLevel} ci={ci(k.serviceLevel)} />
      <KpiCard label={t('cc.asa')} value={k.asaSeconds} n={k.answered} format="seconds" target={tg.asaSeconds} better="lower" amberMargin={tg.asaSeconds * 0.5} />
      <KpiCard label={t('cc.abandonmentRate')} value={k.abandonmentRate.rate} n={k.abandonmentRate.n} format="percent" better="lower" ci={ci(k.abandonmentRate)} />
      <KpiCard label={t('cc.within120')} value={k.answeredWithin120.rate} n={k.answeredWithin120.n} format="percent" ci={ci(k.answeredWithin120)} />
      <KpiCard label={t('cc.aht')} value={k.ahtSeconds} n={k.answered} format="seconds" />
      <KpiCard label={t('cc.repeat7d')} value={k.repeatCallRate7d.rate} n={k.repeatCallRate7d.n} format="percent" better="lower" ci={ci(k.repeatCallRate7d)} />
    </div>
  );
}

/** Table columns shared by every per-group table (the first column names the group). */
export function useGroupColumns(keyHeader: string, keyLabel: (g: Group) => string): Column<Group>[] {
  const { t } = usePrefs();
  const sec = { maximumFractionDigits: 1 };
  const col = (key: string, header: MessageKey, value: (g: Group) => number | null, kind: 'number' | 'percent' = 'number'): Column<Group> => ({
    key, header: t(header), value, kind, numberFormat: sec,
  });
  return [
    { key: 'key', header: keyHeader, value: keyLabel },
    col('offered', 'cc.offered', (g) => g.offered),
    col('answered', 'cc.answered', (g) => g.answered),
    col('abandoned', 'cc.abandoned', (g) => g.abandoned),
    col('answerRate', 'cc.answerRate', (g) => g.answerRate.rate, 'percent'),
    col('serviceLevel', 'cc.serviceLevelShort', (g) => g.serviceLevel.rate, 'percent'),
    col('within120', 'cc.within120', (g) => g.answeredWithin120.rate, 'percent'),
    col('asa', 'cc.asa', (g) => (g.asaSeconds === null ? null : Math.round(g.asaSeconds * 10) / 10)),
    col('aht', 'cc.aht', (g) => (g.ahtSeconds === null ? null : Math.round(g.ahtSeconds))),
    col('longest', 'cc.longestWait', (g) => (g.longestWaitSeconds === null ? null : Math.round(g.longestWaitSeconds))),
    col('repeat', 'cc.repeat7d', (g) => g.repeatCallRate7d.rate, 'percent'),
  ];
}

/** The call KPIs of a period (this Hijri month at first), grouped by `groupBy`, and its period picker. */
export function usePeriodKpiReport(groupBy: string) {
  const { t } = usePrefs();
  const zone = useAgencyTimeZone();
  const [period, setPeriod] = useState<Period>(() => currentHijriMonth(zone));
  const report = useApi<CallKpiReport>('/contact-centre/kpis', { query: { from: period.from, to: period.to, group_by: groupBy } });
  const picker = <PeriodPicker value={period} onChange={setPeriod} label={t('cc.period')} />;
  return { period, report, picker };
}

/**
 * A tab's body: its filters, then (once the report is in) the KPI cards and a section with the
 * tab's charts above the per-group table.
 */
export function KpiReportView(props: { filters: ReactNode; report: ApiState<CallKpiReport>; title: string; columns: Column<Group>[]; exportName: string; children: ReactNode }) {
  const { t } = usePrefs();
  const { report, title } = props;
  return (
    <>
      <div className="row filters">{props.filters}</div>
      {report.error ? <ErrorAlert error={report.error} /> : null}
      {report.loading && !report.data ? <Loading /> : null}
      {report.data && (
        <>
          <KpiRow report={report.data} />
          <Section title={title}>
            {props.children}
            <div className="table-nowrap-first">
              <DataTable columns={props.columns} rows={report.data.groups} rowKey={(g) => g.key[0]} caption={title} exportName={props.exportName} emptyText={t('cc.noData')} />
            </div>
          </Section>
        </>
      )}
    </>
  );
}
