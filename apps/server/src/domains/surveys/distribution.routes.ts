import { createRoute, z } from '@hono/zod-openapi';
import { Campaign, CampaignInput, InvitationCreate, InvitationCreated, OutboxMessage, Poster, PosterInput, Webhook, WebhookCreated, WebhookInput } from '@tajriba/contracts';
import type { Api } from '../../http/api.ts';
import { errorResponses } from '../../http/api.ts';
import { requireAgency } from '../../http/agency-scope.ts';
import { requireActor } from '../../http/auth.ts';
import { canManageAccess, canManageSurveys, canViewAgency } from '../../http/permissions.ts';
import { createPoster, createWebhook, inviteOne, listAgencyWebhooks, listSurveyPosters, removeWebhook, requirePoster } from './admin.service.ts';
import { createCampaign, toCampaign } from './campaigns.ts';
import { listCampaigns, listOutbox } from './distribution.queries.ts';
import { posterPrintHtml, posterSvg } from './posters.ts';
import { renderHtmlToPdf } from '../../lib/html-to-pdf.ts';
import { requireSurvey } from './surveys.service.ts';

const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });
const AgencyQuery = z.object({ agency: z.string().optional() });
const CodeParam = z.object({ code: z.string() });
const PosterParam = CodeParam.extend({ id: z.coerce.number().int().positive() });
const tags = ['surveys'];

export function registerDistributionRoutes(api: Api) {
  api.openapi(
    createRoute({ method: 'post', path: '/surveys/{code}/invitations', tags, summary: 'Invite one person (fatigue rules apply); returns the personal link', request: { params: CodeParam, query: AgencyQuery, body: { ...json(InvitationCreate), required: true } }, responses: { 201: { description: 'Invitation', ...json(InvitationCreated) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canManageSurveys);
      return c.json(await inviteOne(c.var.services, agency, c.req.valid('param').code, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/outbox', tags, summary: 'Messages held by the outbox provider (SMS and email without a gateway)', request: { query: AgencyQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) }) }, responses: { 200: { description: 'Messages', ...json(z.object({ items: z.array(OutboxMessage) })) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canManageSurveys);
      const rows = await listOutbox(c.var.services.db, agency.id, c.req.valid('query').limit);
      return c.json({ items: rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() })) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/{code}/campaigns', tags, summary: 'Periodic campaigns of a survey', request: { params: CodeParam, query: AgencyQuery }, responses: { 200: { description: 'Campaigns', ...json(z.object({ items: z.array(Campaign) })) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canViewAgency);
      const s = await requireSurvey(c.var.services.db, agency.id, c.req.valid('param').code);
      return c.json({ items: (await listCampaigns(c.var.services.db, agency.id, s.id)).map((r) => toCampaign(r, s.code)) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'post', path: '/surveys/{code}/campaigns', tags, summary: 'Schedule a periodic campaign (durable job; sample stratified by branch)', request: { params: CodeParam, query: AgencyQuery, body: { ...json(CampaignInput), required: true } }, responses: { 201: { description: 'Campaign', ...json(Campaign) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canManageSurveys);
      return c.json(await createCampaign(c.var.services.db, requireActor(c), agency, c.req.valid('param').code, c.req.valid('json'), c.var.requestId), 201);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/{code}/posters', tags, summary: 'QR posters of a survey', request: { params: CodeParam, query: AgencyQuery }, responses: { 200: { description: 'Posters', ...json(z.object({ items: z.array(Poster) })) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canViewAgency);
      return c.json({ items: await listSurveyPosters(c.var.services, agency, c.req.valid('param').code) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'post', path: '/surveys/{code}/posters', tags, summary: 'Create a QR poster for a branch/service', request: { params: CodeParam, query: AgencyQuery, body: { ...json(PosterInput), required: true } }, responses: { 201: { description: 'Poster', ...json(Poster) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canManageSurveys);
      return c.json(await createPoster(c.var.services, requireActor(c), agency, c.req.valid('param').code, c.req.valid('json'), c.var.requestId), 201);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/{code}/posters/{id}/poster.svg', tags, summary: 'Printable A4 SVG poster with the QR code', request: { params: PosterParam, query: AgencyQuery }, responses: { 200: { description: 'SVG', content: { 'image/svg+xml': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canViewAgency);
      const { code, id } = c.req.valid('param');
      const p = await requirePoster(c.var.services, agency, code, id);
      return c.body(await posterSvg(p.url, p.text), 200, { 'content-type': 'image/svg+xml; charset=utf-8' }) as never;
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/{code}/posters/{id}/print', tags, summary: 'Print-friendly A4 HTML poster (print to PDF from the browser)', request: { params: PosterParam, query: AgencyQuery }, responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canViewAgency);
      const { code, id } = c.req.valid('param');
      const p = await requirePoster(c.var.services, agency, code, id);
      return c.html(await posterPrintHtml(p.url, p.text), 200);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/{code}/posters/{id}/poster.pdf', tags, summary: 'A4 PDF poster (the print page printed by the server\'s Chromium)', request: { params: PosterParam, query: AgencyQuery }, responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canViewAgency);
      const { code, id } = c.req.valid('param');
      const p = await requirePoster(c.var.services, agency, code, id);
      const pdf = await renderHtmlToPdf(await posterPrintHtml(p.url, p.text), { top: '0', bottom: '0', left: '0', right: '0' });
      return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="poster-${code}-${id}.pdf"` }) as never;
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/surveys/webhooks', tags, summary: 'Webhooks receiving response.completed', request: { query: AgencyQuery }, responses: { 200: { description: 'Webhooks', ...json(z.object({ items: z.array(Webhook) })) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canManageAccess);
      return c.json({ items: await listAgencyWebhooks(c.var.services.db, agency.id) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'post', path: '/surveys/webhooks', tags, summary: 'Add a webhook; the signing secret is shown once', request: { query: AgencyQuery, body: { ...json(WebhookInput), required: true } }, responses: { 201: { description: 'Webhook', ...json(WebhookCreated) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canManageAccess);
      return c.json(await createWebhook(c.var.services.db, requireActor(c), agency.id, c.req.valid('json').url, c.var.requestId), 201);
    },
  );

  api.openapi(
    createRoute({ method: 'delete', path: '/surveys/webhooks/{id}', tags, summary: 'Remove a webhook', request: { params: z.object({ id: z.coerce.number().int().positive() }), query: AgencyQuery }, responses: { 200: { description: 'Removed', ...json(z.object({ ok: z.boolean() })) }, ...errorResponses } }),
    async (c) => {
      const agency = await requireAgency(c, canManageAccess);
      await removeWebhook(c.var.services.db, requireActor(c), agency.id, c.req.valid('param').id, c.var.requestId);
      return c.json({ ok: true }, 200);
    },
  );
}
