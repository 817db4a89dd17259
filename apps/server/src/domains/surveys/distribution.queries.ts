import type { Db } from '../../db/db.ts';

// Invitations, fatigue bookkeeping, contacts, outbox, campaigns and posters.

/** Where an answer comes from: the interaction's catalog context, kept with every invitation and response. */
export interface InteractionContext {
  service_id: number | null;
  channel_id: number | null;
  branch_id: number | null;
  provider_id: number | null;
  stage_id: number | null;
  employee_pid: string | null;
}

export interface NewInvitation extends InteractionContext {
  survey_id: number;
  version: number;
  campaign_id: number | null;
  interaction_id: number | null;
  beneficiary_pid: string | null;
  delivery: 'sms' | 'email' | 'link';
  send_at: Date | null;
  expires_at: Date;
}

const INV_COLS = [
  'survey_id', 'version', 'campaign_id', 'interaction_id', 'beneficiary_pid', 'delivery', 'service_id', 'channel_id',
  'branch_id', 'provider_id', 'stage_id', 'employee_pid', 'send_at', 'expires_at',
] as const;
const INV_TYPES = ['int', 'int', 'int', 'bigint', 'text', 'text', 'int', 'int', 'int', 'int', 'int', 'text', 'timestamptz', 'timestamptz'];

/** Stores invitations in one statement; one per (survey, interaction) even if re-run. Returns the new ones. */
export async function insertInvitations(db: Db, agencyId: number, rows: NewInvitation[]) {
  if (!rows.length) return [];
  const params = INV_COLS.map((c) => rows.map((r) => r[c]));
  const unnest = INV_TYPES.map((t, i) => `$${i + 2}::${t}[]`).join(', ');
  return db.query<{ id: number; delivery: string; send_at: Date | null; beneficiary_pid: string | null; expires_at: Date }>(
    `INSERT INTO survey_invitations (agency_id, ${INV_COLS.join(', ')})
     SELECT $1, u.* FROM unnest(${unnest}) AS u
     ON CONFLICT (agency_id, survey_id, interaction_id) DO NOTHING
     RETURNING id, delivery, send_at, beneficiary_pid, expires_at`,
    [agencyId, ...params],
  );
}

export interface InvitationRow extends NewInvitation {
  id: number;
  status: 'pending' | 'sent' | 'failed' | 'completed';
  completed_at: Date | null;
}

export async function getInvitation(db: Db, agencyId: number, id: number) {
  const rows = await db.query<InvitationRow>('SELECT * FROM survey_invitations WHERE agency_id = $1 AND id = $2', [agencyId, id]);
  return rows[0];
}

export async function markInvitation(db: Db, agencyId: number, id: number, status: 'sent' | 'failed' | 'completed') {
  const col = status === 'sent' ? ', sent_at = now()' : status === 'completed' ? ', completed_at = now()' : '';
  await db.query(`UPDATE survey_invitations SET status = $3${col} WHERE agency_id = $1 AND id = $2 AND status <> 'completed'`, [agencyId, id, status]);
}

/** Latest invitation time and opt-out flag for each beneficiary (fatigue inputs). */
export async function getFatigueState(db: Db, agencyId: number, pids: string[]) {
  const rows = await db.query<{ pid: string; last_at: Date | null; opted_out: boolean }>(
    `SELECT p.pid,
            (SELECT max(i.created_at) FROM survey_invitations i WHERE i.agency_id = $1 AND i.beneficiary_pid = p.pid) AS last_at,
            EXISTS (SELECT 1 FROM survey_opt_outs o WHERE o.agency_id = $1 AND o.beneficiary_pid = p.pid) AS opted_out
       FROM unnest($2::text[]) AS p(pid)`,
    [agencyId, pids],
  );
  return new Map(rows.map((r) => [r.pid, r]));
}

export async function addSuppressions(db: Db, agencyId: number, surveyId: number, day: string, counts: Map<string, number>) {
  if (!counts.size) return;
  await db.query(
    `INSERT INTO survey_suppressions (agency_id, survey_id, day, reason, n)
     SELECT $1, $2, $3::date, r, n FROM unnest($4::text[], $5::int[]) AS u(r, n)
     ON CONFLICT (agency_id, survey_id, day, reason) DO UPDATE SET n = survey_suppressions.n + EXCLUDED.n`,
    [agencyId, surveyId, day, [...counts.keys()], [...counts.values()]],
  );
}

export async function getSuppressionTotals(db: Db, agencyId: number, surveyId: number, from: string, to: string) {
  return db.query<{ reason: string; n: number }>(
    `SELECT reason, sum(n)::int AS n FROM survey_suppressions
      WHERE agency_id = $1 AND survey_id = $2 AND day BETWEEN $3::date AND $4::date GROUP BY reason ORDER BY reason`,
    [agencyId, surveyId, from, to],
  );
}

