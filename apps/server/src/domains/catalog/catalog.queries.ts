import type { CatalogKind } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';

// Table names and columns come only from these constants, never from input.
export const KIND_TABLES = {
  providers: { table: 'providers', columns: ['name_ar', 'name_en', 'kind'], usedBy: { interactions: 'provider_id', services: 'provider_id' } },
  branches: { table: 'branches', columns: ['name_ar', 'name_en', 'city', 'region'], usedBy: { interactions: 'branch_id' } },
  channels: { table: 'channels', columns: ['name_ar', 'name_en', 'category'], usedBy: { interactions: 'channel_id' } },
  services: {
    table: 'services',
    columns: ['name_ar', 'name_en', 'department_ar', 'department_en', 'provider_id'],
    usedBy: { interactions: 'service_id' },
  },
} as const satisfies Record<CatalogKind, { table: string; columns: readonly string[]; usedBy: Record<string, string> }>;

export const CHILD_TABLES = {
  stages: { table: 'stages', columns: ['name_ar', 'name_en', 'position'], orderBy: 'position, code COLLATE "C"', interactionsColumn: 'stage_id' },
  reasons: { table: 'reasons', columns: ['name_ar', 'name_en', 'action_ar', 'action_en'], orderBy: 'code COLLATE "C"', interactionsColumn: 'reason_id' },
} as const;
export type ChildKind = keyof typeof CHILD_TABLES;
export type UsedBy = 'interactions' | 'services';

type Row = Record<string, unknown>;
export type CatalogRow = Row & { id: number; code: string };

// "C" collation: the same code order on PGlite and on any PostgreSQL locale.
const SERVICE_SELECT = `
  SELECT s.id, s.code, s.name_ar, s.name_en, s.department_ar, s.department_en, p.code AS provider,
    (SELECT count(*)::int FROM stages st WHERE st.agency_id = s.agency_id AND st.service_id = s.id) AS stage_count,
    (SELECT count(*)::int FROM reasons r WHERE r.agency_id = s.agency_id AND r.service_id = s.id) AS reason_count
  FROM services s LEFT JOIN providers p ON p.agency_id = s.agency_id AND p.id = s.provider_id
  WHERE s.agency_id = $1 AND ($2::text IS NULL OR s.code = $2)
  ORDER BY s.code COLLATE "C"`;

const selectSql = (kind: CatalogKind) => {
  if (kind === 'services') return SERVICE_SELECT;
  const { table, columns } = KIND_TABLES[kind];
  return `SELECT id, code, ${columns.join(', ')} FROM ${table}
    WHERE agency_id = $1 AND ($2::text IS NULL OR code = $2) ORDER BY code COLLATE "C"`;
};

export const listCatalogItems = (db: Db, agencyId: number, kind: CatalogKind) =>
  db.query<CatalogRow>(selectSql(kind), [agencyId, null]);

export const getCatalogItem = async (db: Db, agencyId: number, kind: CatalogKind, code: string) =>
  (await db.query<CatalogRow>(selectSql(kind), [agencyId, code]))[0];

const valuesOf = (columns: readonly string[], values: Row) => columns.map((c) => values[c] ?? null);
const placeholders = (n: number, from: number) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

export async function insertCatalogItem(db: Db, agencyId: number, kind: CatalogKind, code: string, values: Row) {
  const { table, columns } = KIND_TABLES[kind];
  const rows = await db.query<{ id: number }>(
    `INSERT INTO ${table} (agency_id, code, ${columns.join(', ')}) VALUES ($1, $2, ${placeholders(columns.length, 3)}) RETURNING id`,
    [agencyId, code, ...valuesOf(columns, values)],
  );
  return rows[0].id;
}

export async function updateCatalogItem(db: Db, agencyId: number, kind: CatalogKind, code: string, values: Row) {
  const { table, columns } = KIND_TABLES[kind];
  const sets = columns.map((c, i) => `${c} = $${i + 3}`).join(', ');
  await db.query(`UPDATE ${table} SET ${sets} WHERE agency_id = $1 AND code = $2`, [agencyId, code, ...valuesOf(columns, values)]);
}

/** Insert or update by code; returns nothing when the stored row already had these values. */
export async function upsertCatalogItem(db: Db, agencyId: number, kind: CatalogKind, code: string, values: Row) {
  const { table, columns } = KIND_TABLES[kind];
  const rows = await db.query<{ id: number; inserted: boolean }>(
    `INSERT INTO ${table} AS t (agency_id, code, ${columns.join(', ')}) VALUES ($1, $2, ${placeholders(columns.length, 3)})
     ON CONFLICT (agency_id, code) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
     WHERE (${columns.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')})
     RETURNING id, (xmax = 0) AS inserted`,
    [agencyId, code, ...valuesOf(columns, values)],
  );
  return rows[0];
}

