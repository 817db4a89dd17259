import type { Db } from '../../db/db.ts';

export interface TargetRow {
  id: number;
  service_id: number;
  service: string | null;
  kpi: string;
  comparator: '>=' | '<=';
  target: number;
  tolerance: number;
}

const SELECT_TARGETS = `SELECT t.id, t.service_id, s.code AS service, t.kpi, t.comparator, t.target, t.tolerance
  FROM kpi_targets t LEFT JOIN services s ON s.agency_id = t.agency_id AND s.id = t.service_id`;

export async function listTargets(db: Db, agencyId: number) {
  return db.query<TargetRow>(`${SELECT_TARGETS} WHERE t.agency_id = $1 ORDER BY t.service_id, t.kpi`, [agencyId]);
}

export async function getTarget(db: Db, agencyId: number, id: number) {
  const rows = await db.query<TargetRow>(`${SELECT_TARGETS} WHERE t.agency_id = $1 AND t.id = $2`, [agencyId, id]);
  return rows[0];
}

/** One target per agency × service × KPI: setting it again replaces it. */
export async function upsertTarget(db: Db, agencyId: number, t: { serviceId: number; kpi: string; comparator: string; target: number; tolerance: number }) {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO kpi_targets (agency_id, service_id, kpi, comparator, target, tolerance) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (agency_id, service_id, kpi) DO UPDATE
       SET comparator = EXCLUDED.comparator, target = EXCLUDED.target, tolerance = EXCLUDED.tolerance, updated_at = now()
     RETURNING id`,
    [agencyId, t.serviceId, t.kpi, t.comparator, t.target, t.tolerance],
  );
  return rows[0].id;
}

export async function updateTarget(db: Db, agencyId: number, id: number, t: { serviceId: number; kpi: string; comparator: string; target: number; tolerance: number }) {
  const rows = await db.query<{ id: number }>(
    `UPDATE kpi_targets SET service_id = $3, kpi = $4, comparator = $5, target = $6, tolerance = $7, updated_at = now()
      WHERE agency_id = $1 AND id = $2 RETURNING id`,
    [agencyId, id, t.serviceId, t.kpi, t.comparator, t.target, t.tolerance],
  );
  return rows[0]?.id;
}

export async function deleteTarget(db: Db, agencyId: number, id: number) {
  const rows = await db.query<{ id: number }>('DELETE FROM kpi_targets WHERE agency_id = $1 AND id = $2 RETURNING id', [agencyId, id]);
  return rows.length > 0;
}