export async function insertOptOut(db: Db, agencyId: number, pid: string) {
  await db.query('INSERT INTO survey_opt_outs (agency_id, beneficiary_pid) VALUES ($1, $2) ON CONFLICT DO NOTHING', [agencyId, pid]);
  await db.query('DELETE FROM beneficiary_contacts WHERE agency_id = $1 AND beneficiary_pid = $2', [agencyId, pid]);
}

export async function upsertContacts(db: Db, agencyId: number, rows: { pid: string; kind: string; sealed: string }[]) {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO beneficiary_contacts (agency_id, beneficiary_pid, kind, contact_enc)
     SELECT $1, p, k, c FROM unnest($2::text[], $3::text[], $4::text[]) AS u(p, k, c)
      WHERE NOT EXISTS (SELECT 1 FROM survey_opt_outs o WHERE o.agency_id = $1 AND o.beneficiary_pid = u.p)
     ON CONFLICT (agency_id, beneficiary_pid, kind) DO UPDATE SET contact_enc = EXCLUDED.contact_enc, updated_at = now()`,
    [agencyId, rows.map((r) => r.pid), rows.map((r) => r.kind), rows.map((r) => r.sealed)],
  );
}

/** Which kinds of contact are on file per beneficiary. */
export async function getContactKinds(db: Db, agencyId: number, pids: string[]) {
  const rows = await db.query<{ pid: string; kinds: string[] }>(
    `SELECT beneficiary_pid AS pid, array_agg(kind) AS kinds FROM beneficiary_contacts
      WHERE agency_id = $1 AND beneficiary_pid = ANY($2::text[]) GROUP BY beneficiary_pid`,
    [agencyId, pids],
  );
  return new Map(rows.map((r) => [r.pid, new Set(r.kinds)]));
}

export async function getSealedContact(db: Db, agencyId: number, pid: string, kind: string) {
  const rows = await db.query<{ contact_enc: string }>(
    'SELECT contact_enc FROM beneficiary_contacts WHERE agency_id = $1 AND beneficiary_pid = $2 AND kind = $3',
    [agencyId, pid, kind],
  );
  return rows[0]?.contact_enc;
}

/** Removes contact attributes from freshly stored interactions (same transaction: never committed in clear). */
export async function stripContactAttributes(db: Db, agencyId: number, ids: number[]) {
  if (!ids.length) return;
  await db.query(
    `UPDATE interactions SET attributes = nullif(attributes - 'contact_phone' - 'contact_email', '{}'::jsonb)
      WHERE agency_id = $1 AND id = ANY($2::bigint[])`,
    [agencyId, ids],
  );
}

export async function insertOutboxMessage(
  db: Db, agencyId: number, m: { kind: string; toMasked: string; subject: string | null; body: string; invitationId: number | null },
) {
  await db.query(
    'INSERT INTO message_outbox (agency_id, kind, to_masked, subject, body, invitation_id) VALUES ($1, $2, $3, $4, $5, $6)',
    [agencyId, m.kind, m.toMasked, m.subject, m.body, m.invitationId],
  );
}

export async function listOutbox(db: Db, agencyId: number, limit: number) {
  return db.query<{ id: number; kind: 'sms' | 'email'; to_masked: string; subject: string | null; body: string; created_at: Date }>(
    'SELECT id, kind, to_masked, subject, body, created_at FROM message_outbox WHERE agency_id = $1 ORDER BY id DESC LIMIT $2',
    [agencyId, limit],
  );
}

export interface CampaignRow {
  id: number;
  survey_id: number;
  name: string;
  lookback_days: number;
  sample_size: number;
  every_days: number | null;
  next_run_at: Date | null;
  last_run_at: Date | null;
  last_invited: number;
  active: boolean;
}

export async function insertCampaign(db: Db, agencyId: number, c: Omit<CampaignRow, 'id' | 'last_run_at' | 'last_invited' | 'active'>) {
  const rows = await db.query<CampaignRow>(
    `INSERT INTO survey_campaigns (agency_id, survey_id, name, lookback_days, sample_size, every_days, next_run_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [agencyId, c.survey_id, c.name, c.lookback_days, c.sample_size, c.every_days, c.next_run_at],
  );
  return rows[0];
}

export async function getCampaign(db: Db, agencyId: number, id: number) {
  return (await db.query<CampaignRow>('SELECT * FROM survey_campaigns WHERE agency_id = $1 AND id = $2', [agencyId, id]))[0];
}

