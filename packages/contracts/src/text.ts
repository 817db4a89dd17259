import { z } from 'zod';
import { Code, NameAr, NameEn } from './common.ts';

// Text analytics: feedback intake, analysis for integrators, topic taxonomy, discovery and
// the dashboard figures.

export const SENTIMENTS = ['positive', 'negative', 'neutral'] as const;
export const Sentiment = z.enum(SENTIMENTS);
export const FEEDBACK_KINDS = ['complaint', 'comment', 'suggestion'] as const;
export const FeedbackKind = z.enum(FEEDBACK_KINDS);
export const MAX_FEEDBACK_PER_REQUEST = 5_000;
export const MAX_TEXT_LENGTH = 5_000;
export const MAX_ANALYZE_TEXTS = 1_000;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const SentimentScores = z.object({ positive: z.number(), negative: z.number(), neutral: z.number() });

export const AnalyzeRequest = z.object({ texts: z.array(z.string().max(MAX_TEXT_LENGTH)).min(1).max(MAX_ANALYZE_TEXTS) }).meta({ id: 'TextAnalyzeRequest' });
export const AnalyzeResult = z.object({
  label: Sentiment,
  scores: SentimentScores,
  topics: z.array(z.string()),
  empty: z.boolean().optional(),
});
export const AnalyzeResponse = z.object({ items: z.array(AnalyzeResult) }).meta({ id: 'TextAnalyzeResponse' });

export const TopicRule = z.object({
  code: z.string().regex(/^[a-z0-9_]{1,64}$/, 'lowercase letters, digits and _'),
  name_ar: NameAr,
  name_en: NameEn,
  keywords: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
});
export type TopicRule = z.infer<typeof TopicRule>;
export const TopicList = z
  .object({ items: z.array(TopicRule).max(200) })
  .refine((v) => new Set(v.items.map((t) => t.code)).size === v.items.length, { message: 'duplicate code', path: ['items'] })
  .meta({ id: 'TextTopicList' });

export const FeedbackItem = z.object({
  id: z.number(),
  kind: z.string(),
  external_id: z.string(),
  text: z.string(),
  occurred_at: z.string(),
  service: z.string().nullable(),
  branch: z.string().nullable(),
  channel: z.string().nullable(),
  status: z.enum(['pending', 'done']),
  sentiment: Sentiment.nullable(),
  scores: SentimentScores.nullable(),
  topics: z.array(z.string()),
});
export const FeedbackListQuery = z.object({
  agency: z.string().optional(),
  kind: z.enum([...FEEDBACK_KINDS, 'survey_answer']).optional(),
  topic: z.string().max(64).optional(),
  sentiment: Sentiment.optional(),
  service: Code.optional(),
  branch: Code.optional(),
  q: z.string().max(200).optional(),
  from: Day.optional(),
  to: Day.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().positive().optional(),
});
export type FeedbackListQuery = z.infer<typeof FeedbackListQuery>;

export const TextPeriodQuery = z
  .object({
    agency: z.string().optional(),
    from: Day,
    to: Day,
    service: Code.optional(),
    branch: Code.optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });

export const TrendQuery = z
  .object({ agency: z.string().optional(), from: Day, to: Day, service: Code.optional(), branch: Code.optional(), grain: z.enum(['week', 'month']).default('week') })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });

export const NegativeTopicsQuery = z
  .object({ agency: z.string().optional(), from: Day, to: Day, service: Code.optional(), by: z.enum(['service', 'branch']).default('service') })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });

export const DiscoverQuery = z
  .object({ agency: z.string().optional(), from: Day, to: Day, service: Code.optional(), k: z.coerce.number().int().min(2).max(12).default(5) })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });

export const TopicFromCluster = z.object({
  code: TopicRule.shape.code,
  name_ar: NameAr,
  name_en: NameEn,
  phrases: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
}).meta({ id: 'TextTopicFromCluster' });
