import { analyzeSentiment, classifyTopics, DEFAULT_TOPICS, discoverTopics, normalizeArabic, type Topic } from '@tajriba/arabic-text';
import type { TopicRule } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import type { AgencyRef, Services } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import { analyzeTextsJob } from './text.jobs.ts';
import * as q from './text.queries.ts';
import './text.messages.ts';

// Rules of text analytics: storing texts for analysis, running the analysis, the agency's
// topic taxonomy, analysis on demand and topic discovery.

/** Rows analysed per transaction by the job: small enough to keep a transaction short. */
export const ANALYZE_BATCH = 500;

export type TextSubmission = Omit<q.TextRow, 'text_norm'>;

/**
 * The ingest point for every domain with free text (survey answers, feedback): stores the
 * texts as pending and enqueues one durable analysis job, inside the caller's transaction,
 * so a rolled-back save leaves neither. Returns how many texts were new or changed.
 */
export async function submitTexts(tx: Db, agencyId: number, items: TextSubmission[]): Promise<number> {
  const rows = items
    .filter((i) => typeof i.text === 'string' && i.text.trim() !== '')
    .map((i) => ({ ...i, text_norm: normalizeArabic(i.text) }));
  let changed = 0;
  // Feedback and survey answers have different conflict rules, so they are stored apart.
  for (const group of [rows.filter((r) => r.source_type === 'survey_answer'), rows.filter((r) => r.source_type !== 'survey_answer')]) {
    changed += await q.upsertTextItems(tx, agencyId, group);
  }
  if (changed > 0) await enqueueJob(tx, analyzeTextsJob, { agencyId }, { agencyId });
  return changed;
}

/** The agency's taxonomy; the first read stores a copy of the default so it can be edited. */
export async function getTaxonomy(db: Db, agencyId: number): Promise<TopicRule[]> {
  if (!(await q.hasTaxonomy(db, agencyId))) {
    await db.transaction((tx) => q.replaceTopics(tx, agencyId, DEFAULT_TOPICS.map((t) => ({ ...t, keywords: [...t.keywords] }))));
  }
  return q.listTopics(db, agencyId);
}

/** Replaces the taxonomy and re-analyses the agency's texts so stored topics follow the new rules. */
export async function replaceTaxonomy(db: Db, agencyId: number, topics: TopicRule[]) {
  await db.transaction(async (tx) => {
    await q.replaceTopics(tx, agencyId, topics);
    if ((await q.markAllPending(tx, agencyId)) > 0) await enqueueJob(tx, analyzeTextsJob, { agencyId }, { agencyId });
  });
  return q.listTopics(db, agencyId);
}

/** Adds one topic built from a discovered cluster's phrases. */
export async function addTopicFromCluster(db: Db, agencyId: number, t: { code: string; name_ar: string; name_en: string; phrases: string[] }) {
  const current = await getTaxonomy(db, agencyId);
  if (current.some((x) => x.code === t.code)) throw new AppError('topic_exists', 409, 'text_topic_exists', { field: 'code', params: { code: t.code } });
  return replaceTaxonomy(db, agencyId, [...current, { code: t.code, name_ar: t.name_ar, name_en: t.name_en, keywords: t.phrases }]);
}

export interface TextAnalysis {
  label: 'positive' | 'negative' | 'neutral';
  scores: { positive: number; negative: number; neutral: number };
  topics: string[];
  empty?: boolean;
}

/** Sentiment and topics of one text; never throws. */
export function analyzeText(text: string, taxonomy: readonly Topic[]): TextAnalysis {
  const s = analyzeSentiment(text);
  return { label: s.label, scores: s.scores, topics: classifyTopics(text, taxonomy), ...(s.empty ? { empty: true } : {}) };
}

export async function analyzeTexts(db: Db, agencyId: number, texts: string[]): Promise<TextAnalysis[]> {
  const taxonomy = await getTaxonomy(db, agencyId);
  return texts.map((t) => analyzeText(t, taxonomy));
}

/** The job's work: analyses pending texts in batches until none is left. Returns how many. */
export async function analyzePendingTexts(services: Services, agencyId: number): Promise<number> {
  const { db } = services;
  const taxonomy = await getTaxonomy(db, agencyId);
  let done = 0;
  for (;;) {
    const pending = await q.listPendingTexts(db, agencyId, ANALYZE_BATCH);
    if (!pending.length) return done;
    const rows = pending.map((p) => {
      const a = analyzeText(p.text, taxonomy);
      return { id: p.id, sentiment: a.label, ...a.scores, topics: a.topics };
    });
    await q.saveAnalyses(db, agencyId, rows);
    done += rows.length;
  }
}

/** Catalog code → id for a filter; an unknown code is a 400 naming the field. */
export async function resolveFilterCode(db: Db, agencyId: number, table: 'services' | 'branches' | 'channels', field: string, code: string | undefined) {
  if (code === undefined) return undefined;
  const id = await q.getCodeIds(db, agencyId, table, code);
  if (id === undefined) throw new AppError('unknown_code', 400, 'text_unknown_filter', { field, params: { value: code } });
  return id;
}

export async function periodOf(db: Db, agency: AgencyRef, p: { from: string; to: string; service?: string; branch?: string }): Promise<q.Period> {
  return {
    fromDay: p.from,
    toDay: p.to,
    tz: agency.timezone,
    serviceId: await resolveFilterCode(db, agency.id, 'services', 'service', p.service),
    branchId: await resolveFilterCode(db, agency.id, 'branches', 'branch', p.branch),
  };
}

/** Texts considered by discovery at most (latest first): k-means stays well under a second. */
export const DISCOVERY_MAX_TEXTS = 3_000;

/** Clusters negative texts no topic matched; each cluster has top phrases and example texts. */
export async function discoverNegativeTopics(db: Db, agency: AgencyRef, p: { from: string; to: string; service?: string; k: number }) {
  const period = await periodOf(db, agency, p);
  const texts = await q.listUncategorizedNegative(db, agency.id, period, DISCOVERY_MAX_TEXTS);
  const result = discoverTopics(texts.map((t) => t.text), { k: Math.min(p.k, Math.max(1, texts.length)), seed: 7, examples: 5 });
  return {
    n: texts.length,
    clusters: result.clusters.map((c, i) => ({
      cluster: i + 1,
      size: c.size,
      top_phrases: c.topPhrases,
      examples: c.exampleIndexes.map((x) => ({ id: texts[x].id, text: texts[x].text })),
    })),
  };
}
