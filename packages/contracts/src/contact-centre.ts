import { z } from 'zod';

// Contact-centre contracts: call records in, KPIs / heat-map / staffing plan out.

export const CALL_OUTCOMES = ['answered', 'abandoned', 'ivr'] as const;
export const KPI_GROUP_BY = ['interval15', 'interval30', 'interval60', 'hour', 'day', 'weekday', 'queue', 'service'] as const;
export const KpiGroupBy = z.enum(KPI_GROUP_BY);
export type KpiGroupBy = z.infer<typeof KpiGroupBy>;

const text = (description: string, example?: string) =>
  z.unknown().optional().meta({ type: 'string', description, ...(example ? { example } : {}) });

// Checked row by row by the call pipeline (bad rows become row errors, not a 400).
export const CallInput = z
  .object({
    call_id: text('Your id of the call (ACD/IVR record id); unique per agency', 'CC-2024-000981'),
    caller: text('Phone number or ID of the caller (optional); stored only as a keyed pseudonym', '0551234567'),
    queue: text('Agent queue; required unless outcome is ivr', 'labour-complaints'),
    arrived_at: text('Entered the agent queue (or the IVR for IVR-only calls); ISO 8601, no offset = agency time', '2024-05-05T08:00:00'),
    answered_at: text('When an agent answered; empty when never answered'),
    ended_at: text('When the call ended; required for answered calls'),
    outcome: z.unknown().optional().meta({ type: 'string', enum: [...CALL_OUTCOMES] }),
    agent_id: text('Agent id (optional); stored only as a keyed pseudonym'),
    service: text("Service code (optional); default: the service whose code equals the queue"),
  })
  .passthrough()
  .meta({ id: 'CallInput' });

export const CallBatch = z
  .union([z.object({ items: z.array(CallInput) }), CallInput])
  .meta({ id: 'CallBatch', description: 'One call record or {items:[…]} of up to 10,000' });

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const KpiQuery = z.object({
  agency: z.string().optional(),
  from: Day,
  to: Day.meta({ description: 'Inclusive, agency local date' }),
  queue: z.string().max(200).optional(),
  sl_seconds: z.coerce.number().int().min(1).max(3600).optional(),
  group_by: KpiGroupBy.optional(),
});

export const Rate = z.object({ rate: z.number().nullable(), n: z.number(), low: z.number(), high: z.number() }).meta({ id: 'Rate' });
export const Light = z.enum(['green', 'amber', 'red', 'none']);

export const CallKpis = z
  .object({
    offered: z.number(),
    answered: z.number(),
    abandoned: z.number(),
    ivrOnly: z.number(),
    answerRate: Rate,
    abandonmentRate: Rate,
    serviceLevel: Rate,
    serviceLevelSeconds: z.number(),
    answeredWithin120: Rate,
    asaSeconds: z.number().nullable(),
    ahtSeconds: z.number().nullable(),
    longestWaitSeconds: z.number().nullable(),
    repeatCallRate7d: Rate,
  })
  .meta({ id: 'CallKpis' });
export type CallKpis = z.infer<typeof CallKpis>;

export const CallTargets = z.object({
  answerRate: z.number(),
  serviceLevel: z.number(),
  asaSeconds: z.number(),
  serviceLevelSeconds: z.number(),
});

export const CallKpiReport = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    queue: z.string().nullable(),
    targets: CallTargets,
    totals: CallKpis,
    lights: z.object({ answerRate: Light, serviceLevel: Light, asaSeconds: Light }),
    groupBy: z.array(KpiGroupBy),
    groups: z.array(CallKpis.extend({ key: z.array(z.string()) })),
  })
  .meta({ id: 'CallKpiReport' });
export type CallKpiReport = z.infer<typeof CallKpiReport>;

export const HeatmapQuery = KpiQuery.omit({ group_by: true });
export const CallHeatmap = z
  .object({
    /** 0 = Sunday … 6 = Saturday; hours 0–23 in agency time. */
    cells: z.array(z.object({ weekday: z.number(), hour: z.number(), offered: z.number(), answerRate: z.number().nullable(), serviceLevel: z.number().nullable(), asaSeconds: z.number().nullable() })),
  })
  .meta({ id: 'CallHeatmap' });

const fraction = z.coerce.number().gt(0).lt(1);
export const PlannerQuery = z.object({
  agency: z.string().optional(),
  date: Day,
  interval: z.coerce.number().refine((v) => v === 15 || v === 30 || v === 60, '15, 30 or 60').default(30),
  target_sl: fraction.optional(),
  target_seconds: z.coerce.number().int().min(1).max(3600).optional(),
  target_asa: z.coerce.number().positive().max(3600).optional(),
  shrinkage: z.coerce.number().min(0).lt(1).optional(),
  max_occupancy: z.coerce.number().gt(0).max(1).optional(),
  weeks: z.coerce.number().int().min(1).max(26).default(8),
  queue: z.string().max(200).optional(),
});
export type PlannerQuery = z.infer<typeof PlannerQuery>;

export const PlannerInterval = z.object({
  start: z.string(),
  forecastCalls: z.number(),
  ahtSeconds: z.number().nullable(),
  agents: z.number(),
  agentsWithShrinkage: z.number(),
  serviceLevel: z.number(),
  asaSeconds: z.number(),
  occupancy: z.number(),
  scheduled: z.number().nullable(),
  gap: z.number().nullable(),
  /** Agents (with shrinkage) for 97 % answered within 120 s. */
  agentsFor97In120: z.number(),
});
export const StaffingPlan = z
  .object({
    date: z.string(),
    intervalMinutes: z.number(),
    weeksUsed: z.array(z.object({ date: z.string(), weight: z.number() })),
    target: z.union([z.object({ serviceLevel: z.number(), withinSeconds: z.number() }), z.object({ asaSeconds: z.number() })]),
    shrinkage: z.number(),
    maxOccupancy: z.number(),
    intervals: z.array(PlannerInterval),
    summary: z.object({
      forecastCalls: z.number(),
      agentHoursRequired: z.number(),
      agentHoursScheduled: z.number().nullable(),
      peakAgents: z.number(),
      /** What it would take to reach 97 % answered and a 2-minute wait. */
      for97In120: z.object({ agentHours: z.number(), peakAgents: z.number(), extraAgentHoursVsScheduled: z.number().nullable(), extraAgentHoursVsTarget: z.number() }),
    }),
  })
  .meta({ id: 'StaffingPlan' });
export type StaffingPlan = z.infer<typeof StaffingPlan>;

export const ScheduleResult = z.object({ stored: z.number(), rejected: z.number(), errors: z.array(z.object({ row: z.number(), code: z.string(), message_ar: z.string(), message_en: z.string() })) });
export type CallHeatmap = z.infer<typeof CallHeatmap>;
