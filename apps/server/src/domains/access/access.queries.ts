import type { Db } from '../../db/db.ts';
import type { Role } from '../../http/permissions.ts';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  password_hash: string;
  is_superadmin: boolean;
  locale: 'ar' | 'en';
  must_change_password: boolean;
}

export const getUserByEmail = async (db: Db, email: string) =>
  (await db.query<UserRow>('SELECT * FROM users WHERE email = $1 AND disabled_at IS NULL', [email]))[0];

export const getUserById = async (db: Db, id: number) =>
  (await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]))[0];

export async function insertUser(db: Db, u: { email: string; name: string; passwordHash: string; superadmin?: boolean; mustChange?: boolean }) {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO users (email, name, password_hash, is_superadmin, must_change_password)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [u.email, u.name, u.passwordHash, u.superadmin ?? false, u.mustChange ?? false],
  );
  return rows[0].id;
}

export const updatePassword = (db: Db, userId: number, hash: string) =>
  db.query('UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1', [userId, hash]);

export const upsertMembership = (db: Db, agencyId: number, userId: number, role: Role) =>
  db.query(
    `INSERT INTO memberships (agency_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (agency_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
    [agencyId, userId, role],
  );

export const deleteMembership = (db: Db, agencyId: number, userId: number) =>
  db.query('DELETE FROM memberships WHERE agency_id = $1 AND user_id = $2 RETURNING user_id', [agencyId, userId]);

export const getMemberships = (db: Db, userId: number) =>
  db.query<{ agency_id: number; slug: string; name_ar: string; name_en: string; role: Role }>(
    `SELECT a.id AS agency_id, a.slug, a.name_ar, a.name_en, m.role FROM memberships m
       JOIN agencies a ON a.id = m.agency_id WHERE m.user_id = $1 ORDER BY a.slug`,
    [userId],
  );

export const listAgencyMembers = (db: Db, agencyId: number) =>
  db.query(
    `SELECT u.id, u.email, u.name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.agency_id = $1 ORDER BY u.email`,
    [agencyId],
  );

export const insertSession = (db: Db, tokenHash: string, userId: number, ttlHours: number) =>
  db.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
    [tokenHash, userId, ttlHours],
  );

export const deleteSession = (db: Db, tokenHash: string) => db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);

export const listAllAgencies = (db: Db) =>
  db.query('SELECT id, slug, name_ar, name_en, timezone FROM agencies ORDER BY slug');

export async function insertAgency(db: Db, a: { slug: string; name_ar: string; name_en: string; timezone: string }) {
  const rows = await db.query<{ id: number; slug: string; name_ar: string; name_en: string; timezone: string }>(
    `INSERT INTO agencies (slug, name_ar, name_en, timezone) VALUES ($1, $2, $3, $4)
     RETURNING id, slug, name_ar, name_en, timezone`,
    [a.slug, a.name_ar, a.name_en, a.timezone],
  );
  return rows[0];
}

export async function insertApiKey(db: Db, k: { agencyId: number; name: string; role: Role; prefix: string; keyHash: string; createdBy: number | null }) {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO api_keys (agency_id, name, role, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [k.agencyId, k.name, k.role, k.prefix, k.keyHash, k.createdBy],
  );
  return rows[0].id;
}

export const listApiKeys = (db: Db, agencyId: number) =>
  db.query(
    `SELECT id, name, role, prefix, created_at, last_used_at, revoked_at FROM api_keys WHERE agency_id = $1 ORDER BY id`,
    [agencyId],
  );

export const revokeApiKey = (db: Db, agencyId: number, id: number) =>
  db.query<{ id: number }>(
    `UPDATE api_keys SET revoked_at = now() WHERE agency_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`,
    [agencyId, id],
  );
