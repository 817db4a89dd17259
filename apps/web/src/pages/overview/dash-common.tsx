import { useState } from 'react';
import { KPI_DEFINITIONS, type KpiCode } from '@tajriba/contracts';
import type { getOverview } from '../../../../server/src/domains/dashboards/overview.service.ts';
import type { getServiceView } from '../../../../server/src/domains/dashboards/service-view.service.ts';
import type { getComparison, getPeriodComparison } from '../../../../server/src/domains/dashboards/comparison.service.ts';
import { apiUrl } from '../../api.ts';
import { KpiCard } from '../../components/KpiCard.tsx';
import { currentHijriMonth, PeriodPicker, type Period } from '../../components/PeriodPicker.tsx';
import { SelectField } from '../../components/form.tsx';
import { usePrefs, type Prefs } from '../../i18n/index.tsx';
import { useSearch } from '../../router.tsx';
import { useAgencyTimeZone } from '../../session.tsx';
import { useApi } from '../../use-api.ts';

// Response shapes come from the server's own functions (type-only: nothing of the server is bundled).
export type Overview = Awaited<ReturnType<typeof getOverview>>;
export type ServiceView = Awaited<ReturnType<typeof getServiceView>>;
export type Comparison = Awaited<ReturnType<typeof getComparison>>;
export type PeriodComparison = Awaited<ReturnType<typeof getPeriodComparison>>;
export type Figure = { value: number | null; n: number; low: number | null; high: number | null; low_n: boolean; suppressed: boolean };

// Strings of the three dashboard screens, Arabic first.
const STRINGS = {
  'overview.title': ['نظرة تنفيذية', 'Executive overview'],
  'overview.description': ['كل مؤشر مقابل مستهدفه مع الاتجاه وحجم العيّنة، وأين يكمن الألم أكثر.', 'Each KPI against its target, with trend and n, and where it hurts most.'],
  'service.title': ['رحلة الخدمة', 'Service journey'],
  'service.description': ['مراحل الرحلة، ومنحنى المشاعر، ونقاط التسرب، والمسارات الأكثر تكراراً، وبؤر تكرار التواصل.', 'Journey stages, emotion curve, drop-off, most frequent paths and repeat-contact hotspots.'],
  'compare.title': ['مقارنة الفروع ومقدمي الخدمة', 'Branch and provider comparison'],
  'compare.description': ['المقاييس نفسها لكل فرع ومزوّد (الداخلي والمُسنَد)، ومقارنة فترتين باختبار الدلالة.', 'The same measures for every branch and provider (in-house and outsourced), and two periods tested for significance.'],
  allServices: ['كل الخدمات', 'All services'],
  service: ['الخدمة', 'Service'],
  trend: ['الاتجاه', 'Trend'],
  hurts: ['أين يكمن الألم أكثر', 'Where it hurts most'],
  hurtsHint: ['الترتيب = الفجوة النسبية عن المستهدف × حجم العيّنة.', 'Rank = relative gap to target × n.'],
  noHurts: ['لا فجوات عن المستهدفات في هذه الفترة.', 'No gaps to targets in this period.'],
  group: ['المجموعة', 'Group'],
  dimension: ['البُعد', 'Dimension'],
  kpi: ['المؤشر', 'KPI'],
  value: ['القيمة', 'Value'],
  target: ['المستهدف', 'Target'],
  score: ['الأولوية', 'Priority'],
  pdf: ['تقرير PDF لمجلس الإدارة', 'Board report (PDF)'],
  volumes: ['التواصلات {contacts} · الرحلات {journeys} · المكتملة {completed} · المتسربة {dropped} · المفتوحة {open}', 'Contacts {contacts} · journeys {journeys} · completed {completed} · dropped {dropped} · open {open}'],
  previous: ['الفترة السابقة: {v}', 'Previous period: {v}'],
  significant: ['فرق دال', 'significant'],
  stages: ['خريطة المراحل', 'Stages map'],
  stage: ['المرحلة', 'Stage'],
  contacts: ['التواصلات', 'Contacts'],
  repeatRate: ['نسبة التكرار', 'Repeat rate'],
  reached: ['وصلت إليها', 'Reached'],
  droppedHere: ['تسربت عندها', 'Dropped here'],
  emotion: ['منحنى المشاعر (متوسط الرضا ١–٥)', 'Emotion curve (mean satisfaction 1–5)'],
  funnel: ['قمع التسرب', 'Drop-off funnel'],
  variants: ['المسارات الأكثر تكراراً', 'Most frequent paths'],
  path: ['المسار', 'Path'],
  journeys: ['الرحلات', 'Journeys'],
  share: ['النسبة', 'Share'],
  medianDays: ['الوسيط (أيام)', 'Median (days)'],
  loop: ['حلقة (طلب فاشل)', 'Loop (failure demand)'],
  yes: ['نعم', 'yes'],
  hotspots: ['بؤر تكرار التواصل', 'Repeat-contact hotspots'],
  repeated: ['المتكررة', 'Repeated'],
  channelMix: ['مزيج القنوات', 'Channel mix'],
  'cat.traditional': ['حضوري', 'In person'],
  'cat.voice': ['هاتفي', 'Voice'],
  'cat.digital': ['رقمي', 'Digital'],
  'dim.branch': ['الفروع', 'Branches'],
  'dim.provider': ['مقدمو الخدمة', 'Providers'],
  'dim.service': ['الخدمات', 'Services'],
  'dim.channel': ['القنوات', 'Channels'],
  'dim.stage': ['المرحلة', 'Stage'],
  'dim.reason': ['السبب', 'Reason'],
  suppressedGroups: ['{n} مجموعة أقل من ٥ أشخاص محجوبة.', '{n} groups under 5 people are hidden.'],
  kind: ['النوع', 'Kind'],
  thirdParty: ['مُسنَد', 'Outsourced'],
  inHouse: ['داخلي', 'In-house'],
  periods: ['مقارنة فترتين', 'Two periods compared'],
  basePeriod: ['فترة الأساس', 'Base period'],
  current: ['الفترة', 'Period'],
  diff: ['الفرق', 'Difference'],
  ci: ['فترة الثقة ٩٥٪ للفرق', '95% CI of the difference'],
  pValue: ['قيمة p', 'p-value'],
  chooseService: ['اختر خدمة', 'Choose a service'],
  journeySat: ['رضا الرحلة كاملة', 'Whole-journey satisfaction'],
} as const;
export type DashKey = keyof typeof STRINGS;

