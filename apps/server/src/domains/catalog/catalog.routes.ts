import { createRoute, z } from '@hono/zod-openapi';
import {
  AgencySettings, AgencySettingsUpdate, CatalogDocument, CatalogKind, CatalogSchemas, Code, ImportSummary,
  ReasonList, StageList,
} from '@tajriba/contracts';
import type { Api } from '../../http/api.ts';
import { errorResponses } from '../../http/api.ts';
import { requireAgency } from '../../http/agency-scope.ts';
import { requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { fromZod } from '../../http/error-handler.ts';
import { canEditCatalog, canViewAgency } from '../../http/permissions.ts';
import { getAgencySettings, updateAgencySettings } from './agency-settings.ts';
import { catalogToCsv, readCatalogFile } from './catalog-file.ts';
import { exportCatalog, importCatalog } from './catalog-transfer.service.ts';
import * as svc from './catalog.service.ts';

const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });
const ok = { 200: { description: 'OK' }, ...errorResponses };
const AgencyQuery = z.object({ agency: z.string().optional() });
const KindParam = z.object({ kind: CatalogKind });
const ItemParam = z.object({ kind: CatalogKind, code: Code });
const ServiceParam = z.object({ code: Code });
// Any catalog entity; the schema for the path's kind is applied in the handler.
const AnyItem = z.record(z.string(), z.unknown()).openapi({ description: 'Branch, Channel, Service or Provider' });
const tags = ['catalog'];

function parseItem(kind: CatalogKind, body: unknown, withCode: boolean) {
  const full = CatalogSchemas[kind] as unknown as z.ZodObject;
  const parsed = (withCode ? full : full.omit({ code: true })).safeParse(body);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data as Record<string, unknown> & { code: string };
}

export function registerCatalogRoutes(api: Api) {
  // Export and import are registered before /catalog/{kind} so their static paths win.
  api.openapi(
    createRoute({
      method: 'get', path: '/catalog/export', tags,
      request: { query: AgencyQuery.extend({ format: z.enum(['csv', 'json']).default('csv') }) },
      responses: { 200: { description: 'The whole catalog', content: { 'text/csv': { schema: z.string() }, 'application/json': { schema: CatalogDocument } } }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canViewAgency);
      const doc = await exportCatalog(c.var.services.db, agency.id);
      if (c.req.valid('query').format === 'json') return c.json(doc, 200);
      c.header('content-disposition', `attachment; filename="catalog-${agency.slug}.csv"`);
      return c.body(catalogToCsv(doc), 200, { 'content-type': 'text/csv; charset=utf-8' });
    },
  );

  api.openapi(
    createRoute({
      method: 'post', path: '/catalog/import', tags,
      description: 'Body: the catalog CSV (text/csv) or, with application/json, the CatalogDocument that GET /catalog/export?format=json returns.',
      request: {
        query: AgencyQuery,
        // No JSON schema here: the router would reject a bad document before it could answer with row errors.
        body: { content: { 'text/csv': { schema: z.string() } }, required: true },
      },
      responses: { 200: { description: 'Imported', content: { 'application/json': { schema: ImportSummary } } }, 422: { description: 'Row errors; nothing imported' }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canEditCatalog);
      const file = readCatalogFile(c.req.header('content-type') ?? '', new Uint8Array(await c.req.arrayBuffer()));
      const summary = 'errors' in file ? file : await importCatalog(c.var.services.db, requireActor(c), agency.id, file, c.var.requestId);
      if (summary.errors.length === 0) return c.json(summary, 200);
      const err = new AppError('import_rejected', 422, 'catalog_import_rejected', { params: { count: summary.errors.length } });
      return c.json({ ...summary, ...err.toBody() }, 422 as 200);
    },
  );

  api.openapi(createRoute({ method: 'get', path: '/catalog/{kind}', tags, request: { params: KindParam, query: AgencyQuery }, responses: ok }), async (c) => {
    const agency = await requireAgency(c, canViewAgency);
    return c.json({ items: await svc.listCatalog(c.var.services.db, agency.id, c.req.valid('param').kind) }, 200);
  });

  api.openapi(
    createRoute({ method: 'post', path: '/catalog/{kind}', tags, request: { params: KindParam, query: AgencyQuery, body: json(AnyItem) }, responses: ok }),
    async (c) => {
      const agency = await requireAgency(c, canEditCatalog);
      const { kind } = c.req.valid('param');
      const item = parseItem(kind, c.req.valid('json'), true);
      return c.json(await svc.createCatalogItem(c.var.services.db, requireActor(c), agency.id, kind, item, c.var.requestId), 201 as 200);
    },
  );

  api.openapi(
    createRoute({ method: 'put', path: '/catalog/{kind}/{code}', tags, request: { params: ItemParam, query: AgencyQuery, body: json(AnyItem) }, responses: ok }),
    async (c) => {
      const agency = await requireAgency(c, canEditCatalog);
      const { kind, code } = c.req.valid('param');
      const item = parseItem(kind, c.req.valid('json'), false);
      return c.json(await svc.updateCatalogItem(c.var.services.db, requireActor(c), agency.id, kind, code, item, c.var.requestId), 200);
    },
  );

  api.openapi(
    createRoute({ method: 'delete', path: '/catalog/{kind}/{code}', tags, request: { params: ItemParam, query: AgencyQuery }, responses: { ...ok, 409: { description: 'Still referenced' } } }),
    async (c) => {
      const agency = await requireAgency(c, canEditCatalog);
      const { kind, code } = c.req.valid('param');
      await svc.deleteCatalogItem(c.var.services.db, requireActor(c), agency.id, kind, code, c.var.requestId);
      return c.json({ ok: true }, 200);
    },
  );

  for (const [child, List] of [['stages', StageList], ['reasons', ReasonList]] as const) {
    const path = `/catalog/services/{code}/${child}`;
    api.openapi(createRoute({ method: 'get', path, tags, request: { params: ServiceParam, query: AgencyQuery }, responses: ok }), async (c) => {
      const agency = await requireAgency(c, canViewAgency);
      return c.json({ items: await svc.listServiceChildren(c.var.services.db, agency.id, child, c.req.valid('param').code) }, 200);
    });
    api.openapi(
      createRoute({ method: 'put', path, tags, request: { params: ServiceParam, query: AgencyQuery, body: json(List) }, responses: ok }),
      async (c) => {
        const agency = await requireAgency(c, canEditCatalog);
        const { items } = c.req.valid('json');
        const out = await svc.replaceServiceChildren(c.var.services.db, requireActor(c), agency.id, child, c.req.valid('param').code, items, c.var.requestId);
        return c.json({ items: out }, 200);
      },
    );
  }

  api.openapi(createRoute({ method: 'get', path: '/agency/settings', tags, request: { query: AgencyQuery }, responses: { 200: { description: 'Settings with defaults', ...json(AgencySettings) }, ...errorResponses } }), async (c) => {
    const agency = await requireAgency(c, canViewAgency);
    return c.json(await getAgencySettings(c.var.services.db, agency.id), 200);
  });

  api.openapi(
    createRoute({ method: 'put', path: '/agency/settings', tags, request: { query: AgencyQuery, body: json(AgencySettingsUpdate) }, responses: ok }),
    async (c) => {
      const agency = await requireAgency(c, canEditCatalog);
      return c.json(await updateAgencySettings(c.var.services.db, requireActor(c), agency.id, c.req.valid('json'), c.var.requestId), 200);
    },
  );
}
