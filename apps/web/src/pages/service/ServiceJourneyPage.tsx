import { useEffect, useMemo } from 'react';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert, Loading } from '../../components/feedback.tsx';
import { KpiCard } from '../../components/KpiCard.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { useApi } from '../../use-api.ts';
import { KpiFigureCard, PeriodAndService, useDashT, usePeriodFilter, type ServiceView } from '../overview/dash-common.tsx';

type Stage = ServiceView['stages'][number];
type Variant = ServiceView['variants'][number];
type Hotspot = ServiceView['repeat_hotspots'][number];

/** /service: stages map, emotion curve, drop-off funnel, variants and repeat hotspots of one service. */
export default function ServiceJourneyPage() {
  const prefs = useDashT();
  const { d, name, pct, num } = prefs;
  const f = usePeriodFilter();
  const services = useApi<{ items: { code: string }[] }>('/catalog/services');
  useEffect(() => {
    if (!f.service && services.data?.items[0]) f.setService(services.data.items[0].code);
  }, [services.data, f.service]); // eslint-disable-line react-hooks/exhaustive-deps -- f.setService is stable
  const q = { from: f.period.from, to: f.period.to, service: f.service };
  const v = useApi<ServiceView>(f.service ? '/dashboards/service' : null, { query: q });

  const charts = useMemo(() => {
    const s = v.data;
    if (!s) return null;
    const stageNames = s.stages.map((x) => name(x));
    return {
      stages: {
        legend: { top: 0 },
        tooltip: { trigger: 'axis' as const },
        grid: { left: 56, right: 56, top: 40, bottom: 32 },
        xAxis: { type: 'category' as const, data: stageNames },
        yAxis: [{ type: 'value' as const, minInterval: 1 }, { type: 'value' as const, min: 0, max: 1, axisLabel: { formatter: (x: number) => pct(x, 0) } }],
        series: [
          { type: 'bar' as const, name: d('contacts'), data: s.stages.map((x) => x.contacts) },
          { type: 'line' as const, yAxisIndex: 1, name: d('repeatRate'), data: s.stages.map((x) => x.repeat_contact_rate.value) },
        ],
      },
      emotion: {
        tooltip: { trigger: 'axis' as const },
        grid: { left: 40, right: 24, top: 24, bottom: 32 },
        xAxis: { type: 'category' as const, data: s.emotion_curve.map((x) => name(x)) },
        yAxis: { type: 'value' as const, min: 1, max: 5 },
        series: [{ type: 'line' as const, name: d('emotion'), smooth: true, connectNulls: false, data: s.emotion_curve.map((x) => x.value), markLine: { symbol: 'none', data: [{ yAxis: 4 }], lineStyle: { type: 'dashed' as const } } }],
      },
      funnel: {
        tooltip: { trigger: 'item' as const },
        series: [{
          type: 'funnel' as const, sort: 'none' as const, left: '10%', width: '80%', label: { position: 'inside' as const },
          // Completed journeys are not a stage (many complete at an early one): shown as a KPI, not in the funnel.
          data: s.funnel.flatMap((x) => (x.journeys === null || x.code === 'completed' ? [] : [{ name: `${name(x)}: ${num(x.journeys)}`, value: x.journeys }])),
        }],
      },
      mix: {
        tooltip: { trigger: 'item' as const },
        legend: { bottom: 0 },
        series: [{ type: 'pie' as const, radius: ['40%', '70%'], data: s.channel_mix.flatMap((x) => (x.contacts ? [{ name: d(`cat.${x.category}` as 'cat.digital'), value: x.contacts }] : [])) }],
      },
    };
  }, [v.data, d, name, pct, num]);

  const stageColumns: Column<Stage>[] = [
    { key: 'position', header: '#', value: (x) => x.position, kind: 'number' },
    { key: 'stage', header: d('stage'), value: (x) => name(x) },
    { key: 'contacts', header: d('contacts'), value: (x) => x.contacts, kind: 'number' },
    { key: 'repeat', header: d('repeatRate'), value: (x) => x.repeat_contact_rate.value, kind: 'percent' },
    { key: 'reached', header: d('reached'), value: (x) => x.reached, kind: 'number' },
    { key: 'dropped', header: d('droppedHere'), value: (x) => x.dropped_here, kind: 'number' },
    { key: 'sat', header: d('emotion'), value: (x) => x.satisfaction.value, kind: 'number', numberFormat: { maximumFractionDigits: 2 } },
  ];
  const variantColumns: Column<Variant>[] = [
    { key: 'path', header: d('path'), value: (x) => x.steps.map((s) => (prefs.lang === 'ar' ? s.name_ar : s.name_en)).join(prefs.lang === 'ar' ? ' ← ' : ' → ') },
    { key: 'journeys', header: d('journeys'), value: (x) => x.journeys, kind: 'number' },
    { key: 'share', header: d('share'), value: (x) => x.share, kind: 'percent' },
    { key: 'median', header: d('medianDays'), value: (x) => x.median_days, kind: 'number', numberFormat: { maximumFractionDigits: 2 } },
    { key: 'loop', header: d('loop'), value: (x) => (x.loop ? d('yes') : '') },
  ];
  const hotspotColumns: Column<Hotspot>[] = [
    { key: 'dimension', header: d('dimension'), value: (x) => d(`dim.${x.dimension}`) },
    { key: 'group', header: d('group'), value: (x) => name(x) },
    { key: 'contacts', header: d('contacts'), value: (x) => x.contacts, kind: 'number' },
    { key: 'repeated', header: d('repeated'), value: (x) => x.repeated, kind: 'number' },
    { key: 'rate', header: d('repeatRate'), value: (x) => x.rate.value, kind: 'percent' },
  ];
  const s = v.data;
  const base = `${f.service}-${f.period.from}-${f.period.to}`;

  return (
    <Page title={d('service.title')} description={d('service.description')}>
      <PeriodAndService f={f} allowAll={false} />
      {v.error ? <ErrorAlert error={v.error} /> : null}
      {v.loading && !s ? <Loading /> : null}
      {s && charts && (
        <>
          <div className="kpi-grid">
            {s.kpis.filter((k) => ['completion_rate', 'fcr', 'repeat_contact_rate', 'digital_take_up', 'csat', 'mean_journey_days'].includes(k.kpi)).map((k) => (
              <KpiFigureCard key={k.kpi} k={k} minN={s.min_n} />
            ))}
            <KpiCard label={d('journeySat')} value={s.journey_satisfaction.mean.value} n={s.journey_satisfaction.mean.n} minN={s.min_n} format="number" />
          </div>
          <Section title={d('stages')}>
            <EChart option={charts.stages} ariaLabel={d('stages')} height={280} />
            <DataTable columns={stageColumns} rows={s.stages} rowKey={(x) => x.id} caption={d('stages')} exportName={`stages-${base}`} />
          </Section>
          <div className="grid-2">
            <Section title={d('emotion')}><EChart option={charts.emotion} ariaLabel={d('emotion')} height={260} /></Section>
            <Section title={d('funnel')}><EChart option={charts.funnel} ariaLabel={d('funnel')} height={260} /></Section>
          </div>
          <Section title={d('variants')}>
            <DataTable columns={variantColumns} rows={s.variants} rowKey={(x) => x.path} caption={d('variants')} exportName={`variants-${base}`} />
          </Section>
          <div className="grid-2">
            <Section title={d('hotspots')}>
              <DataTable columns={hotspotColumns} rows={s.repeat_hotspots} rowKey={(x) => `${x.dimension}-${x.id}`} caption={d('hotspots')} exportName={`repeat-hotspots-${base}`} />
            </Section>
            <Section title={d('channelMix')}><EChart option={charts.mix} ariaLabel={d('channelMix')} height={260} /></Section>
          </div>
        </>
      )}
    </Page>
  );
}
