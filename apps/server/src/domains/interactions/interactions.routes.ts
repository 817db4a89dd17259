import { createRoute, z } from '@hono/zod-openapi';
import { ImportAccepted, ImportRun, IngestSummary, InteractionBatch } from '@tajriba/contracts';
import type { Api } from '../../http/api.ts';
import { errorResponses } from '../../http/api.ts';
import { requireAgency } from '../../http/agency-scope.ts';
import { requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { canEditCatalog, canIngest } from '../../http/permissions.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import { importInteractionsJob } from './interactions.jobs.ts';
import * as q from './interactions.queries.ts';
import * as svc from './interactions.service.ts';

const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });
const flag = z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true');
const IngestQuery = z.object({ agency: z.string().optional(), create_missing: flag });
const UploadQuery = IngestQuery.extend({
  file_name: z.string().max(255).optional(),
  source: z.string().trim().min(1).max(64).optional(),
});
const IdParam = z.object({ id: z.coerce.number().int().positive() });
const ListQuery = z.object({ agency: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
// Browsers on Windows label .csv files application/vnd.ms-excel.
const CSV_TYPES = ['text/csv', 'application/octet-stream', 'text/plain', 'application/vnd.ms-excel'];

/** Creating catalog rows on the fly is a catalog edit, so it needs that permission too. */
const ingestPermission = (createMissing: boolean) => (a: Parameters<typeof canIngest>[0], id: number) =>
  canIngest(a, id) && (!createMissing || canEditCatalog(a, id));

export function registerInteractionRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: 'post', path: '/interactions', tags: ['interactions'],
      summary: 'Ingest one interaction or a batch of up to 10,000',
      request: { query: IngestQuery, body: { ...json(InteractionBatch), required: true } },
      responses: { 200: { description: 'Summary / الملخص', ...json(IngestSummary) }, 413: { description: 'More than 10,000 items' }, ...errorResponses },
    }),
    async (c) => {
      const { create_missing } = c.req.valid('query');
      const agency = await requireAgency(c, ingestPermission(create_missing));
      const items = svc.itemsOfBody(c.req.valid('json'));
      const summary = await svc.ingestItems(c.var.services, agency, requireActor(c), items, { createMissing: create_missing });
      return c.json(summary, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post', path: '/imports/interactions', tags: ['interactions'],
      summary: 'Upload an interactions CSV (UTF-8) to import in the background',
      request: { query: UploadQuery, body: { content: { 'text/csv': { schema: z.string() } }, required: true } },
      responses: { 202: { description: 'Queued', ...json(ImportAccepted) }, ...errorResponses },
    }),
    async (c) => {
      const o = c.req.valid('query');
      const agency = await requireAgency(c, ingestPermission(o.create_missing));
      const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (!CSV_TYPES.includes(type) || !c.req.raw.body) throw new AppError('upload_content_type', 415, 'ingest_upload_content_type', { field: 'body' });
      const { services } = c.var;
      const actor = requireActor(c);
      const run = await svc.acceptUpload(services, agency, actor, c.req.raw.body, {
        fileName: o.file_name ?? 'upload.csv', createMissing: o.create_missing, source: o.source,
      });
      await enqueueJob(services.db, importInteractionsJob, { importId: run.id }, { agencyId: agency.id });
      return c.json({ import_id: run.id }, 202);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/imports/{id}', tags: ['interactions'], summary: 'One import: status, counts, first 1,000 errors',
      request: { params: IdParam, query: z.object({ agency: z.string().optional() }) },
      responses: { 200: { description: 'Import', ...json(ImportRun) }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canIngest);
      const run = await q.getImportRun(c.var.services.db, agency.id, c.req.valid('param').id);
      if (!run) throw new AppError('import_not_found', 404, 'ingest_import_not_found');
      return c.json(svc.describeImportRun(run), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/imports', tags: ['interactions'], summary: 'Recent imports (newest first, without row errors)',
      request: { query: ListQuery },
      responses: { 200: { description: 'Imports', ...json(z.object({ items: z.array(ImportRun) })) }, ...errorResponses },
    }),
    async (c) => {
      const agency = await requireAgency(c, canIngest);
      const rows = await q.listImportRuns(c.var.services.db, agency.id, c.req.valid('query').limit);
      return c.json({ items: rows.map(svc.describeImportRun) }, 200);
    },
  );
}
