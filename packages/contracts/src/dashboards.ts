import { z } from 'zod';
import { Code } from './common.ts';

/** Every KPI a target can be set for; direction says which way is better. */
export const KPI_DEFINITIONS = {
  csat: { kind: 'rate', better: 'higher', ar: 'رضا المستفيدين (CSAT)', en: 'Satisfaction (CSAT)' },
  completion_rate: { kind: 'rate', better: 'higher', ar: 'نسبة إتمام الرحلات', en: 'Completion rate' },
  fcr: { kind: 'rate', better: 'higher', ar: 'الحل من أول تواصل', en: 'First-contact resolution' },
  repeat_contact_rate: { kind: 'rate', better: 'lower', ar: 'نسبة تكرار التواصل', en: 'Repeat-contact rate' },
  digital_take_up: { kind: 'rate', better: 'higher', ar: 'نسبة الإنجاز الرقمي', en: 'Digital take-up' },
  abandonment_rate: { kind: 'rate', better: 'lower', ar: 'نسبة التواصل المتروك', en: 'Abandoned contacts' },
  cost_per_transaction: { kind: 'mean', better: 'lower', ar: 'تكلفة المعاملة', en: 'Cost per transaction' },
  mean_wait_seconds: { kind: 'mean', better: 'lower', ar: 'متوسط الانتظار (ث)', en: 'Mean wait (s)' },
  mean_journey_days: { kind: 'mean', better: 'lower', ar: 'متوسط مدة الرحلة (يوم)', en: 'Mean journey duration (days)' },
  // Contact-centre KPIs (computed by the contact-centre domain; targets live here).
  answer_rate: { kind: 'rate', better: 'higher', ar: 'نسبة الرد على المكالمات', en: 'Answer rate' },
  call_abandonment_rate: { kind: 'rate', better: 'lower', ar: 'نسبة المكالمات المتروكة', en: 'Call abandonment' },
  asa_seconds: { kind: 'mean', better: 'lower', ar: 'متوسط سرعة الرد (ث)', en: 'Average speed of answer (s)' },
  service_level: { kind: 'rate', better: 'higher', ar: 'مستوى الخدمة', en: 'Service level' },
} as const;
export type KpiCode = keyof typeof KPI_DEFINITIONS;
export const KpiCodeSchema = z.enum(Object.keys(KPI_DEFINITIONS) as [KpiCode, ...KpiCode[]]);

export const Comparator = z.enum(['>=', '<=']);
export const TrafficLight = z.enum(['green', 'amber', 'red', 'none']);
export type TrafficLight = z.infer<typeof TrafficLight>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');

export const TargetInput = z
  .object({
    service: Code.nullish().meta({ description: 'Service code; omit for an agency-wide target' }),
    kpi: KpiCodeSchema,
    comparator: Comparator.optional().meta({ description: "Default: '>=' when higher is better, else '<='" }),
    target: z.number().finite().min(0),
    tolerance: z.number().finite().min(0).optional().meta({ description: 'Amber band width; default 5 % of the target' }),
  })
  .meta({ id: 'TargetInput' });
export type TargetInput = z.infer<typeof TargetInput>;

export const Target = z
  .object({
    id: z.number(),
    service: z.string().nullable(),
    kpi: KpiCodeSchema,
    comparator: Comparator,
    target: z.number(),
    tolerance: z.number(),
  })
  .meta({ id: 'Target' });
export type Target = z.infer<typeof Target>;

/** A period: agency-local dates, both inclusive (the web converts Hijri months to these). */
export const PeriodQuery = z
  .object({
    agency: z.string().optional(),
    from: Day,
    to: Day,
    service: Code.optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 1100 * 86_400_000, { message: 'at most 3 years', path: ['to'] });
export type PeriodQuery = z.infer<typeof PeriodQuery>;

export const CompareDimension = z.enum(['service', 'branch', 'provider', 'channel']);
export type CompareDimension = z.infer<typeof CompareDimension>;

export const CompareQuery = z
  .object({ agency: z.string().optional(), from: Day, to: Day, service: Code.optional(), dimension: CompareDimension.default('branch') })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });

export const PeriodCompareQuery = z
  .object({ agency: z.string().optional(), from: Day, to: Day, base_from: Day, base_to: Day, service: Code.optional() })
  .refine((p) => p.from <= p.to && p.base_from <= p.base_to, { message: 'from must not be after to', path: ['to'] });

export const ServiceViewQuery = z
  .object({ agency: z.string().optional(), from: Day, to: Day, service: Code })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });

/** A figure with its honesty flags (docs/metrics.md § Minimum n and suppression). */
export const Figure = z
  .object({
    value: z.number().nullable(),
    n: z.number(),
    low: z.number().nullable(),
    high: z.number().nullable(),
    low_n: z.boolean(),
    suppressed: z.boolean(),
  })
  .meta({ id: 'Figure' });
export type Figure = z.infer<typeof Figure>;

export const KpiFigure = Figure.extend({
  kpi: KpiCodeSchema,
  target: z.object({ comparator: Comparator, target: z.number(), tolerance: z.number() }).nullable(),
  status: TrafficLight,
}).meta({ id: 'KpiFigure' });
export type KpiFigure = z.infer<typeof KpiFigure>;
