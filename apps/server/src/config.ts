import { z } from 'zod';

// The only reader of process.env. Everything else receives a Config.
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  TAJRIBA_DATA_DIR: z.string().default('./data'),
  // HMAC key for pseudonymizing beneficiary/employee identifiers (hex or any string, ≥ 32 chars).
  // Embedded mode generates one in the data dir when it is absent.
  TAJRIBA_PSEUDONYM_KEY: z.string().min(32).optional(),
  TAJRIBA_DEMO: z.enum(['auto', 'off']).default('auto'),
  TAJRIBA_DEMO_DAYS: z.coerce.number().int().min(1).max(730).default(90),
  TAJRIBA_PUBLIC_URL: z.string().url().optional(),
  TAJRIBA_BODY_LIMIT_MB: z.coerce.number().positive().default(25),
  // File uploads stream to disk, so they get their own, much larger limit.
  TAJRIBA_UPLOAD_LIMIT_MB: z.coerce.number().positive().default(2048),
  TAJRIBA_SECURE_COOKIES: z.enum(['auto', 'on', 'off']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TAJRIBA_TEST_DB: z.enum(['pglite', 'postgres']).optional(),
  TEST_DATABASE_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Tajriba <no-reply@tajriba.local>'),
  SMS_GATEWAY_URL: z.string().url().optional(),
  /** JSON body sent to the SMS gateway; {to} and {text} are replaced (JSON-escaped). */
  SMS_GATEWAY_TEMPLATE: z.string().default('{"to":"{to}","text":"{text}"}'),
  SMS_GATEWAY_AUTH: z.string().optional(),
  /** Signs survey links; derived from the pseudonym key when unset. */
  TAJRIBA_SURVEY_TOKEN_SECRET: z.string().min(32).optional(),
  /** Public survey page requests per minute, per client IP and per link. */
  TAJRIBA_SURVEY_RATE_PER_MIN: z.coerce.number().int().min(1).default(120),
});

export type Config = z.infer<typeof ConfigSchema> & { publicUrl: string };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration / إعدادات غير صالحة:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return { ...c, publicUrl: c.TAJRIBA_PUBLIC_URL ?? `http://localhost:${c.PORT}` };
}

/** Test/bench environment values, read through the same schema. */
export function testDatabaseTarget(env: Record<string, string | undefined> = process.env) {
  const c = ConfigSchema.partial().parse(env);
  return { kind: c.TAJRIBA_TEST_DB ?? 'pglite', url: c.TEST_DATABASE_URL } as const;
}
