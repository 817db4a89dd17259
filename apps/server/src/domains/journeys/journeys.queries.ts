import type { Db } from '../../db/db.ts';
import type { AssembledJourney, ChannelCategory } from './journey-engine.ts';

export interface ContactRow {
  pid: string;
  sid: number;
  s: number;
  e: number | null;
  outcome: string;
  channel_id: number;
  category: ChannelCategory;
  branch_id: number;
  provider_id: number;
  stage_id: number;
  position: number | null;
  day: string;
}

export interface JourneyKey {
  pid: string;
  sid: number;
  /** Earliest start among the new contacts of this key (ms). */
  sinceMs: number;
}

const CONTACT_COLUMNS = `i.beneficiary_pid AS pid, i.service_id AS sid,
  extract(epoch FROM i.started_at) * 1000 AS s, extract(epoch FROM i.ended_at) * 1000 AS e, i.outcome,
  i.channel_id, c.category, coalesce(i.branch_id, 0) AS branch_id, coalesce(i.provider_id, 0) AS provider_id,
  coalesce(i.stage_id, 0) AS stage_id, sg.position, to_char(i.started_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day
  FROM interactions i
  JOIN channels c ON c.agency_id = i.agency_id AND c.id = i.channel_id
  LEFT JOIN stages sg ON sg.agency_id = i.agency_id AND sg.id = i.stage_id`;

/** Every contact of the given beneficiary × service keys, ordered for the journey engine. */
export async function getContactsForKeys(db: Db, agencyId: number, tz: string, keys: JourneyKey[]) {
  return db.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS}
      WHERE i.agency_id = $1
        AND (i.beneficiary_pid, i.service_id) IN (SELECT * FROM unnest($3::text[], $4::int[]))
      ORDER BY i.beneficiary_pid, i.service_id, i.started_at, i.id`,
    [agencyId, tz, keys.map((k) => k.pid), keys.map((k) => k.sid)],
  );
}

/** A page of contacts in key order after (pid, sid), for the full rebuild. */
export async function getContactsPageAfterKey(db: Db, agencyId: number, tz: string, after: { pid: string; sid: number } | null, limit: number) {
  return db.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS}
      WHERE i.agency_id = $1 AND ($3::text IS NULL OR (i.beneficiary_pid, i.service_id) > ($3::text, $4::int))
      ORDER BY i.beneficiary_pid, i.service_id, i.started_at, i.id LIMIT $5`,
    [agencyId, tz, after?.pid ?? null, after?.sid ?? 0, limit],
  );
}

/** Beneficiary × service keys with a contact in the stored id ranges (the queued batches). */
export async function getKeysInIdRanges(db: Db, agencyId: number, ranges: { min_id: number; max_id: number }[]) {
  const rows = await db.query<{ pid: string; sid: number; since: number }>(
    `SELECT i.beneficiary_pid AS pid, i.service_id AS sid, min(extract(epoch FROM i.started_at) * 1000) AS since
       FROM unnest($2::bigint[], $3::bigint[]) AS r(lo, hi)
       JOIN interactions i ON i.agency_id = $1 AND i.id BETWEEN r.lo AND r.hi
      GROUP BY 1, 2`,
    [agencyId, ranges.map((r) => r.min_id), ranges.map((r) => r.max_id)],
  );
  return rows.map((r): JourneyKey => ({ pid: r.pid, sid: r.sid, sinceMs: r.since }));
}

/** Keys with a contact started inside the local days [from, to]. */
export async function getKeysActiveBetween(db: Db, agencyId: number, tz: string, from: string, to: string) {
  const rows = await db.query<{ pid: string; sid: number; since: number }>(
    `SELECT beneficiary_pid AS pid, service_id AS sid, min(extract(epoch FROM started_at) * 1000) AS since
       FROM interactions
      WHERE agency_id = $1 AND started_at >= ($3::date)::timestamp AT TIME ZONE $2
        AND started_at < ($4::date + 1)::timestamp AT TIME ZONE $2
      GROUP BY 1, 2`,
    [agencyId, tz, from, to],
  );
  return rows.map((r): JourneyKey => ({ pid: r.pid, sid: r.sid, sinceMs: r.since }));
}

/** Deletes the keys' journeys; returns the days they started on (their rollup days change). */
export async function deleteJourneysForKeys(db: Db, agencyId: number, keys: JourneyKey[]) {
  const rows = await db.query<{ day: string }>(
    `DELETE FROM journeys
      WHERE agency_id = $1 AND (beneficiary_pid, service_id) IN (SELECT * FROM unnest($2::text[], $3::int[]))
      RETURNING to_char(start_day, 'YYYY-MM-DD') AS day`,
    [agencyId, keys.map((k) => k.pid), keys.map((k) => k.sid)],
  );
  return rows.map((r) => r.day);
}

