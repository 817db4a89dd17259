import type { Db } from '../../db/db.ts';
import type { AssembledJourney, ChannelCategory } from './journey-engine.ts';

export interface ContactRow {
  pid: string;
  sid: number;
  s: number;
  e: number | null;
  outcome: string;
  channel_id: number;
  branch_id: number;
  provider_id: number;
  stage_id: number;
  day: string;
}

export interface JourneyKey {
  pid: string;
  sid: number;
  /** Earliest start among the new contacts of this key (ms). */
  sinceMs: number;
}

// No joins: channel categories and stage positions are looked up in memory (getJourneyCatalog).
// Each row comes back packed in one text value: reading one field instead of ten is ~3× faster
// on PGlite, where result parsing dominates (pseudonyms are hex and outcomes plain words).
const PACKED_CONTACT = `SELECT concat_ws('|', i.beneficiary_pid, i.service_id,
  (extract(epoch FROM i.started_at) * 1000)::bigint, (extract(epoch FROM i.ended_at) * 1000)::bigint, i.outcome,
  i.channel_id, coalesce(i.branch_id, 0), coalesce(i.provider_id, 0), coalesce(i.stage_id, 0),
  (i.started_at AT TIME ZONE $2)::date) AS r
  FROM interactions i`;

function unpackContacts(rows: { r: string }[]): ContactRow[] {
  return rows.map(({ r }) => {
    const f = r.split('|');
    // concat_ws skips NULLs: only ended_at may be missing, which leaves 9 fields.
    const ended = f.length === 10;
    const at = (i: number) => f[ended || i < 3 ? i : i - 1];
    return {
      pid: f[0], sid: +f[1], s: +f[2], e: ended ? +f[3] : null, outcome: at(4), channel_id: +at(5), branch_id: +at(6),
      provider_id: +at(7), stage_id: +at(8), day: at(9),
    };
  });
}

/** Channel categories and stage positions of the agency. */
export async function getJourneyCatalog(db: Db, agencyId: number) {
  const channels = await db.query<{ id: number; category: ChannelCategory }>('SELECT id, category FROM channels WHERE agency_id = $1', [agencyId]);
  const stages = await db.query<{ id: number; position: number }>('SELECT id, position FROM stages WHERE agency_id = $1', [agencyId]);
  return {
    category: new Map(channels.map((c) => [c.id, c.category])),
    position: new Map(stages.map((s) => [s.id, s.position])),
  };
}
export type JourneyCatalog = Awaited<ReturnType<typeof getJourneyCatalog>>;

/** Every contact of the given beneficiary × service keys, ordered for the journey engine. */
export async function getContactsForKeys(db: Db, agencyId: number, tz: string, keys: JourneyKey[]) {
  const rows = await db.query<{ r: string }>(
    `${PACKED_CONTACT}
      WHERE i.agency_id = $1
        AND (i.beneficiary_pid, i.service_id) IN (SELECT * FROM unnest($3::text[], $4::int[]))
      ORDER BY i.beneficiary_pid, i.service_id, i.started_at, i.id`,
    [agencyId, tz, keys.map((k) => k.pid), keys.map((k) => k.sid)],
  );
  return unpackContacts(rows);
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

const JOURNEY_COLUMNS = [
  'agency_id', 'beneficiary_pid', 'service_id', 'start_day', 'first_at', 'last_at', 'resolved_at', 'status', 'contacts',
  'traditional_contacts', 'voice_contacts', 'digital_contacts', 'branch_id', 'channel_id', 'provider_id', 'last_stage_id',
  'max_stage_position', 'path', 'has_loop',
];

/**
 * Bulk insert by COPY (the fastest path on both engines; parameter arrays cost ~5× more on
 * PGlite). Every value is a hex pseudonym, a number, a date, a keyword or an id path: no quoting needed.
 */
export async function insertJourneys(db: Db, agencyId: number, rows: JourneyInsert[]) {
  if (rows.length === 0) return;
  const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
  const lines = rows.map((r) =>
    [
      agencyId, r.pid, r.sid, r.startDay, iso(r.firstMs), iso(r.lastMs), iso(r.resolvedMs), r.status, r.contacts, r.traditional,
      r.voice, r.digital, r.branchId, r.channelId, r.providerId, r.lastStageId ?? '', r.maxStagePosition ?? '', r.path, r.hasLoop ? 't' : 'f',
    ].join(','),
  );
  await db.copyCsv('journeys', JOURNEY_COLUMNS, lines.join('\n') + '\n');
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
