import { createRoute, z } from '@hono/zod-openapi';
import { CompareQuery, PeriodCompareQuery, PeriodQuery, ServiceViewQuery, TargetInput } from '@tajriba/contracts';
import type { Api } from '../../http/api.ts';
import { errorResponses } from '../../http/api.ts';
import { requireAgency } from '../../http/agency-scope.ts';
import { requireActor } from '../../http/auth.ts';
import { fromZod } from '../../http/error-handler.ts';
import { canAnalyze, canManageTargets } from '../../http/permissions.ts';
import { getComparison, getPeriodComparison } from './comparison.service.ts';
import { EXPORT_TABLES, tableRows, toCsv, type ExportView } from './exports.ts';
import { getOverview } from './overview.service.ts';
import { renderBoardReportPdf } from './pdf-report.ts';
import { getServiceView } from './service-view.service.ts';
import * as targets from './targets.service.ts';

const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });
const ok = { 200: { description: 'OK' }, ...errorResponses };
const tags = ['dashboards'];
const AgencyQuery = z.object({ agency: z.string().optional() });
const IdParam = z.object({ id: z.coerce.number().int().positive() });
const ExportQuery = z
  .object({
    view: z.enum(Object.keys(EXPORT_TABLES) as [ExportView, ...ExportView[]]),
    table: z.string().max(40),
  })
  .passthrough();

// Each view's query schema and loader, shared by its JSON route, CSV export and the PDF report.
const VIEWS = {
  overview: { schema: PeriodQuery, load: getOverview },
  service: { schema: ServiceViewQuery, load: getServiceView },
  compare: { schema: CompareQuery, load: getComparison },
  periods: { schema: PeriodCompareQuery, load: getPeriodComparison },
} as const;

function parseQuery<T extends z.ZodTypeAny>(schema: T, query: Record<string, string>): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

export function registerDashboardRoutes(api: Api) {
  const view = (name: keyof typeof VIEWS, path: string, description: string) =>
    api.openapi(
      createRoute({ method: 'get', path, tags, description, request: { query: VIEWS[name].schema as never }, responses: ok }),
      async (c) => {
        const agency = await requireAgency(c, canAnalyze);
        const q = parseQuery(VIEWS[name].schema, c.req.query());
        return c.json(await VIEWS[name].load(c.var.services.db, agency, q as never), 200);
      },
    );
  view('overview', '/dashboards/overview', 'Executive overview: KPIs vs targets, previous period, trend, where it hurts most.');
  view('service', '/dashboards/service', 'Service / journey view: stages, emotion curve, funnel, variants, repeat hotspots.');
  view('compare', '/dashboards/compare', 'Branches, providers, services or channels compared on the same KPIs.');
  view('periods', '/dashboards/periods', 'A period against a base period, with two-proportion tests and CIs.');

  api.openapi(
    createRoute({
      method: 'get', path: '/dashboards/export', tags, description: 'CSV of one table of a dashboard view (same query as the view).',
      request: { query: ExportQuery },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      const { view: name, table } = c.req.valid('query');
      const q = parseQuery(VIEWS[name].schema, c.req.query());
      const rows = tableRows(name, table, await VIEWS[name].load(c.var.services.db, agency, q as never));
      c.header('content-disposition', `attachment; filename="${agency.slug}-${name}-${table}-${q.from}-${q.to}.csv"`);
      return c.body(toCsv(rows), 200, { 'content-type': 'text/csv; charset=utf-8' });
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/dashboards/report.pdf', tags, description: 'Board report for a period (Arabic, RTL), printed by Chromium.',
      request: { query: PeriodQuery as never },
      responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } }, 503: { description: 'Chromium not installed' }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canAnalyze);
      const q = parseQuery(PeriodQuery, c.req.query());
      const pdf = await renderBoardReportPdf(c.var.services.db, agency, q);
      c.header('content-disposition', `attachment; filename="${agency.slug}-report-${q.from}-${q.to}.pdf"`);
      return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf' });
    },
  );

  api.openapi(createRoute({ method: 'get', path: '/targets', tags, request: { query: AgencyQuery }, responses: ok }), async (c) => {
    const agency = await requireAgency(c, canAnalyze);
    return c.json({ items: await targets.getTargets(c.var.services.db, agency.id) }, 200);
  });

  api.openapi(
    createRoute({ method: 'post', path: '/targets', tags, description: 'Creates or replaces the target of a KPI (per service or agency-wide).', request: { query: AgencyQuery, body: json(TargetInput) }, responses: ok }),
    async (c) => {
      const agency = await requireAgency(c, canManageTargets);
      const t = await targets.setTarget(c.var.services.db, requireActor(c), agency.id, c.req.valid('json'), c.var.requestId);
      return c.json(t, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'put', path: '/targets/{id}', tags, request: { params: IdParam, query: AgencyQuery, body: json(TargetInput) }, responses: ok }),
    async (c) => {
      const agency = await requireAgency(c, canManageTargets);
      const t = await targets.replaceTarget(c.var.services.db, requireActor(c), agency.id, c.req.valid('param').id, c.req.valid('json'), c.var.requestId);
      return c.json(t, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'delete', path: '/targets/{id}', tags, request: { params: IdParam, query: AgencyQuery }, responses: ok }),
    async (c) => {
      const agency = await requireAgency(c, canManageTargets);
      await targets.removeTarget(c.var.services.db, requireActor(c), agency.id, c.req.valid('param').id, c.var.requestId);
      return c.json({ ok: true }, 200);
    },
  );
}
