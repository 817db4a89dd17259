import { z } from 'zod';

export const Locale = z.enum(['ar', 'en']);
export const Role = z.enum(['admin', 'analyst', 'supervisor', 'viewer']);
export const Code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - only');
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lowercase letters, digits and - (2–40)');
export const NameAr = z.string().trim().min(1).max(200);
export const NameEn = z.string().trim().min(1).max(200);

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message_ar: z.string(),
    message_en: z.string(),
    field: z.string().optional(),
    row: z.number().int().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ListOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item) });
