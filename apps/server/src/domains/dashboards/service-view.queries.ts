import type { Db } from '../../db/db.ts';

// The service view reads the journeys table (one row per assembled journey, a derived table),
// never raw interactions; one service and one period at a time.

export interface FunnelRow {
  max_stage_position: number | null;
  last_stage_id: number | null;
  status: 'completed' | 'dropped' | 'open';
  journeys: number;
}

/** Journeys by furthest stage reached, last stage and status: the funnel and where people drop. */
export async function getJourneyStageCounts(db: Db, agencyId: number, serviceId: number, from: string, to: string) {
  return db.query<FunnelRow>(
    `SELECT max_stage_position, last_stage_id, status, count(*)::int AS journeys
       FROM journeys WHERE agency_id = $1 AND start_day BETWEEN $3::date AND $4::date AND service_id = $2
      GROUP BY 1, 2, 3`,
    [agencyId, serviceId, from, to],
  );
}

export interface VariantRow {
  path: string;
  journeys: number;
  completed: number;
  has_loop: boolean;
  median_days: number | null;
}

/** The most frequent contact sequences, with the median duration of their completed journeys. */
export async function getTopVariants(db: Db, agencyId: number, serviceId: number, from: string, to: string, limit: number) {
  return db.query<VariantRow>(
    `SELECT path, count(*)::int AS journeys, count(*) FILTER (WHERE status = 'completed')::int AS completed,
            bool_or(has_loop) AS has_loop,
            (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (resolved_at - first_at)))
               FILTER (WHERE status = 'completed')) / 86400.0 AS median_days
       FROM journeys WHERE agency_id = $1 AND start_day BETWEEN $3::date AND $4::date AND service_id = $2
      GROUP BY path ORDER BY count(*) DESC, path LIMIT $5`,
    [agencyId, serviceId, from, to, limit],
  );
}
