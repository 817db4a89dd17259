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
  duplicates: z.number(),
  rejected: z.number(),
  errors: z.array(RowError),
});
export type RowError = z.infer<typeof RowError>;
export type ImportSummary = z.infer<typeof ImportSummary>;
