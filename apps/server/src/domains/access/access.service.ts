import argon2 from 'argon2';
import type { Db } from '../../db/db.ts';
import { API_KEY_PREFIX, newToken, sha256Hex } from '../../http/auth.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { Role } from '../../http/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import * as q from './access.queries.ts';

export const SESSION_TTL_HOURS = 12;
// Hashing a fixed password when the email is unknown keeps login timing uniform.
let dummyHash: Promise<string> | undefined;

export const hashPassword = (pw: string) => argon2.hash(pw, { type: argon2.argon2id });

/** A readable one-time password: 16 base64url chars (~96 bits). */
export const generatePassword = () => newToken(12);

export async function verifyLogin(db: Db, email: string, password: string) {
  const user = await q.getUserByEmail(db, email);
  dummyHash ??= hashPassword('timing-equaliser');
  const ok = await argon2.verify(user?.password_hash ?? (await dummyHash), password).catch(() => false);
  if (!user || !ok) throw new AppError('invalid_credentials', 401);
  return user;
}

export async function startSession(db: Db, userId: number) {
  const token = newToken();
  await q.insertSession(db, sha256Hex(token), userId, SESSION_TTL_HOURS);
  return token;
}

export async function describeUser(db: Db, userId: number) {
  const u = await q.getUserById(db, userId);
  if (!u) throw new AppError('unauthenticated', 401);
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    locale: u.locale,
    is_superadmin: u.is_superadmin,
    must_change_password: u.must_change_password,
    memberships: await q.getMemberships(db, u.id),
  };
}

export async function changePassword(db: Db, userId: number, current: string, next: string) {
  const u = await q.getUserById(db, userId);
  if (!u || !(await argon2.verify(u.password_hash, current).catch(() => false))) {
    throw new AppError('invalid_credentials', 401, 'invalid_credentials', { field: 'current_password' });
  }
  await q.updatePassword(db, userId, await hashPassword(next));
}

export async function createAgency(db: Db, actor: Actor | null, a: { slug: string; name_ar: string; name_en: string; timezone: string }) {
  return db.transaction(async (tx) => {
    const agency = await q.insertAgency(tx, a);
    if (actor?.type === 'user') await q.upsertMembership(tx, agency.id, actor.userId, 'admin');
    await recordAudit(tx, { agencyId: agency.id, actor, action: 'create', entity: 'agency', entityId: agency.id, after: agency });
    return agency;
  });
}

/** Adds a user to an agency, creating the account if needed; a new account's password is returned once. */
export async function inviteUser(
  db: Db,
  actor: Actor,
  agencyId: number,
  input: { email: string; name: string; role: Role; password?: string },
  requestId?: string,
) {
  return db.transaction(async (tx) => {
    let user = await q.getUserByEmail(tx, input.email);
    let oneTimePassword: string | undefined;
    if (!user) {
      oneTimePassword = input.password ?? generatePassword();
      const id = await q.insertUser(tx, {
        email: input.email,
        name: input.name,
        passwordHash: await hashPassword(oneTimePassword),
        mustChange: input.password === undefined,
      });
      user = (await q.getUserById(tx, id))!;
    }
    await q.upsertMembership(tx, agencyId, user.id, input.role);
    await recordAudit(tx, { agencyId, actor, action: 'grant', entity: 'membership', entityId: user.id, after: { email: user.email, role: input.role }, requestId });
    return { id: user.id, email: user.email, role: input.role, one_time_password: input.password ? undefined : oneTimePassword };
  });
}

export async function removeMember(db: Db, actor: Actor, agencyId: number, userId: number, requestId?: string) {
  return db.transaction(async (tx) => {
    const gone = await q.deleteMembership(tx, agencyId, userId);
    if (!gone.length) throw new AppError('not_found', 404);
    await recordAudit(tx, { agencyId, actor, action: 'revoke', entity: 'membership', entityId: userId, requestId });
  });
}

/** Creates an API key; the plaintext is returned only here and stored as a SHA-256 hash. */
export async function createApiKey(db: Db, actor: Actor | null, agencyId: number, name: string, role: Role, requestId?: string) {
  const secret = `${API_KEY_PREFIX}${newToken(30)}`;
  const prefix = secret.slice(0, 10);
  return db.transaction(async (tx) => {
    const id = await q.insertApiKey(tx, {
      agencyId, name, role, prefix, keyHash: sha256Hex(secret),
      createdBy: actor?.type === 'user' ? actor.userId : null,
    });
    await recordAudit(tx, { agencyId, actor, action: 'create', entity: 'api_key', entityId: id, after: { name, role, prefix }, requestId });
    return { id, name, role, prefix, key: secret };
  });
}

export async function revokeKey(db: Db, actor: Actor, agencyId: number, id: number, requestId?: string) {
  return db.transaction(async (tx) => {
    const rows = await q.revokeApiKey(tx, agencyId, id);
    if (!rows.length) throw new AppError('not_found', 404);
    await recordAudit(tx, { agencyId, actor, action: 'revoke', entity: 'api_key', entityId: id, requestId });
  });
}

/**
 * First start: if nobody can sign in yet, create a superadmin with a one-time password
 * that the console prints once. Returns undefined when users already exist.
 */
export async function ensureBootstrapAdmin(db: Db, email = 'admin@tajriba.local') {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (rows[0].n > 0) return undefined;
  const password = generatePassword();
  const id = await q.insertUser(db, { email, name: 'مدير النظام', passwordHash: await hashPassword(password), superadmin: true, mustChange: true });
  return { id, email, password };
}
