import type { Db } from '../../db/db.ts';
import { actorLabel } from '../../http/auth.ts';
import type { Actor } from '../../http/context.ts';

export interface AuditEntry {
  agencyId: number;
  actor: Actor | null;
  action: 'create' | 'update' | 'delete' | 'import' | 'revoke' | 'grant';
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

// Secrets never enter the audit trail.
const REDACT = new Set(['password', 'password_hash', 'key_hash', 'key']);
const redact = (v: unknown) =>
  v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => !REDACT.has(k))) : (v ?? null);

export async function recordAudit(db: Db, e: AuditEntry) {
  const who = actorLabel(e.actor);
  await db.query(
    `INSERT INTO audit_log (agency_id, actor_type, actor_id, actor_label, action, entity, entity_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      e.agencyId, who.actor_type, who.actor_id, who.actor_label, e.action, e.entity,
      e.entityId == null ? null : String(e.entityId),
      JSON.stringify(redact(e.before)), JSON.stringify(redact(e.after)), e.requestId ?? null,
    ],
  );
}

export async function listAudit(db: Db, agencyId: number, limit: number, beforeId?: number) {
  return db.query(
    `SELECT id, actor_type, actor_label, action, entity, entity_id, before, after, request_id, at
       FROM audit_log WHERE agency_id = $1 AND ($2::bigint IS NULL OR id < $2)
      ORDER BY id DESC LIMIT $3`,
    [agencyId, beforeId ?? null, limit],
  );
}
