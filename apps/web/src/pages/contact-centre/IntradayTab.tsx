import { useMemo, useState } from 'react';
import type { CallHeatmap, CallKpiReport } from '@tajriba/contracts';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { SelectField, TextField } from '../../components/form.tsx';
import { Section } from '../../components/Page.tsx';
import { todayIn } from '../../format.ts';
import { usePrefs, type MessageKey } from '../../i18n/index.tsx';
import { addDays } from '../../periods.ts';
import { useAgencyTimeZone } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { KpiReportView, useGroupColumns, type Group } from './cc-common.tsx';

const INTERVALS = ['15', '30', '60'] as const;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** One day per interval (offered/answered/abandoned, SL, ASA) and the weekday × hour heat-map of the 28 days to it. */
export default function IntradayTab() {
  const prefs = usePrefs();
  const { t, num, pct } = prefs;
  const zone = useAgencyTimeZone();
  const [day, setDay] = useState(() => todayIn(zone));
  const [interval, setIntervalMinutes] = useState<(typeof INTERVALS)[number]>('30');
  const [queue, setQueue] = useState('');
  const q = queue ? { queue } : {};
  const report = useApi<CallKpiReport>('/contact-centre/kpis', { query: { from: day, to: day, group_by: `interval${interval}`, ...q } });
  const from28 = addDays(day, -27);
  const queues = useApi<CallKpiReport>('/contact-centre/kpis', { query: { from: from28, to: day, group_by: 'queue' } });
  const heat = useApi<CallHeatmap>('/contact-centre/heatmap', { query: { from: from28, to: day, ...q } });

  // Every interval of the day, zeros where no call arrived, so the chart keeps its time scale.
  const slots = useMemo(() => {
    const byKey = new Map((report.data?.groups ?? []).map((g) => [g.key[0].slice(11), g]));
    return Array.from({ length: 1440 / Number(interval) }, (_, i) => ({ start: hhmm(i * Number(interval)), g: byKey.get(hhmm(i * Number(interval))) }));
  }, [report.data, interval]);
  const targets = report.data?.targets;

  const perInterval = useMemo(() => ({
    grid: { left: 56, right: 56, top: 40, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, data: slots.map((s) => s.start) },
    yAxis: [
      { type: 'value' as const, name: t('cc.offered'), minInterval: 1 },
      { type: 'value' as const, min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v, 0) } },
    ],
    series: [
      { type: 'bar' as const, stack: 'calls', name: t('cc.answered'), data: slots.map((s) => s.g?.answered ?? 0) },
      { type: 'bar' as const, stack: 'calls', name: t('cc.abandoned'), data: slots.map((s) => s.g?.abandoned ?? 0), itemStyle: { color: '#c05621' } },
      {
        type: 'line' as const, yAxisIndex: 1, name: t('cc.serviceLevelShort'), connectNulls: false,
        data: slots.map((s) => s.g?.serviceLevel.rate ?? null),
        markLine: targets ? { symbol: 'none', data: [{ yAxis: targets.serviceLevel, name: t('cc.target') }], lineStyle: { type: 'dashed' as const } } : undefined,
      },
    ],
  }), [slots, targets, t, pct]);

  const asaChart = useMemo(() => ({
    grid: { left: 56, right: 24, top: 24, bottom: 40 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, data: slots.map((s) => s.start) },
    yAxis: { type: 'value' as const, axisLabel: { formatter: (v: number) => t('kpi.seconds', { v: num(v) }) } },
    series: [{
      type: 'line' as const, name: t('cc.asa'), data: slots.map((s) => (s.g?.asaSeconds == null ? null : Math.round(s.g.asaSeconds))),
      markLine: targets ? { symbol: 'none', data: [{ yAxis: targets.asaSeconds }], lineStyle: { type: 'dashed' as const } } : undefined,
    }],
  }), [slots, targets, t, num]);

  const heatOption = useMemo(() => {
    const cells = heat.data?.cells ?? [];
    const max = Math.max(1, ...cells.map((c) => c.offered));
    const byCell = new Map(cells.map((c) => [`${c.weekday}|${c.hour}`, c]));
    return {
      grid: { left: 80, right: 24, top: 16, bottom: 88 },
      tooltip: {
        formatter: (params: unknown) => {
          const p = params as { data: [number, number, number] };
          const c = byCell.get(`${p.data[1]}|${p.data[0]}`);
          const day = t(`cc.weekday.${p.data[1]}` as MessageKey);
          if (!c) return `${day} ${hhmm(p.data[0] * 60)}: 0`;
          return `${day} ${hhmm(c.hour * 60)}<br/>${t('cc.offered')}: ${num(c.offered)}<br/>${t('cc.answerRate')}: ${pct(c.answerRate)}<br/>${t('cc.serviceLevelShort')}: ${pct(c.serviceLevel)}`;
        },
      },
      xAxis: { type: 'category' as const, inverse: false, data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')), name: t('cc.hour'), nameLocation: 'middle' as const, nameGap: 26, splitArea: { show: true } },
      yAxis: { type: 'category' as const, data: Array.from({ length: 7 }, (_, d) => t(`cc.weekday.${d}` as MessageKey)), splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal' as const, left: 'center', bottom: 0, inRange: { color: ['#f0f7f4', '#0b6e4f'] } },
      series: [{ type: 'heatmap' as const, name: t('cc.offered'), data: cells.map((c) => [c.hour, c.weekday, c.offered]) }],
    };
  }, [heat.data, t, num, pct]);

  const columns = useGroupColumns(t('cc.intervalStart'), (g: Group) => g.key[0].slice(11));
  const queueOptions = [{ value: '', label: t('cc.allQueues') }, ...(queues.data?.groups ?? []).filter((g) => g.key[0]).map((g) => ({ value: g.key[0], label: g.key[0] }))];

  return (
    <>
      <KpiReportView
        filters={
          <>
            <TextField label={t('cc.day')} type="date" value={day} onValue={(v) => v && setDay(v)} />
            <SelectField label={t('cc.interval')} value={interval} onValue={(v) => setIntervalMinutes(v as typeof interval)} options={INTERVALS.map((i) => ({ value: i, label: t('cc.minutes', { n: num(Number(i)) }) }))} />
            <SelectField label={t('cc.queue')} value={queue} onValue={setQueue} options={queueOptions} />
          </>
        }
        report={report}
        title={t('cc.perInterval')}
        columns={columns}
        exportName={`calls-${day}-interval${interval}`}
      >
        <EChart option={perInterval} ariaLabel={t('cc.perIntervalChart')} height={340} />
        <EChart option={asaChart} ariaLabel={t('cc.asa')} height={220} />
      </KpiReportView>
      <Section title={t('cc.heatmap')}>
        <p className="muted">{t('cc.heatmapHint')}</p>
        {heat.error ? <ErrorAlert error={heat.error} /> : <EChart option={heatOption} ariaLabel={t('cc.heatmapChart')} height={320} />}
      </Section>
    </>
  );
}
