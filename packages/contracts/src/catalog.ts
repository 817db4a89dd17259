import { z } from 'zod';
import { Code, NameAr, NameEn } from './common.ts';

// Catalog entities are addressed by their per-agency code in every API path and CSV file.
export const CatalogKind = z.enum(['branches', 'channels', 'services', 'providers']);
export type CatalogKind = z.infer<typeof CatalogKind>;

export const ChannelCategory = z.enum(['traditional', 'voice', 'digital']);
export const ProviderKind = z.enum(['in_house', 'third_party']);

export const Branch = z.object({
  code: Code,
  name_ar: NameAr,
  name_en: NameEn,
  city: z.string().trim().max(100).default(''),
  region: z.string().trim().max(100).default(''),
});
export const Channel = z.object({ code: Code, name_ar: NameAr, name_en: NameEn, category: ChannelCategory });
export const Provider = z.object({ code: Code, name_ar: NameAr, name_en: NameEn, kind: ProviderKind.default('in_house') });
export const Service = z.object({
  code: Code,
  name_ar: NameAr,
  name_en: NameEn,
  department_ar: z.string().trim().max(200).default(''),
  department_en: z.string().trim().max(200).default(''),
  /** Code of the provider that delivers it (outsourced services); null = in-house. */
  provider: Code.nullable().default(null),
});
export const Stage = z.object({ code: Code, name_ar: NameAr, name_en: NameEn, position: z.number().int().min(1) });
export const Reason = z.object({
  code: Code,
  name_ar: NameAr,
  name_en: NameEn,
  action_ar: z.string().trim().max(2000).default(''),
  action_en: z.string().trim().max(2000).default(''),
});

export const CatalogSchemas = { branches: Branch, channels: Channel, services: Service, providers: Provider } as const;
export type Branch = z.infer<typeof Branch>;
export type Channel = z.infer<typeof Channel>;
export type Provider = z.infer<typeof Provider>;
export type Service = z.infer<typeof Service>;
export type Stage = z.infer<typeof Stage>;
export type Reason = z.infer<typeof Reason>;

/** Result of any file import (catalog, interactions, calls). */
export const RowError = z.object({
  row: z.number().int(),
  field: z.string().optional(),
  code: z.string(),
  message_ar: z.string(),
  message_en: z.string(),
});
export const ImportSummary = z.object({
  import_id: z.number().optional(),
  status: z.enum(['running', 'done', 'failed']).optional(),
  rows_committed: z.number().optional(),
  accepted: z.number(),
  /** Of the accepted rows: new, changed (catalog import); unchanged ones count as duplicates. */
  created: z.number().optional(),
  updated: z.number().optional(),
  duplicates: z.number(),
  rejected: z.number(),
  errors: z.array(RowError),
});
export type RowError = z.infer<typeof RowError>;
export type ImportSummary = z.infer<typeof ImportSummary>;

/** A service as listed: its provider code and how many stages and reasons it has. */
export const ServiceItem = Service.extend({ stage_count: z.number().int(), reason_count: z.number().int() });
export type ServiceItem = z.infer<typeof ServiceItem>;

const uniqueBy = <T>(items: T[], key: (t: T) => unknown) => items.findIndex((t, i) => items.findIndex((u) => key(u) === key(t)) !== i);

/** A service's whole ordered stage list: codes unique, positions exactly 1..n. */
export const StageList = z.object({ items: z.array(Stage).max(500) }).superRefine((v, ctx) => {
  const dup = uniqueBy(v.items, (s) => s.code);
  if (dup >= 0) ctx.addIssue({ code: 'custom', path: ['items', dup, 'code'], message: 'duplicate code' });
  // n items with no position above n and none repeated are exactly 1..n.
  const seen = new Set<number>();
  const bad = v.items.findIndex((s) => s.position > v.items.length || seen.size === seen.add(s.position).size);
  if (bad >= 0) {
    ctx.addIssue({ code: 'custom', path: ['items', bad, 'position'], message: `positions must be 1..${v.items.length}, each once` });
  }
});
export const ReasonList = z.object({ items: z.array(Reason).max(2000) }).superRefine((v, ctx) => {
  const dup = uniqueBy(v.items, (r) => r.code);
  if (dup >= 0) ctx.addIssue({ code: 'custom', path: ['items', dup, 'code'], message: 'duplicate code' });
});

/** The whole catalog as one JSON document (export format, also accepted by import). */
export const CatalogDocument = z.object({
  providers: z.array(Provider),
  branches: z.array(Branch),
  channels: z.array(Channel),
  services: z.array(Service.extend({ stages: z.array(Stage), reasons: z.array(Reason) })),
});
export type CatalogDocument = z.infer<typeof CatalogDocument>;

/** One CSV file for the whole catalog; `type` says which entity a row is. */
export const CATALOG_CSV_COLUMNS = [
  'type', 'code', 'name_ar', 'name_en', 'city', 'region', 'category', 'kind', 'department_ar', 'department_en',
  'provider', 'service', 'position', 'action_ar', 'action_en',
] as const;
export const CatalogRowType = z.enum(['provider', 'branch', 'channel', 'service', 'stage', 'reason']);
export type CatalogRowType = z.infer<typeof CatalogRowType>;

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00–23:59');
// Field schemas without defaults, so a partial update leaves omitted keys untouched.
const agencySettingsFields = {
  /** Smallest group shown in results (small-group suppression). */
  min_n: z.number().int().min(1).max(100_000),
  repeat_window_days: z.number().int().min(1).max(365),
  journey_max_span_days: z.number().int().min(1).max(365),
  /** Service-level threshold T: share of calls answered within T seconds. */
  sl_seconds: z.number().int().min(1).max(3600),
  /** No survey invitations between start and end (agency local time; may wrap midnight). */
  quiet_hours: z.object({ start: HourMinute, end: HourMinute }),
  /** Cost of one contact in SAR, by channel code. */
  cost_per_contact: z.record(Code, z.number().min(0).max(1_000_000)),
  /** Survey fatigue: at most one invitation per beneficiary per this many days (0 = no limit). */
  survey_min_days_between: z.number().int().min(0).max(365),
  /** Share of eligible interactions invited, by service code (absent = 1, everyone). */
  survey_sampling: z.record(Code, z.number().min(0).max(1)),
  /** Days a personal survey link stays valid. */
  survey_link_days: z.number().int().min(1).max(90),
};
export const AgencySettings = z.object(agencySettingsFields);
export type AgencySettings = z.infer<typeof AgencySettings>;
export const AGENCY_SETTINGS_DEFAULTS: AgencySettings = {
  min_n: 30,
  repeat_window_days: 7,
  journey_max_span_days: 30,
  sl_seconds: 20,
  quiet_hours: { start: '22:00', end: '08:00' },
  cost_per_contact: {},
  survey_min_days_between: 30,
  survey_sampling: {},
  survey_link_days: 14,
};
/** PUT body: keys left out keep their current value; unknown keys are refused. */
export const AgencySettingsUpdate = z.strictObject(agencySettingsFields).partial();
export const agencySettingField = (key: keyof AgencySettings) => agencySettingsFields[key];