export async function deleteAllJourneys(db: Db, agencyId: number) {
  await db.query('DELETE FROM journeys WHERE agency_id = $1', [agencyId]);
}

export type JourneyInsert = AssembledJourney & { pid: string; sid: number };

export async function insertJourneys(db: Db, agencyId: number, rows: JourneyInsert[]) {
  if (rows.length === 0) return;
  const col = <T>(f: (r: JourneyInsert) => T) => rows.map(f);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  await db.query(
    `INSERT INTO journeys (agency_id, beneficiary_pid, service_id, start_day, first_at, last_at, resolved_at, status,
       contacts, traditional_contacts, voice_contacts, digital_contacts, branch_id, channel_id, provider_id,
       last_stage_id, max_stage_position, path, has_loop)
     SELECT $1, u.* FROM unnest($2::text[], $3::int[], $4::date[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[],
       $8::text[], $9::int[], $10::int[], $11::int[], $12::int[], $13::int[], $14::int[], $15::int[], $16::int[], $17::int[],
       $18::text[], $19::boolean[]) AS u`,
    [
      agencyId, col((r) => r.pid), col((r) => r.sid), col((r) => r.startDay), col((r) => iso(r.firstMs)),
      col((r) => iso(r.lastMs)), col((r) => iso(r.resolvedMs)), col((r) => r.status), col((r) => r.contacts),
      col((r) => r.traditional), col((r) => r.voice), col((r) => r.digital), col((r) => r.branchId),
      col((r) => r.channelId), col((r) => r.providerId), col((r) => r.lastStageId), col((r) => r.maxStagePosition),
      col((r) => r.path), col((r) => r.hasLoop),
    ],
  );
}

/** Open journeys that went quiet for N days or outlived the span become dropped. */
export async function markStaleOpenJourneysDropped(db: Db, agencyId: number, windowDays: number, spanDays: number) {
  const rows = await db.query<{ day: string }>(
    `UPDATE journeys SET status = 'dropped'
      WHERE agency_id = $1 AND status = 'open'
        AND (last_at < now() - make_interval(days => $2) OR first_at < now() - make_interval(days => $3))
      RETURNING to_char(start_day, 'YYYY-MM-DD') AS day`,
    [agencyId, windowDays, spanDays],
  );
  return rows.map((r) => r.day);
}

export async function queueRefreshBatch(db: Db, agencyId: number, minId: number, maxId: number) {
  await db.query('INSERT INTO journey_refresh_queue (agency_id, min_id, max_id) VALUES ($1, $2, $3)', [agencyId, minId, maxId]);
}

export async function getQueuedRefreshBatches(db: Db, agencyId: number, limit: number) {
  return db.query<{ id: number; min_id: number; max_id: number }>(
    'SELECT id, min_id, max_id FROM journey_refresh_queue WHERE agency_id = $1 ORDER BY id LIMIT $2',
    [agencyId, limit],
  );
}

export async function deleteQueuedRefreshBatches(db: Db, agencyId: number, ids: number[]) {
  await db.query('DELETE FROM journey_refresh_queue WHERE agency_id = $1 AND id = ANY($2::bigint[])', [agencyId, ids]);
}

export async function clearRefreshQueue(db: Db, agencyId: number) {
  await db.query('DELETE FROM journey_refresh_queue WHERE agency_id = $1', [agencyId]);
}

/** Serialises refreshes of one agency across processes (PGlite has a single connection). */
export async function lockAgencyRefresh(db: Db, agencyId: number) {
  if (db.kind === 'postgres') await db.query('SELECT pg_advisory_xact_lock(727006, $1)', [agencyId]);
}

/** First and last local day with a contact, or null for an agency without interactions. */
export async function getInteractionDayRange(db: Db, agencyId: number, tz: string) {
  const rows = await db.query<{ lo: string | null; hi: string | null }>(
    `SELECT to_char(min(started_at) AT TIME ZONE $2, 'YYYY-MM-DD') AS lo, to_char(max(started_at) AT TIME ZONE $2, 'YYYY-MM-DD') AS hi
       FROM interactions WHERE agency_id = $1`,
    [agencyId, tz],
  );
  return rows[0]?.lo ? { from: rows[0].lo, to: rows[0].hi! } : null;
}
