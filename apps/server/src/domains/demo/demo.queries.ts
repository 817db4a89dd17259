import type { Db } from '../../db/db.ts';

/** Tenant tables: every table but `agencies` with an agency_id column (found, so new domains are covered). */
async function listTenantTables(db: Db) {
  const rows = await db.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND c.column_name = 'agency_id'
        AND t.table_type = 'BASE TABLE' AND c.table_name <> 'agencies'
      ORDER BY c.table_name`,
  );
  return rows.map((r) => r.table_name);
}

/**
 * Deletes an agency and every row that belongs to it, in one transaction. Tables are emptied in
 * passes (a savepoint per attempt) because foreign keys between domains fix an order we don't know.
 */
export async function deleteAgencyWithData(db: Db, agencyId: number) {
  await db.transaction(async (tx) => {
    let pending = await listTenantTables(tx);
    while (pending.length) {
      const blocked: string[] = [];
      for (const table of pending) {
        await tx.query('SAVEPOINT del_agency');
        try {
          await tx.query(`DELETE FROM ${quoteIdent(table)} WHERE agency_id = $1`, [agencyId]);
          await tx.query('RELEASE SAVEPOINT del_agency');
        } catch (e) {
          if ((e as { code?: string }).code !== '23503') throw e;
          await tx.query('ROLLBACK TO SAVEPOINT del_agency');
          blocked.push(table);
        }
      }
      if (blocked.length === pending.length) throw new Error(`cannot delete agency rows from: ${blocked.join(', ')}`);
      pending = blocked;
    }
    await tx.query('DELETE FROM agencies WHERE id = $1', [agencyId]);
  });
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
