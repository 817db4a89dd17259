import { createRoute, z } from '@hono/zod-openapi';
import {
  AnswerList, AnswersQuery, QuestionBank, Question, ResultsQuery, Survey, SurveyInput, SurveyResults, SurveyStatusUpdate, SurveySummary,
} from '@tajriba/contracts';
import { renderSurveyPage } from '../../../../survey-page/src/index.ts';
import type { Api } from '../../http/api.ts';
import { errorResponses } from '../../http/api.ts';
import { requireAgency } from '../../http/agency-scope.ts';
import { requireActor } from '../../http/auth.ts';
import type { Services } from '../../http/context.ts';
import { canAnalyze, canManageSurveys, canViewAgency } from '../../http/permissions.ts';
import { registerDistributionRoutes } from './distribution.routes.ts';
import { QUESTION_BANK } from './question-bank.ts';
import { answersCsv, getSurveyResults, listSurveyAnswers } from './results.service.ts';
import { validateQuestions } from './survey-design.ts';
import { surveyRuntime } from './survey-runtime.ts';
import { changeSurveyStatus, createSurvey, listSurveys, requireSurvey, toSurvey, updateSurvey } from './surveys.service.ts';
import './surveys.jobs.ts';

const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });
const AgencyQuery = z.object({ agency: z.string().optional() });
const CodeParam = z.object({ code: z.string() });
const tags = ['surveys'];

/** Survey design, results and (via distribution.routes.ts) invitations, posters, webhooks. */
export function registerSurveyRoutes(api: Api, services: Services) {
  surveyRuntime(services); // binds keys for the post-service ingest hook in this process
  registerDistributionRoutes(api); // first: its static paths (/surveys/outbox) must win over /surveys/{code}
  api.openapi(
    createRoute({ method: 'get', path: '/surveys', tags, summary: 'List surveys with invited and completed counts', request: { query: AgencyQuery }, responses: { 200: { description: 'Surveys', ...json(z.object({ items: z.array(SurveySummary) })) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canViewAgency);
      return c.json({ items: await listSurveys(c.var.services.db, agency.id) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/question-bank', tags, summary: 'Built-in question bank (OMB A-11 §280 drivers), Arabic and English', request: { query: AgencyQuery }, responses: { 200: { description: 'Questions', ...json(QuestionBank) }, ...errorResponses } }),
    async (c) => {
      await requireAgency(c, canViewAgency);
      return c.json({ items: QUESTION_BANK }, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'post', path: '/surveys', tags, summary: 'Create a survey (draft, version 1)', request: { query: AgencyQuery, body: { ...json(SurveyInput), required: true } }, responses: { 201: { description: 'Created', ...json(Survey) }, 409: { description: 'Code taken' }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canManageSurveys);
      return c.json(await createSurvey(c.var.services.db, requireActor(c), agency.id, c.req.valid('json'), c.var.requestId), 201);
    },
  );

  api.openapi(
    createRoute({ method: 'post', path: '/surveys/preview', tags, summary: 'Render questions as the public page would (for the editor preview)', request: { query: AgencyQuery.extend({ lang: z.enum(['ar', 'en']).default('ar') }), body: { ...json(z.object({ name: z.string().max(200).default(''), questions: z.array(Question).min(1).max(40) })), required: true } }, responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canViewAgency);
      const { questions, name } = c.req.valid('json');
      validateQuestions(questions);
      const lang = c.req.valid('query').lang;
      const html = renderSurveyPage({
        lang, agencyName: lang === 'ar' ? agency.name_ar : agency.name_en, surveyName: name, questions, answers: {},
        page: 0, pageCount: 1, action: '#', switchUrl: '#',
      });
      return c.html(html, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/{code}', tags, summary: 'A survey with its current version', request: { params: CodeParam, query: AgencyQuery }, responses: { 200: { description: 'Survey', ...json(Survey) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canViewAgency);
      return c.json(toSurvey(await requireSurvey(c.var.services.db, agency.id, c.req.valid('param').code)), 200);
    },
  );

  api.openapi(
    createRoute({ method: 'put', path: '/surveys/{code}', tags, summary: 'Edit a survey; editing a live or answered version creates the next version', request: { params: CodeParam, query: AgencyQuery, body: { ...json(SurveyInput), required: true } }, responses: { 200: { description: 'Saved', ...json(Survey) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canManageSurveys);
      return c.json(await updateSurvey(c.var.services.db, requireActor(c), agency.id, c.req.valid('param').code, c.req.valid('json'), c.var.requestId), 200);
    },
  );

  api.openapi(
    createRoute({ method: 'put', path: '/surveys/{code}/status', tags, summary: 'Activate, pause (draft) or archive a survey', request: { params: CodeParam, query: AgencyQuery, body: { ...json(SurveyStatusUpdate), required: true } }, responses: { 200: { description: 'Saved', ...json(Survey) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canManageSurveys);
      return c.json(await changeSurveyStatus(c.var.services.db, requireActor(c), agency.id, c.req.valid('param').code, c.req.valid('json').status, c.var.requestId), 200);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/{code}/results', tags, summary: 'Response rate, CSAT (share of 4–5) with n and Wilson 95% interval, mean and distribution, grouped', request: { params: CodeParam, query: ResultsQuery }, responses: { 200: { description: 'Results', ...json(SurveyResults) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      const q = c.req.valid('query');
      return c.json(await getSurveyResults(c.var.services.db, agency, c.req.valid('param').code, q.group_by, q), 200);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/{code}/answers', tags, summary: 'Completed responses with answers, filtered; format=csv exports them', request: { params: CodeParam, query: AnswersQuery }, responses: { 200: { description: 'Answers', ...json(AnswerList), content: { 'application/json': { schema: AnswerList }, 'text/csv': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      const q = c.req.valid('query');
      const code = c.req.valid('param').code;
      const out = await listSurveyAnswers(c.var.services.db, agency, code, q);
      if (q.format === 'csv') {
        c.header('content-disposition', `attachment; filename="survey-${code}-answers.csv"`);
        return c.body(answersCsv(out.items, out.questions), 200, { 'content-type': 'text/csv; charset=utf-8' }) as never;
      }
      return c.json({ items: out.items, next_before: out.next_before }, 200);
    },
  );
}
