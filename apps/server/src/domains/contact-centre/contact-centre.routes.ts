import { createRoute, z } from '@hono/zod-openapi';
import {
  CallBatch, CallHeatmap, CallKpiReport, HeatmapQuery, ImportAccepted, IngestSummary, KpiQuery, PlannerQuery, ScheduleResult, StaffingPlan,
} from '@tajriba/contracts';
import type { Api } from '../../http/api.ts';
import { errorResponses } from '../../http/api.ts';
import { requireAgency } from '../../http/agency-scope.ts';
import { requireActor } from '../../http/auth.ts';
import { canAnalyze, canIngest } from '../../http/permissions.ts';
import { itemsOfBody } from '../interactions/interactions.service.ts';
import { ingestCallItems } from './call-ingest.ts';
import { acceptCallUpload } from './call-import.ts';
import { getCallHeatmap, getCallKpis, importSchedule } from './contact-centre.service.ts';
import { planStaffing } from './planner.ts';

const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });
const AgencyQuery = z.object({ agency: z.string().optional() });
const UploadQuery = AgencyQuery.extend({ file_name: z.string().max(255).optional() });
const csvBody = { content: { 'text/csv': { schema: z.string() } }, required: true };
const tags = ['contact-centre'];

export function registerContactCentreRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: 'post', path: '/calls', tags, summary: 'Ingest one call record or a batch of up to 10,000',
      request: { query: AgencyQuery, body: { ...json(CallBatch), required: true } },
      responses: { 200: { description: 'Summary / الملخص', ...json(IngestSummary) }, 413: { description: 'More than 10,000 items' }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canIngest);
      const items = itemsOfBody(c.req.valid('json'));
      return c.json(await ingestCallItems(c.var.services, agency, items), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post', path: '/imports/calls', tags, summary: 'Upload a call-records CSV (UTF-8) to import in the background',
      request: { query: UploadQuery, body: csvBody },
      responses: { 202: { description: 'Queued', ...json(ImportAccepted) }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canIngest);
      const run = await acceptCallUpload(c, agency, requireActor(c), c.req.valid('query').file_name ?? 'calls.csv');
      return c.json({ import_id: run.id }, 202);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/contact-centre/kpis', tags, summary: 'Call KPIs for a period (inclusive local dates), optionally grouped',
      request: { query: KpiQuery },
      responses: { 200: { description: 'KPIs', ...json(CallKpiReport) }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      const q = c.req.valid('query');
      const report = await getCallKpis(c.var.services.db, agency, {
        from: q.from, to: q.to, queue: q.queue, slSeconds: q.sl_seconds, groupBy: q.group_by ? [q.group_by] : [],
      });
      return c.json(report, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/contact-centre/heatmap', tags, summary: 'Offered calls, answer rate, service level and ASA by weekday × hour',
      request: { query: HeatmapQuery },
      responses: { 200: { description: 'Heat-map', ...json(CallHeatmap) }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      const q = c.req.valid('query');
      return c.json(await getCallHeatmap(c.var.services.db, agency, { from: q.from, to: q.to, queue: q.queue, slSeconds: q.sl_seconds }), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/contact-centre/planner', tags, summary: 'Forecast calls and Erlang C agents required per interval of one day',
      request: { query: PlannerQuery },
      responses: { 200: { description: 'Staffing plan', ...json(StaffingPlan) }, 422: { description: 'No history' }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      return c.json(await planStaffing(c.var.services.db, agency, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post', path: '/contact-centre/schedule', tags, summary: 'Import scheduled agents: CSV date,interval_start,agents',
      request: { query: AgencyQuery, body: csvBody },
      responses: { 200: { description: 'Stored', ...json(ScheduleResult) }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canIngest);
      return c.json(await importSchedule(c.var.services.db, agency, await c.req.text()), 200);
    },
  );
}