export function useDashT() {
  const prefs = usePrefs();
  const i = prefs.lang === 'ar' ? 0 : 1;
  const t = (key: DashKey, params: Record<string, string | number> = {}) =>
    STRINGS[key][i].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  return { ...prefs, d: t };
}

export const kpiLabel = (kpi: KpiCode, prefs: Prefs) => KPI_DEFINITIONS[kpi][prefs.lang === 'ar' ? 'ar' : 'en'];
export const isRate = (kpi: KpiCode) => KPI_DEFINITIONS[kpi].kind === 'rate';

export function formatKpi(kpi: KpiCode, v: number | null | undefined, prefs: Prefs) {
  if (v === null || v === undefined) return '—';
  return isRate(kpi) ? prefs.pct(v) : prefs.num(v, { maximumFractionDigits: kpi === 'mean_journey_days' ? 2 : 1 });
}

type KpiWithTarget = Figure & { kpi: KpiCode; status: string; target: { comparator: string; target: number; tolerance: number } | null };

/** The server's figure on a KpiCard: its value, n, CI, target and traffic light. */
export function KpiFigureCard({ k, minN, note }: { k: KpiWithTarget; minN: number; note?: string }) {
  const prefs = usePrefs();
  return (
    <KpiCard
      label={kpiLabel(k.kpi, prefs)} value={k.value} n={k.n} minN={minN}
      format={isRate(k.kpi) ? 'percent' : 'number'} formatValue={isRate(k.kpi) ? undefined : (v) => formatKpi(k.kpi, v, prefs)}
      target={k.target?.target} better={KPI_DEFINITIONS[k.kpi].better} amberMargin={k.target?.tolerance}
      status={k.status === 'none' ? undefined : (k.status as 'green' | 'amber' | 'red')}
      ci={k.low !== null && k.high !== null ? [k.low, k.high] : undefined} note={note}
    />
  );
}

/** Period (Hijri month by default, or ?from=&to= of a shared link) and optional ?service=, shared by the three screens. */
export function usePeriodFilter() {
  const zone = useAgencyTimeZone();
  const search = useSearch();
  const [period, setPeriod] = useState<Period>(() => {
    const from = search.get('from');
    const to = search.get('to');
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    return from && to && iso.test(from) && iso.test(to) && from <= to ? { kind: 'custom', from, to } : currentHijriMonth(zone);
  });
  const [service, setService] = useState(search.get('service') ?? '');
  return { period, setPeriod, service, setService };
}

export function PeriodAndService({ f, allowAll = true }: { f: ReturnType<typeof usePeriodFilter>; allowAll?: boolean }) {
  const { d, name } = useDashT();
  const services = useApi<{ items: { code: string; name_ar: string; name_en: string }[] }>('/catalog/services');
  const options = [
    ...(allowAll ? [{ value: '', label: d('allServices') }] : [{ value: '', label: d('chooseService') }]),
    ...(services.data?.items ?? []).map((s) => ({ value: s.code, label: name(s) })),
  ];
  return (
    <div className="row filters">
      <PeriodPicker value={f.period} onChange={f.setPeriod} />
      <SelectField label={d('service')} value={f.service} onValue={f.setService} options={options} />
    </div>
  );
}

export const reportPdfUrl = (from: string, to: string, service: string) =>
  apiUrl('/dashboards/report.pdf', { from, to, ...(service ? { service } : {}) });