export async function deleteCatalogItem(db: Db, agencyId: number, kind: CatalogKind, id: number) {
  await db.query(`DELETE FROM ${KIND_TABLES[kind].table} WHERE agency_id = $1 AND id = $2`, [agencyId, id]);
}

/** Which tables still point at this item (EXISTS stops at the first row: cheap on big tables). */
export async function findCatalogItemUses(db: Db, agencyId: number, kind: CatalogKind, id: number): Promise<UsedBy[]> {
  const entries = Object.entries(KIND_TABLES[kind].usedBy) as [UsedBy, string][];
  const probes = entries.map(([table, col]) => `EXISTS (SELECT 1 FROM ${table} WHERE agency_id = $1 AND ${col} = $2) AS ${table}`);
  const row = (await db.query<Record<UsedBy, boolean>>(`SELECT ${probes.join(', ')}`, [agencyId, id]))[0];
  return entries.filter(([table]) => row[table]).map(([table]) => table);
}

/** code → id for the given kind, all rows of the agency (catalogs are small). */
export async function getCatalogIdsByCode(db: Db, agencyId: number, kind: CatalogKind) {
  const rows = await db.query<{ id: number; code: string }>(`SELECT id, code FROM ${KIND_TABLES[kind].table} WHERE agency_id = $1`, [agencyId]);
  return new Map(rows.map((r) => [r.code, r.id]));
}

export const listServiceChildren = (db: Db, agencyId: number, child: ChildKind, serviceId: number) =>
  db.query<CatalogRow>(
    `SELECT id, code, ${CHILD_TABLES[child].columns.join(', ')} FROM ${CHILD_TABLES[child].table}
      WHERE agency_id = $1 AND service_id = $2 ORDER BY ${CHILD_TABLES[child].orderBy}`,
    [agencyId, serviceId],
  );

/** Every stage or reason of the agency with its service code, in export order. */
export const listAllServiceChildren = (db: Db, agencyId: number, child: ChildKind) =>
  db.query<CatalogRow & { service: string }>(
    `SELECT c.id, c.code, s.code AS service, ${CHILD_TABLES[child].columns.map((x) => `c.${x}`).join(', ')}
       FROM ${CHILD_TABLES[child].table} c JOIN services s ON s.agency_id = c.agency_id AND s.id = c.service_id
      WHERE c.agency_id = $1 ORDER BY s.code COLLATE "C", ${CHILD_TABLES[child].orderBy.replace(/(^|, )/g, '$1c.')}`,
    [agencyId],
  );

export async function upsertServiceChild(db: Db, agencyId: number, child: ChildKind, serviceId: number, code: string, values: Row) {
  const { table, columns } = CHILD_TABLES[child];
  const rows = await db.query<{ id: number; inserted: boolean }>(
    `INSERT INTO ${table} AS t (agency_id, service_id, code, ${columns.join(', ')}) VALUES ($1, $2, $3, ${placeholders(columns.length, 4)})
     ON CONFLICT (agency_id, service_id, code) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
     WHERE (${columns.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')})
     RETURNING id, (xmax = 0) AS inserted`,
    [agencyId, serviceId, code, ...valuesOf(columns, values)],
  );
  return rows[0];
}

/** Codes among the ones about to be removed that interactions still reference. */
export async function findChildrenInUse(db: Db, agencyId: number, child: ChildKind, ids: number[]) {
  if (!ids.length) return [];
  const { table, interactionsColumn } = CHILD_TABLES[child];
  const rows = await db.query<{ code: string }>(
    `SELECT c.code FROM ${table} c WHERE c.agency_id = $1 AND c.id = ANY($2::int[])
        AND EXISTS (SELECT 1 FROM interactions i WHERE i.agency_id = c.agency_id AND i.${interactionsColumn} = c.id)
      ORDER BY c.code COLLATE "C"`,
    [agencyId, ids],
  );
  return rows.map((r) => r.code);
}

export async function deleteServiceChildren(db: Db, agencyId: number, child: ChildKind, ids: number[]) {
  if (!ids.length) return;
  await db.query(`DELETE FROM ${CHILD_TABLES[child].table} WHERE agency_id = $1 AND id = ANY($2::int[])`, [agencyId, ids]);
}

export async function getAgencySettingsJson(db: Db, agencyId: number) {
  const rows = await db.query<{ settings: Record<string, unknown> }>('SELECT settings FROM agencies WHERE id = $1', [agencyId]);
  return rows[0]?.settings ?? {};
}

/** Merges top-level keys into agencies.settings, keeping keys other domains stored there. */
export async function mergeAgencySettingsJson(db: Db, agencyId: number, patch: Record<string, unknown>) {
  await db.query(`UPDATE agencies SET settings = settings || $2::jsonb WHERE id = $1`, [agencyId, JSON.stringify(patch)]);
}
