import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db/db.ts';
import type { Actor, AppEnv } from './context.ts';
import { AppError } from './errors.ts';
import type { Role } from './permissions.ts';

export const SESSION_COOKIE = 'tajriba_session';
export const CSRF_HEADER = 'x-tajriba-csrf';
export const API_KEY_PREFIX = 'tjk_';

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

async function actorFromSession(db: Db, token: string): Promise<Actor | null> {
  const rows = await db.query<{ user_id: number; email: string; is_superadmin: boolean }>(
    `SELECT u.id AS user_id, u.email, u.is_superadmin FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [sha256Hex(token)],
  );
  const u = rows[0];
  if (!u) return null;
  const roles = await db.query<{ agency_id: number; role: Role }>(
    'SELECT agency_id, role FROM memberships WHERE user_id = $1',
    [u.user_id],
  );
  return {
    type: 'user',
    userId: u.user_id,
    email: u.email,
    isSuperadmin: u.is_superadmin,
    roles: new Map(roles.map((r) => [r.agency_id, r.role])),
  };
}

async function actorFromApiKey(db: Db, key: string): Promise<Actor | null> {
  const rows = await db.query<{ agency_id: number; id: number; role: Role; name: string }>(
    `UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL
     RETURNING agency_id, id, role, name`,
    [sha256Hex(key)],
  );
  const k = rows[0];
  return k ? { type: 'api_key', keyId: k.id, agencyId: k.agency_id, role: k.role, label: k.name } : null;
}

/**
 * Resolves who is calling: a bearer API key or a session cookie. Cookie-authenticated
 * writes must carry the CSRF header, which a cross-site form cannot set.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db } = c.var.services;
  const header = c.req.header('authorization');
  let actor: Actor | null = null;
  if (header?.startsWith('Bearer ')) {
    actor = await actorFromApiKey(db, header.slice(7).trim());
    if (!actor) throw new AppError('unauthenticated', 401);
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      actor = await actorFromSession(db, token);
      const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
      if (actor && unsafe && c.req.header(CSRF_HEADER) !== '1') throw new AppError('csrf', 403);
    }
  }
  c.set('actor', actor);
  await next();
};

export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.var.actor;
  if (!actor) throw new AppError('unauthenticated', 401);
  return actor;
}

export function actorLabel(actor: Actor | null) {
  if (!actor) return { actor_type: 'system' as const, actor_id: null, actor_label: 'system' };
  return actor.type === 'user'
    ? { actor_type: 'user' as const, actor_id: actor.userId, actor_label: actor.email }
    : { actor_type: 'api_key' as const, actor_id: actor.keyId, actor_label: actor.label };
}
