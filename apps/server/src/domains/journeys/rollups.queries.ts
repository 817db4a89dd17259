import type { Db } from '../../db/db.ts';

// Rollups are recomputed per contiguous run of agency-local days (delete + insert), so a
// refresh is idempotent and the incremental path and the rebuild share one SQL.

/**
 * Contact rollups for local days [from, to]. The window reads N more days so that each
 * contact sees the same person's next contacts for the service (repeat flag, docs/metrics.md).
 */
export async function refreshContactRollups(db: Db, agencyId: number, tz: string, windowDays: number, from: string, to: string) {
  await db.query('DELETE FROM rollup_contacts_daily WHERE agency_id = $1 AND day BETWEEN $2::date AND $3::date', [agencyId, from, to]);
  await db.query('DELETE FROM rollup_stage_reason_daily WHERE agency_id = $1 AND day BETWEEN $2::date AND $3::date', [agencyId, from, to]);
  await db.query(
    `WITH src AS (
       SELECT i.service_id, coalesce(i.branch_id, 0) AS branch_id, i.channel_id, coalesce(i.provider_id, 0) AS provider_id,
              coalesce(i.stage_id, 0) AS stage_id, coalesce(i.reason_id, 0) AS reason_id, i.outcome, i.wait_seconds,
              extract(epoch FROM (i.ended_at - i.started_at)) AS handle_s,
              (i.started_at AT TIME ZONE $2)::date AS day,
              count(*) OVER (PARTITION BY i.beneficiary_pid, i.service_id ORDER BY i.started_at
                             RANGE BETWEEN CURRENT ROW AND $5::interval FOLLOWING EXCLUDE GROUP) > 0 AS repeated
         FROM interactions i
        WHERE i.agency_id = $1
          AND i.started_at >= ($3::date)::timestamp AT TIME ZONE $2
          AND i.started_at < ($4::date + 1 + $6::int)::timestamp AT TIME ZONE $2
     ), inside AS (
       SELECT * FROM src WHERE day BETWEEN $3::date AND $4::date
     ), by_stage AS (
       INSERT INTO rollup_stage_reason_daily (agency_id, day, service_id, stage_id, reason_id, contacts, completed, repeated)
       SELECT $1, day, service_id, stage_id, reason_id, count(*),
              count(*) FILTER (WHERE outcome = 'completed'), count(*) FILTER (WHERE repeated)
         FROM inside GROUP BY day, service_id, stage_id, reason_id
     )
     INSERT INTO rollup_contacts_daily (agency_id, day, service_id, branch_id, channel_id, provider_id, contacts, completed,
       failed, abandoned, transferred, repeated, wait_sum, wait_n, handle_sum, handle_n)
     SELECT $1, day, service_id, branch_id, channel_id, provider_id, count(*),
            count(*) FILTER (WHERE outcome = 'completed'), count(*) FILTER (WHERE outcome = 'failed'),
            count(*) FILTER (WHERE outcome = 'abandoned'), count(*) FILTER (WHERE outcome = 'transferred'),
            count(*) FILTER (WHERE repeated), coalesce(sum(wait_seconds), 0), count(wait_seconds),
            coalesce(sum(handle_s), 0), count(handle_s)
       FROM inside GROUP BY day, service_id, branch_id, channel_id, provider_id`,
    [agencyId, tz, from, to, `${windowDays} days`, windowDays],
  );
}

/** Journey rollups for start days [from, to], from the journeys table. */
export async function refreshJourneyRollups(db: Db, agencyId: number, from: string, to: string) {
  await db.query('DELETE FROM rollup_journeys_daily WHERE agency_id = $1 AND day BETWEEN $2::date AND $3::date', [agencyId, from, to]);
  await db.query(
    `INSERT INTO rollup_journeys_daily (agency_id, day, service_id, branch_id, channel_id, provider_id, journeys, completed,
       dropped, open, one_contact, digital_only, mostly_digital, loops, contacts, duration_sum_s)
     SELECT $1, start_day, service_id, branch_id, channel_id, provider_id, count(*),
            count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'dropped'),
            count(*) FILTER (WHERE status = 'open'),
            count(*) FILTER (WHERE status = 'completed' AND contacts = 1),
            count(*) FILTER (WHERE status = 'completed' AND digital_contacts = contacts),
            count(*) FILTER (WHERE status = 'completed' AND digital_contacts * 2 > contacts),
            count(*) FILTER (WHERE has_loop), sum(contacts),
            coalesce(sum(extract(epoch FROM (resolved_at - first_at))) FILTER (WHERE status = 'completed'), 0)
       FROM journeys
      WHERE agency_id = $1 AND start_day BETWEEN $2::date AND $3::date
      GROUP BY start_day, service_id, branch_id, channel_id, provider_id`,
    [agencyId, from, to],
  );
}

export async function deleteAllRollups(db: Db, agencyId: number) {
  for (const t of ['rollup_contacts_daily', 'rollup_stage_reason_daily', 'rollup_journeys_daily']) {
    await db.query(`DELETE FROM ${t} WHERE agency_id = $1`, [agencyId]);
  }
}

/** Fresh planner statistics after a bulk rebuild (PGlite never autovacuums). */
export async function analyzeJourneyTables(db: Db) {
  await db.exec('ANALYZE journeys; ANALYZE rollup_contacts_daily; ANALYZE rollup_stage_reason_daily; ANALYZE rollup_journeys_daily');
}
