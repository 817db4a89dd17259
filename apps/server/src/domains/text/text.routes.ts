import { createRoute, z } from '@hono/zod-openapi';
import { normalizeArabic } from '@tajriba/arabic-text';
import {
  AnalyzeRequest, AnalyzeResponse, DiscoverQuery, FEEDBACK_KINDS, FeedbackListQuery, FeedbackItem, IngestSummary,
  NegativeTopicsQuery, TopicFromCluster, TopicList, TrendQuery,
} from '@tajriba/contracts';
import type { Api } from '../../http/api.ts';
import { errorResponses } from '../../http/api.ts';
import { requireAgency } from '../../http/agency-scope.ts';
import { canAnalyze, canIngest, canManageTopics } from '../../http/permissions.ts';
import { feedbackItemsOfBody, ingestFeedback } from './feedback.service.ts';
import { getSentimentTrend, getTopNegativeTopics } from './text-dashboard.service.ts';
import * as q from './text.queries.ts';
import * as svc from './text.service.ts';

const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });
const AgencyQuery = z.object({ agency: z.string().optional() });
const ok = (description: string, schema?: z.ZodTypeAny) => ({ 200: { description, ...(schema ? json(schema) : {}) }, ...errorResponses });

export function registerTextRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: 'post', path: '/feedback', tags: ['text'], summary: 'Submit complaints, comments or suggestions (one or {items:[…]} ≤ 5,000); idempotent on external_id',
      request: { query: AgencyQuery, body: { ...json(z.unknown()), required: true } },
      responses: { ...ok('Summary / الملخص', IngestSummary), 413: { description: 'More than 5,000 items' } },
    }),
    async (c) => {
      const agency = await requireAgency(c, canIngest);
      const summary = await ingestFeedback(c.var.services, agency, feedbackItemsOfBody(c.req.valid('json')));
      return c.json(summary, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/feedback', tags: ['text'], summary: 'Feedback (or survey free-text answers) filtered by topic, sentiment, service, branch, period and normalized search',
      request: { query: FeedbackListQuery }, responses: ok('Texts, newest first', z.object({ items: z.array(FeedbackItem) })),
    }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      const f = c.req.valid('query');
      const { db } = c.var.services;
      const rows = await q.listFeedback(db, agency.id, agency.timezone, {
        sourceTypes: f.kind ? [f.kind] : [...FEEDBACK_KINDS],
        topic: f.topic, sentiment: f.sentiment,
        serviceId: await svc.resolveFilterCode(db, agency.id, 'services', 'service', f.service),
        branchId: await svc.resolveFilterCode(db, agency.id, 'branches', 'branch', f.branch),
        // The same normalizer as the stored text_norm: "الاستعلام" finds "الإستعلام".
        q: f.q ? normalizeArabic(f.q) : undefined,
        fromDay: f.from, toDay: f.to, limit: f.limit, before: f.before,
      });
      const items = rows.map(({ score_positive, score_negative, score_neutral, occurred_at, ...r }) => ({
        ...r,
        occurred_at: new Date(occurred_at).toISOString(),
        scores: score_positive === null ? null : { positive: score_positive, negative: score_negative!, neutral: score_neutral! },
      }));
      return c.json({ items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post', path: '/text/analyze', tags: ['text'], summary: 'Sentiment and topics of up to 1,000 texts (nothing stored)',
      request: { query: AgencyQuery, body: { ...json(AnalyzeRequest), required: true } }, responses: ok('One result per text, in order', AnalyzeResponse),
    }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      return c.json({ items: await svc.analyzeTexts(c.var.services.db, agency.id, c.req.valid('json').texts) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/text/topics', tags: ['text'], summary: "The agency's topic taxonomy", request: { query: AgencyQuery }, responses: ok('Topics', TopicList) }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      return c.json({ items: await svc.getTaxonomy(c.var.services.db, agency.id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put', path: '/text/topics', tags: ['text'], summary: 'Replace the taxonomy; stored texts are re-analysed by the job',
      request: { query: AgencyQuery, body: { ...json(TopicList), required: true } }, responses: ok('Topics', TopicList),
    }),
    async (c) => {
      const agency = await requireAgency(c, canManageTopics);
      return c.json({ items: await svc.replaceTaxonomy(c.var.services.db, agency.id, c.req.valid('json').items) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post', path: '/text/topics/from-cluster', tags: ['text'], summary: "Add a topic whose keywords are a discovered cluster's phrases",
      request: { query: AgencyQuery, body: { ...json(TopicFromCluster), required: true } }, responses: ok('Topics', TopicList),
    }),
    async (c) => {
      const agency = await requireAgency(c, canManageTopics);
      return c.json({ items: await svc.addTopicFromCluster(c.var.services.db, agency.id, c.req.valid('json')) }, 201 as 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/text/discover', tags: ['text'], summary: 'Clusters of negative texts no topic matched: top phrases and examples',
      request: { query: DiscoverQuery }, responses: ok('Clusters'),
    }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      return c.json(await svc.discoverNegativeTopics(c.var.services.db, agency, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/text/trend', tags: ['text'], summary: 'Sentiment shares per week or month (agency time zone), with n; n < 5 suppressed',
      request: { query: TrendQuery }, responses: ok('Trend'),
    }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      return c.json(await getSentimentTrend(c.var.services.db, agency, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/text/negative-topics', tags: ['text'], summary: 'Top negative topics per service or branch with n and example texts; groups < 5 suppressed',
      request: { query: NegativeTopicsQuery }, responses: ok('Groups'),
    }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      return c.json(await getTopNegativeTopics(c.var.services.db, agency, c.req.valid('query')), 200);
    },
  );
}
