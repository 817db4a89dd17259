import type { Db } from '../../db/db.ts';

// The full rebuild, set-based: the same rules as journey-engine.ts (docs/metrics.md § Journeys)
// in one INSERT … SELECT, so the agency's contacts never travel to JavaScript and back. Times
// are compared as whole epoch milliseconds, as the engine sees them (journeys.queries.ts).

const MS = (col: string) => `(extract(epoch FROM ${col}) * 1000)::bigint`;

export interface SpanContact {
  id: number;
  pid: string;
  sid: number;
  ms: number;
}

/**
 * Contacts of the beneficiary × service keys whose contacts span more than `spanMs`, in key
 * order: only there can the maximum-span rule split a journey (it needs the journey's start).
 */
export async function getContactsOfLongKeys(db: Db, agencyId: number, spanMs: number) {
  return db.query<SpanContact>(
    `SELECT i.id, i.beneficiary_pid AS pid, i.service_id AS sid, ${MS('i.started_at')} AS ms
       FROM interactions i
       JOIN (SELECT beneficiary_pid, service_id FROM interactions WHERE agency_id = $1
              GROUP BY 1, 2 HAVING ${MS('max(started_at)')} - ${MS('min(started_at)')} > $2) k
         ON k.beneficiary_pid = i.beneficiary_pid AND k.service_id = i.service_id
      WHERE i.agency_id = $1
      ORDER BY i.beneficiary_pid, i.service_id, i.started_at, i.id`,
    [agencyId, spanMs],
  );
}

/**
 * Inserts every journey of the agency from its interactions: a contact starts a journey when
 * it is a key's first, comes more than `windowMs` after the previous one, or is in
 * `spanStartIds` (split by the maximum span). Returns how many journeys were inserted.
 */
export async function insertAllJourneys(db: Db, agencyId: number, o: { tz: string; windowMs: number; spanMs: number; nowMs: number; spanStartIds: number[] }) {
  const rows = await db.query<{ n: number }>(
    `WITH c AS (
       SELECT i.id, i.beneficiary_pid AS pid, i.service_id AS sid, i.started_at, i.ended_at, i.outcome, i.channel_id,
              coalesce(i.branch_id, 0) AS branch_id, coalesce(i.provider_id, 0) AS provider_id, coalesce(i.stage_id, 0) AS stage_id,
              ${MS('i.started_at')} AS ms,
              ${MS('i.started_at')} - lag(${MS('i.started_at')}) OVER w AS gap_ms,
              lag(i.channel_id) OVER w AS prev_channel
         FROM interactions i
        WHERE i.agency_id = $1
       WINDOW w AS (PARTITION BY i.beneficiary_pid, i.service_id ORDER BY i.started_at, i.id)
     ), b AS (
       SELECT *, (gap_ms IS NULL OR gap_ms > $3 OR id = ANY($6::bigint[])) AS starts FROM c
     ), j AS (
       SELECT *, count(*) FILTER (WHERE starts) OVER (PARTITION BY pid, sid ORDER BY started_at, id) AS jn FROM b
     ), ins AS (
       INSERT INTO journeys (agency_id, beneficiary_pid, service_id, start_day, first_at, last_at, resolved_at, status, contacts,
         traditional_contacts, voice_contacts, digital_contacts, branch_id, channel_id, provider_id, last_stage_id,
         max_stage_position, path, has_loop)
       SELECT $1, j.pid, j.sid, (min(j.started_at) AT TIME ZONE $2)::date, min(j.started_at), max(j.started_at),
              (array_agg(coalesce(j.ended_at, j.started_at) ORDER BY j.started_at DESC, j.id DESC) FILTER (WHERE j.outcome = 'completed'))[1],
              CASE WHEN bool_or(j.outcome = 'completed') THEN 'completed'
                   WHEN j.jn < max(j.jn) OVER (PARTITION BY j.pid, j.sid) OR $5 - max(j.ms) > $3 OR $5 - min(j.ms) > $4 THEN 'dropped'
                   ELSE 'open' END,
              count(*),
              count(*) FILTER (WHERE coalesce(ch.category, 'traditional') = 'traditional'),
              count(*) FILTER (WHERE ch.category = 'voice'),
              count(*) FILTER (WHERE ch.category = 'digital'),
              (array_agg(j.branch_id ORDER BY j.started_at, j.id))[1],
              (array_agg(j.channel_id ORDER BY j.started_at, j.id))[1],
              (array_agg(j.provider_id ORDER BY j.started_at, j.id))[1],
              (array_agg(j.stage_id ORDER BY j.started_at DESC, j.id DESC) FILTER (WHERE j.stage_id <> 0))[1],
              max(st.position),
              string_agg(j.stage_id || '/' || j.channel_id, '>' ORDER BY j.started_at, j.id),
              -- A loop: a stage met twice, or a channel in two separate runs (returned to).
              count(*) FILTER (WHERE j.stage_id <> 0) > count(DISTINCT j.stage_id) FILTER (WHERE j.stage_id <> 0)
                OR count(*) FILTER (WHERE j.starts OR j.channel_id <> j.prev_channel) > count(DISTINCT j.channel_id)
         FROM j
         LEFT JOIN channels ch ON ch.agency_id = $1 AND ch.id = j.channel_id
         LEFT JOIN stages st ON st.agency_id = $1 AND st.id = j.stage_id
        GROUP BY j.pid, j.sid, j.jn
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM ins`,
    [agencyId, o.tz, o.windowMs, o.spanMs, o.nowMs, o.spanStartIds],
  );
  return rows[0].n;
}
