import { z } from 'zod';
import { Locale, NameAr, NameEn, Role, Slug } from './common.ts';

export const LoginRequest = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(500) });
export const Membership = z.object({ agency_id: z.number(), slug: z.string(), name_ar: z.string(), name_en: z.string(), role: Role });
export const Me = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  locale: Locale,
  is_superadmin: z.boolean(),
  must_change_password: z.boolean(),
  memberships: z.array(Membership),
});
export type Me = z.infer<typeof Me>;

export const AgencyCreate = z.object({
  slug: Slug,
  name_ar: NameAr,
  name_en: NameEn,
  timezone: z.string().refine(isTimeZone, 'unknown IANA time zone').default('Asia/Riyadh'),
});
export const Agency = z.object({ id: z.number(), slug: z.string(), name_ar: z.string(), name_en: z.string(), timezone: z.string() });
export type Agency = z.infer<typeof Agency>;

export const UserInvite = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().max(200).default(''),
  role: Role,
  password: z.string().min(10).max(200).optional(),
});
export const PasswordChange = z.object({ current_password: z.string().min(1), new_password: z.string().min(10).max(200) });
export const ApiKeyCreate = z.object({ name: z.string().trim().min(1).max(100), role: Role });
export const ApiKey = z.object({
  id: z.number(),
  name: z.string(),
  role: Role,
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export function isTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
