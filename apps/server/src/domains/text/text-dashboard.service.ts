import { rateWithFlags, SUPPRESSION_MIN_N, type FlaggedRate } from '@tajriba/stats';
import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import * as q from './text.queries.ts';
import { getTaxonomy, periodOf } from './text.service.ts';

// Dashboard figures of text analytics. Every share comes with its n; a group of fewer than
// five texts is suppressed (no shares, no examples), as for every other dashboard figure.

const EXAMPLES_PER_TOPIC = 3;
const TOPICS_PER_GROUP = 5;

type Shares = { positive: FlaggedRate; negative: FlaggedRate; neutral: FlaggedRate };

function sharesOf(c: { n: number; positive: number; negative: number; neutral: number }): Shares {
  return { positive: rateWithFlags(c.positive, c.n), negative: rateWithFlags(c.negative, c.n), neutral: rateWithFlags(c.neutral, c.n) };
}

/** Sentiment shares per week or month; buckets with n < 5 are suppressed (counts withheld too). */
export async function getSentimentTrend(db: Db, agency: AgencyRef, p: { from: string; to: string; service?: string; branch?: string; grain: 'week' | 'month' }) {
  const period = await periodOf(db, agency, p);
  const rows = await q.getSentimentTrend(db, agency.id, period, p.grain);
  const total = rows.reduce((t, r) => ({ n: t.n + r.n, positive: t.positive + r.positive, negative: t.negative + r.negative, neutral: t.neutral + r.neutral }), { n: 0, positive: 0, negative: 0, neutral: 0 });
  return {
    grain: p.grain,
    min_n: SUPPRESSION_MIN_N,
    total: { ...total, shares: sharesOf(total), suppressed: total.n < SUPPRESSION_MIN_N },
    items: rows.map((r) => {
      const suppressed = r.n < SUPPRESSION_MIN_N;
      return suppressed
        ? { period: r.period, n: r.n, suppressed, positive: null, negative: null, neutral: null, shares: null }
        : { period: r.period, n: r.n, suppressed, positive: r.positive, negative: r.negative, neutral: r.neutral, shares: sharesOf(r) };
    }),
  };
}

/**
 * Top negative topics per service or branch: for each topic, the negative texts that mention
 * it, their share of the group's analysed texts (with n) and the latest examples (raw text;
 * the client escapes it when rendering).
 */
export async function getTopNegativeTopics(db: Db, agency: AgencyRef, p: { from: string; to: string; service?: string; by: 'service' | 'branch' }) {
  const period = await periodOf(db, agency, p);
  const names = new Map((await getTaxonomy(db, agency.id)).map((t) => [t.code, { name_ar: t.name_ar, name_en: t.name_en }]));
  const rows = await q.getNegativeTopicCounts(db, agency.id, period, p.by);
  const groups = new Map<number, { code: string; name_ar: string; name_en: string; n: number; negative: number; topics: { topic: string; n: number }[] }>();
  for (const r of rows) {
    let g = groups.get(r.group_id);
    if (!g) groups.set(r.group_id, (g = { code: r.code, name_ar: r.name_ar, name_en: r.name_en, n: r.n, negative: r.negative, topics: [] }));
    if (r.topic) g.topics.push({ topic: r.topic, n: r.topic_n });
  }
  const items = [];
  for (const [groupId, g] of groups) {
    const suppressed = g.n < SUPPRESSION_MIN_N;
    const base = { code: g.code, name_ar: g.name_ar, name_en: g.name_en, n: g.n, suppressed };
    if (suppressed) {
      items.push({ ...base, negative: null, negative_share: null, topics: [] });
      continue;
    }
    const topics = [];
    for (const t of g.topics.slice(0, TOPICS_PER_GROUP)) {
      const examples = await q.getNegativeExamples(db, agency.id, period, p.by, groupId, t.topic, EXAMPLES_PER_TOPIC);
      topics.push({ topic: t.topic, ...(names.get(t.topic) ?? { name_ar: t.topic, name_en: t.topic }), count: t.n, share: rateWithFlags(t.n, g.n), examples });
    }
    items.push({ ...base, negative: g.negative, negative_share: rateWithFlags(g.negative, g.n), topics });
  }
  // Most negative texts first: where it hurts most.
  items.sort((a, b) => (b.negative ?? -1) - (a.negative ?? -1) || a.code.localeCompare(b.code));
  return { by: p.by, min_n: SUPPRESSION_MIN_N, items };
}
