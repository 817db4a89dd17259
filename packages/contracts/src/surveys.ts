import { z } from 'zod';
import { Code, NameAr, NameEn } from './common.ts';

// Survey design, results and admin shapes shared by server, web and CLI.

export const QuestionKind = z.enum(['rating', 'agree', 'yes_no', 'single', 'multi', 'text', 'nps']);
export type QuestionKind = z.infer<typeof QuestionKind>;
/** Seed 004: every measure belongs to one component of experience. */
export const Component = z.enum(['functional', 'cultural', 'emotional']);
export type Component = z.infer<typeof Component>;
/** OMB A-11 §280 post-transaction drivers, plus what went well / what didn't. */
export const Driver = z.enum([
  'satisfaction', 'trust', 'effectiveness', 'ease', 'efficiency', 'equity', 'employee', 'went_well', 'went_wrong', 'comment',
]);
export type Driver = z.infer<typeof Driver>;
export const SurveyKind = z.enum(['post_service', 'periodic', 'poster']);
export const SurveyStatus = z.enum(['draft', 'active', 'archived']);
export const QuestionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a–z, 0–9, _ (max 40), starting with a letter');

export const QuestionOption = z.object({ value: Code, label_ar: NameAr, label_en: NameEn });
export const ShowIf = z.object({
  question: QuestionKey,
  op: z.enum(['lte', 'gte', 'eq']),
  value: z.number().int().min(0).max(10),
});
export type ShowIf = z.infer<typeof ShowIf>;

export const Question = z.object({
  key: QuestionKey,
  kind: QuestionKind,
  component: Component,
  driver: Driver.nullable().optional(),
  text_ar: z.string().trim().min(1).max(500),
  text_en: z.string().trim().min(1).max(500),
  required: z.boolean().optional(),
  /** Rating display: stars or faces (1–5). */
  style: z.enum(['stars', 'faces']).optional(),
  options: z.array(QuestionOption).max(20).optional(),
  /** Show only when an earlier scored question satisfies the condition (e.g. A ≤ 2). */
  show_if: ShowIf.nullable().optional(),
});
export type Question = z.infer<typeof Question>;

export const SurveyInput = z.object({
  code: Code,
  kind: SurveyKind,
  name_ar: NameAr,
  name_en: NameEn,
  /** Service codes the survey covers. */
  services: z.array(Code).max(500).default([]),
  /** Optional narrowing to channel codes; null = every channel. */
  channels: z.array(Code).max(100).nullable().optional(),
  trigger_outcomes: z.array(z.enum(['completed', 'failed', 'abandoned', 'transferred'])).min(1).optional(),
  questions: z.array(Question).min(1).max(40),
});
export type SurveyInput = z.infer<typeof SurveyInput>;

export const Survey = SurveyInput.extend({
  status: SurveyStatus,
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Survey = z.infer<typeof Survey>;

export const SurveySummary = z.object({
  code: Code, kind: SurveyKind, name_ar: z.string(), name_en: z.string(), status: SurveyStatus, version: z.number().int(),
  services: z.array(Code), invited: z.number().int(), completed: z.number().int(),
});
export const SurveyStatusUpdate = z.object({ status: SurveyStatus });

export const QuestionBank = z.object({ items: z.array(Question) });

export const ResultsGroupBy = z.enum(['survey', 'service', 'branch', 'channel', 'provider', 'driver', 'component', 'question']);
export type ResultsGroupBy = z.infer<typeof ResultsGroupBy>;
export const ResultsQuery = z.object({
  agency: z.string().optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  group_by: ResultsGroupBy.default('survey'),
  service: Code.optional(),
  branch: Code.optional(),
  channel: Code.optional(),
  version: z.coerce.number().int().min(1).optional(),
});

export const ResultsRow = z.object({
  key: z.string(),
  name_ar: z.string(),
  name_en: z.string(),
  invited: z.number().int().nullable(),
  completed: z.number().int().nullable(),
  response_rate: z.number().nullable(),
  /** Answers on the 1–5 scale and the share of 4–5 (CSAT) with its Wilson 95 % interval. */
  n: z.number().int(),
  csat: z.number().nullable(),
  csat_low: z.number().nullable(),
  csat_high: z.number().nullable(),
  mean: z.number().nullable(),
  distribution: z.array(z.number().int()).length(5),
  suppressed: z.boolean(),
  low_n: z.boolean(),
});
export type ResultsRow = z.infer<typeof ResultsRow>;
export const SurveyResults = z.object({
  survey: Code, group_by: ResultsGroupBy, from: z.string(), to: z.string(),
  total: ResultsRow, rows: z.array(ResultsRow),
  suppressions: z.array(z.object({ reason: z.string(), n: z.number().int() })),
});

export const AnswersQuery = z.object({
  agency: z.string().optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  service: Code.optional(),
  branch: Code.optional(),
  channel: Code.optional(),
  max_score: z.coerce.number().int().min(1).max(5).optional(),
  has_comment: z.enum(['true', 'false']).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().optional(),
});
export const AnswerRow = z.object({
  response_id: z.number().int(),
  completed_at: z.string().nullable(),
  version: z.number().int(),
  locale: z.string(),
  service: z.string().nullable(),
  branch: z.string().nullable(),
  channel: z.string().nullable(),
  provider: z.string().nullable(),
  source: z.enum(['invitation', 'poster']),
  answers: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string()), z.null()])),
});
export const AnswerList = z.object({ items: z.array(AnswerRow), next_before: z.number().int().nullable() });

export const InvitationCreate = z.object({
  /** Person identifier (national ID / iqama / phone): pseudonymized, never stored. */
  beneficiary_id: z.string().min(1).max(100).optional(),
  phone: z.string().min(5).max(30).optional(),
  email: z.string().email().max(200).optional(),
  service: Code.optional(),
  branch: Code.optional(),
  channel: Code.optional(),
});
export const InvitationCreated = z.object({
  id: z.number().int(), url: z.string(), delivery: z.enum(['sms', 'email', 'link']), expires_at: z.string(),
  suppressed: z.string().nullable(),
});

export const CampaignInput = z.object({
  name: z.string().trim().min(1).max(200),
  lookback_days: z.number().int().min(1).max(365),
  sample_size: z.number().int().min(1).max(1_000_000),
  /** Repeat every N days; null = once. */
  every_days: z.number().int().min(1).max(365).nullable().optional(),
  start_at: z.string().datetime({ offset: true }).optional(),
});
export const Campaign = CampaignInput.extend({
  id: z.number().int(), survey: Code, next_run_at: z.string().nullable(), last_run_at: z.string().nullable(),
  last_invited: z.number().int(), active: z.boolean(),
});

export const PosterInput = z.object({ service: Code.nullable().optional(), branch: Code.nullable().optional() });
export const Poster = z.object({
  id: z.number().int(), survey: Code, service: z.string().nullable(), branch: z.string().nullable(), url: z.string(),
  svg_url: z.string(), print_url: z.string(), pdf_url: z.string(),
});

export const OutboxMessage = z.object({
  id: z.number().int(), kind: z.enum(['sms', 'email']), to_masked: z.string(), subject: z.string().nullable(),
  body: z.string(), created_at: z.string(),
});

export const WebhookInput = z.object({ url: z.string().url().max(2000) });
export const Webhook = z.object({ id: z.number().int(), url: z.string(), active: z.boolean(), created_at: z.string() });
export const WebhookCreated = Webhook.extend({ secret: z.string() });
