import { useMemo, useState, type FormEvent } from 'react';
import type { StaffingPlan } from '@tajriba/contracts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { EChart } from '../../components/EChart.tsx';
import { Alert, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { SelectField, TextField } from '../../components/form.tsx';
import { KpiCard } from '../../components/KpiCard.tsx';
import { Section } from '../../components/Page.tsx';
import { todayIn } from '../../format.ts';
import { usePrefs } from '../../i18n/index.tsx';
import { addDays } from '../../periods.ts';
import { useAgencyTimeZone } from '../../session.tsx';
import { useApi } from '../../use-api.ts';

type Interval = StaffingPlan['intervals'][number];
interface Form { date: string; interval: string; kind: 'sl' | 'asa'; sl: string; seconds: string; asa: string; shrinkage: string; occupancy: string }

/** Erlang C staffing for one day: required vs scheduled agents per interval, and what 97 % / 2 minutes would take. */
export default function PlannerTab() {
  const { t, num } = usePrefs();
  const zone = useAgencyTimeZone();
  const [form, setForm] = useState<Form>(() => ({ date: addDays(todayIn(zone), 1), interval: '30', kind: 'sl', sl: '80', seconds: '20', asa: '30', shrinkage: '30', occupancy: '85' }));
  const [query, setQuery] = useState<Record<string, string>>(() => toQuery(form));
  const plan = useApi<StaffingPlan>('/contact-centre/planner', { query });
  const set = (k: keyof Form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(toQuery(form));
  };

  const p = plan.data;
  const option = useMemo(() => {
    const rows = p?.intervals ?? [];
    return {
      grid: { left: 56, right: 56, top: 40, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' as const },
      xAxis: { type: 'category' as const, data: rows.map((i) => i.start) },
      yAxis: [{ type: 'value' as const, name: t('cc.plan.required'), minInterval: 1 }, { type: 'value' as const, name: t('cc.plan.forecast') }],
      series: [
        { type: 'bar' as const, name: t('cc.plan.required'), data: rows.map((i) => i.agentsWithShrinkage) },
        { type: 'line' as const, step: 'end' as const, name: t('cc.plan.scheduled'), data: rows.map((i) => i.scheduled), lineStyle: { width: 3 } },
        { type: 'line' as const, step: 'end' as const, name: t('cc.plan.for97'), data: rows.map((i) => i.agentsFor97In120), lineStyle: { type: 'dashed' as const } },
        { type: 'line' as const, yAxisIndex: 1, name: t('cc.plan.forecast'), data: rows.map((i) => Math.round(i.forecastCalls * 10) / 10), symbol: 'none', lineStyle: { opacity: 0.5 } },
      ],
    };
  }, [p, t]);

  const columns: Column<Interval>[] = [
    { key: 'start', header: t('cc.intervalStart'), value: (i) => i.start },
    { key: 'forecast', header: t('cc.plan.forecast'), value: (i) => Math.round(i.forecastCalls * 10) / 10, kind: 'number' },
    { key: 'aht', header: t('cc.aht'), value: (i) => (i.ahtSeconds === null ? null : Math.round(i.ahtSeconds)), kind: 'number' },
    { key: 'agents', header: t('cc.plan.required'), value: (i) => i.agentsWithShrinkage, kind: 'number' },
    { key: 'sl', header: t('cc.serviceLevelShort'), value: (i) => i.serviceLevel, kind: 'percent' },
    { key: 'scheduled', header: t('cc.plan.scheduled'), value: (i) => i.scheduled, kind: 'number' },
    { key: 'gap', header: t('cc.plan.gap'), value: (i) => i.gap, kind: 'number' },
    { key: 'for97', header: t('cc.plan.for97'), value: (i) => i.agentsFor97In120, kind: 'number' },
  ];
  const hours = (v: number) => t('cc.plan.hours', { v: num(v, { maximumFractionDigits: 1 }) });
  const s = p?.summary;

  return (
    <>
      <form className="row filters" onSubmit={submit}>
        <TextField label={t('cc.plan.date')} type="date" value={form.date} onValue={set('date')} required />
        <SelectField label={t('cc.interval')} value={form.interval} onValue={set('interval')} options={['15', '30', '60'].map((i) => ({ value: i, label: t('cc.minutes', { n: num(Number(i)) }) }))} />
        <SelectField label={t('cc.plan.targetKind')} value={form.kind} onValue={set('kind')} options={[{ value: 'sl', label: t('cc.plan.targetSl') }, { value: 'asa', label: t('cc.plan.targetAsa') }]} />
        {form.kind === 'sl' ? (
          <>
            <TextField label={t('cc.plan.sl')} type="number" min={1} max={99} value={form.sl} onValue={set('sl')} />
            <TextField label={t('cc.plan.seconds')} type="number" min={1} value={form.seconds} onValue={set('seconds')} />
          </>
        ) : (
          <TextField label={t('cc.plan.asa')} type="number" min={1} value={form.asa} onValue={set('asa')} />
        )}
        <TextField label={t('cc.plan.shrinkage')} type="number" min={0} max={90} value={form.shrinkage} onValue={set('shrinkage')} />
        <TextField label={t('cc.plan.occupancy')} type="number" min={10} max={100} value={form.occupancy} onValue={set('occupancy')} />
        <button type="submit" className="btn btn-primary">{t('cc.plan.compute')}</button>
      </form>
      {plan.error ? <ErrorAlert error={plan.error} /> : null}
      {plan.loading && !p ? <Loading /> : null}
      {p && s && (
        <>
          <div className="kpi-grid">
            <KpiCard label={t('cc.plan.forecast')} value={s.forecastCalls} n={Math.round(s.forecastCalls)} formatValue={(v) => num(Math.round(v))} />
            <KpiCard label={t('cc.plan.agentHours')} value={s.agentHoursRequired} n={Math.round(s.forecastCalls)} formatValue={hours} />
            <KpiCard label={t('cc.plan.scheduledHours')} value={s.agentHoursScheduled} n={Math.round(s.forecastCalls)} formatValue={hours} />
            <KpiCard label={t('cc.plan.peak')} value={s.peakAgents} n={Math.round(s.forecastCalls)} />
          </div>
          <Section title={t('cc.plan.whatItTakes')}>
            <Alert kind="info">
              {s.for97In120.extraAgentHoursVsScheduled === null
                ? t('cc.plan.whatItTakesNoSchedule', { hours: num(s.for97In120.agentHours, { maximumFractionDigits: 1 }), peak: num(s.for97In120.peakAgents), extraTarget: num(s.for97In120.extraAgentHoursVsTarget, { maximumFractionDigits: 1, signDisplay: 'always' }) })
                : t('cc.plan.whatItTakesText', {
                    hours: num(s.for97In120.agentHours, { maximumFractionDigits: 1 }), peak: num(s.for97In120.peakAgents),
                    extra: num(s.for97In120.extraAgentHoursVsScheduled, { maximumFractionDigits: 1, signDisplay: 'always' }),
                    extraTarget: num(s.for97In120.extraAgentHoursVsTarget, { maximumFractionDigits: 1, signDisplay: 'always' }),
                  })}
            </Alert>
            <p className="muted">{t('cc.plan.weeks', { n: num(p.weeksUsed.length) })} {t('cc.plan.model')}</p>
          </Section>
          <Section title={t('cc.plan.table')}>
            <EChart option={option} ariaLabel={t('cc.plan.chart')} height={360} />
            <div className="table-nowrap-first">
              <DataTable columns={columns} rows={p.intervals} rowKey={(i) => i.start} caption={t('cc.plan.table')} exportName={`staffing-plan-${p.date}`} />
            </div>
          </Section>
        </>
      )}
    </>
  );
}

function toQuery(f: Form): Record<string, string> {
  const base = { date: f.date, interval: f.interval, shrinkage: String(Number(f.shrinkage) / 100), max_occupancy: String(Number(f.occupancy) / 100) };
  return f.kind === 'sl' ? { ...base, target_sl: String(Number(f.sl) / 100), target_seconds: f.seconds } : { ...base, target_asa: f.asa };
}