export const listCampaigns = (db: Db, agencyId: number, surveyId: number) =>
  db.query<CampaignRow>('SELECT * FROM survey_campaigns WHERE agency_id = $1 AND survey_id = $2 ORDER BY id', [agencyId, surveyId]);

export async function recordCampaignRun(db: Db, agencyId: number, id: number, invited: number, nextRunAt: Date | null) {
  await db.query(
    'UPDATE survey_campaigns SET last_run_at = now(), last_invited = $3, next_run_at = $4 WHERE agency_id = $1 AND id = $2',
    [agencyId, id, invited, nextRunAt],
  );
}

/**
 * A random sample of beneficiaries who used the services in the window, stratified by branch:
 * each branch gets seats in proportion to its users; order within a branch is a seeded hash.
 */
export async function sampleCampaignCandidates(db: Db, agencyId: number, surveyId: number, since: Date, size: number, seed: string) {
  return db.query<{
    beneficiary_pid: string; interaction_id: number; service_id: number; channel_id: number; branch_id: number | null;
    provider_id: number | null; stage_id: number | null; employee_pid: string | null;
  }>(
    `WITH last AS (
       SELECT DISTINCT ON (i.beneficiary_pid) i.beneficiary_pid, i.id AS interaction_id, i.service_id, i.channel_id,
              i.branch_id, i.provider_id, i.stage_id, i.employee_pid
         FROM interactions i JOIN survey_services ss ON ss.agency_id = i.agency_id AND ss.service_id = i.service_id
        WHERE i.agency_id = $1 AND ss.survey_id = $2 AND i.started_at >= $3
        ORDER BY i.beneficiary_pid, i.started_at DESC),
     ranked AS (
       SELECT l.*, row_number() OVER (PARTITION BY l.branch_id ORDER BY md5(l.beneficiary_pid || $5)) AS rn,
              count(*) OVER (PARTITION BY l.branch_id) AS branch_n, count(*) OVER () AS total_n
         FROM last l)
     SELECT beneficiary_pid, interaction_id, service_id, channel_id, branch_id, provider_id, stage_id, employee_pid
       FROM ranked WHERE rn <= ceil($4::numeric * branch_n / total_n)
      ORDER BY md5(beneficiary_pid || $5) LIMIT $4`,
    [agencyId, surveyId, since, size, seed],
  );
}

export async function insertPoster(db: Db, agencyId: number, p: { survey_id: number; service_id: number | null; branch_id: number | null }) {
  const rows = await db.query<{ id: number }>(
    'INSERT INTO survey_posters (agency_id, survey_id, service_id, branch_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [agencyId, p.survey_id, p.service_id, p.branch_id],
  );
  return rows[0].id;
}

export interface PosterRow {
  id: number;
  survey_id: number;
  service_id: number | null;
  branch_id: number | null;
  channel_id: number | null;
  service: string | null;
  branch: string | null;
  branch_name_ar: string | null;
  branch_name_en: string | null;
}
const POSTER_SELECT = `
  SELECT p.id, p.survey_id, p.service_id, p.branch_id, p.channel_id, sv.code AS service, b.code AS branch,
         b.name_ar AS branch_name_ar, b.name_en AS branch_name_en
    FROM survey_posters p
    LEFT JOIN services sv ON sv.agency_id = p.agency_id AND sv.id = p.service_id
    LEFT JOIN branches b ON b.agency_id = p.agency_id AND b.id = p.branch_id`;

export async function getPoster(db: Db, agencyId: number, id: number) {
  return (await db.query<PosterRow>(`${POSTER_SELECT} WHERE p.agency_id = $1 AND p.id = $2`, [agencyId, id]))[0];
}

export const listPosters = (db: Db, agencyId: number, surveyId: number) =>
  db.query<PosterRow>(`${POSTER_SELECT} WHERE p.agency_id = $1 AND p.survey_id = $2 ORDER BY p.id`, [agencyId, surveyId]);

/** What a send needs: the invitation, its service name and the contact on file. */
export async function getInvitationForSending(db: Db, agencyId: number, id: number) {
  const rows = await db.query<InvitationRow & { service_ar: string | null; service_en: string | null; contact_enc: string | null }>(
    `SELECT i.*, sv.name_ar AS service_ar, sv.name_en AS service_en, c.contact_enc
       FROM survey_invitations i
       LEFT JOIN services sv ON sv.agency_id = i.agency_id AND sv.id = i.service_id
       LEFT JOIN beneficiary_contacts c ON c.agency_id = i.agency_id AND c.beneficiary_pid = i.beneficiary_pid AND c.kind = i.delivery
      WHERE i.agency_id = $1 AND i.id = $2`,
    [agencyId, id],
  );
  return rows[0];
}
