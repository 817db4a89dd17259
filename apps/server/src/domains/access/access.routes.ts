import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AgencyCreate, ApiKeyCreate, LoginRequest, PasswordChange, UserInvite } from '@tajriba/contracts';
import type { Api } from '../../http/api.ts';
import { errorResponses } from '../../http/api.ts';
import { requireAgency } from '../../http/agency-scope.ts';
import { requireActor, SESSION_COOKIE, sha256Hex } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { canCreateAgency, canManageAccess, canViewAgency } from '../../http/permissions.ts';
import { listAudit } from '../audit/audit.ts';
import { rateLimit } from '../../http/rate-limit.ts';
import * as q from './access.queries.ts';
import * as svc from './access.service.ts';
import { SESSION_TTL_HOURS } from './access.service.ts';

const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } } });
const ok = { 200: { description: 'OK' }, ...errorResponses };
const IdParam = z.object({ id: z.coerce.number().int().positive() });
const loginLimiter = rateLimit({ windowMs: 60_000, max: 10 });

export function registerAccessRoutes(api: Api) {
  api.openapi(
    createRoute({ method: 'post', path: '/auth/login', tags: ['access'], request: { body: json(LoginRequest) }, responses: ok }),
    async (c) => {
      const body = c.req.valid('json');
      loginLimiter.hit(`${c.req.header('x-forwarded-for') ?? 'local'}|${body.email}`);
      const { db, config } = c.var.services;
      const user = await svc.verifyLogin(db, body.email, body.password);
      const token = await svc.startSession(db, user.id);
      const secure = config.TAJRIBA_SECURE_COOKIES === 'on' || (config.TAJRIBA_SECURE_COOKIES === 'auto' && config.publicUrl.startsWith('https:'));
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: SESSION_TTL_HOURS * 3600 });
      return c.json(await svc.describeUser(db, user.id), 200);
    },
  );

  api.openapi(createRoute({ method: 'post', path: '/auth/logout', tags: ['access'], responses: ok }), async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await q.deleteSession(c.var.services.db, sha256Hex(token));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true }, 200);
  });

  api.openapi(createRoute({ method: 'get', path: '/auth/me', tags: ['access'], responses: ok }), async (c) => {
    const actor = requireActor(c);
    if (actor.type !== 'user') {
      return c.json({ api_key: { id: actor.keyId, agency_id: actor.agencyId, role: actor.role, name: actor.label } }, 200);
    }
    return c.json(await svc.describeUser(c.var.services.db, actor.userId), 200);
  });

  api.openapi(
    createRoute({ method: 'post', path: '/auth/password', tags: ['access'], request: { body: json(PasswordChange) }, responses: ok }),
    async (c) => {
      const actor = requireActor(c);
      if (actor.type !== 'user') throw new AppError('forbidden', 403);
      const b = c.req.valid('json');
      await svc.changePassword(c.var.services.db, actor.userId, b.current_password, b.new_password);
      return c.json({ ok: true }, 200);
    },
  );

  api.openapi(createRoute({ method: 'get', path: '/agencies', tags: ['agencies'], responses: ok }), async (c) => {
    const actor = requireActor(c);
    const { db } = c.var.services;
    const all = await q.listAllAgencies(db);
    const visible = all.filter((a) => canViewAgency(actor, a.id as number));
    return c.json({ items: visible }, 200);
  });

  api.openapi(
    createRoute({ method: 'post', path: '/agencies', tags: ['agencies'], request: { body: json(AgencyCreate) }, responses: ok }),
    async (c) => {
      const actor = requireActor(c);
      if (!canCreateAgency(actor)) throw new AppError('forbidden', 403);
      const agency = await svc.createAgency(c.var.services.db, actor, c.req.valid('json'));
      return c.json(agency, 201 as 200);
    },
  );

  api.openapi(createRoute({ method: 'get', path: '/members', tags: ['access'], responses: ok }), async (c) => {
    const agency = await requireAgency(c, canManageAccess);
    return c.json({ items: await q.listAgencyMembers(c.var.services.db, agency.id) }, 200);
  });

  api.openapi(
    createRoute({ method: 'post', path: '/members', tags: ['access'], request: { body: json(UserInvite) }, responses: ok }),
    async (c) => {
      const agency = await requireAgency(c, canManageAccess);
      const out = await svc.inviteUser(c.var.services.db, requireActor(c), agency.id, c.req.valid('json'), c.var.requestId);
      return c.json(out, 201 as 200);
    },
  );

  api.openapi(
    createRoute({ method: 'delete', path: '/members/{id}', tags: ['access'], request: { params: IdParam }, responses: ok }),
    async (c) => {
      const agency = await requireAgency(c, canManageAccess);
      await svc.removeMember(c.var.services.db, requireActor(c), agency.id, c.req.valid('param').id, c.var.requestId);
      return c.json({ ok: true }, 200);
    },
  );

  api.openapi(createRoute({ method: 'get', path: '/api-keys', tags: ['access'], responses: ok }), async (c) => {
    const agency = await requireAgency(c, canManageAccess);
    return c.json({ items: await q.listApiKeys(c.var.services.db, agency.id) }, 200);
  });

  api.openapi(
    createRoute({ method: 'post', path: '/api-keys', tags: ['access'], request: { body: json(ApiKeyCreate) }, responses: ok }),
    async (c) => {
      const agency = await requireAgency(c, canManageAccess);
      const b = c.req.valid('json');
      const key = await svc.createApiKey(c.var.services.db, requireActor(c), agency.id, b.name, b.role, c.var.requestId);
      return c.json(key, 201 as 200);
    },
  );

  api.openapi(
    createRoute({ method: 'delete', path: '/api-keys/{id}', tags: ['access'], request: { params: IdParam }, responses: ok }),
    async (c) => {
      const agency = await requireAgency(c, canManageAccess);
      await svc.revokeKey(c.var.services.db, requireActor(c), agency.id, c.req.valid('param').id, c.var.requestId);
      return c.json({ ok: true }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/audit', tags: ['access'],
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().optional(), agency: z.string().optional() }) },
      responses: ok,
    }),
    async (c) => {
      const agency = await requireAgency(c, canManageAccess);
      const { limit, before } = c.req.valid('query');
      return c.json({ items: await listAudit(c.var.services.db, agency.id, limit, before) }, 200);
    },
  );
}
