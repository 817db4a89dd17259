import type { Db } from '../../db/db.ts';

// A small catalog for ingestion tests, written with plain SQL so these tests do not depend
// on the catalog domain's API.
export async function seedTestCatalog(db: Db, agencyId: number) {
  const one = async (sql: string, params: unknown[]) => (await db.query<{ id: number }>(sql, [agencyId, ...params]))[0].id;
  const provider = await one(`INSERT INTO providers (agency_id, code, name_ar, name_en, kind) VALUES ($1, 'tasheel', 'تسهيل', 'Tasheel', 'third_party') RETURNING id`, []);
  const service = await one(`INSERT INTO services (agency_id, code, name_ar, name_en) VALUES ($1, 'work-permit', 'رخصة عمل', 'Work permit') RETURNING id`, []);
  const other = await one(`INSERT INTO services (agency_id, code, name_ar, name_en) VALUES ($1, 'labour-complaint', 'شكوى عمالية', 'Labour complaint') RETURNING id`, []);
  const channel = await one(`INSERT INTO channels (agency_id, code, name_ar, name_en, category) VALUES ($1, 'branch', 'زيارة فرع', 'Branch visit', 'traditional') RETURNING id`, []);
  const branch = await one(`INSERT INTO branches (agency_id, code, name_ar, name_en, city) VALUES ($1, 'ruh-1', 'فرع الرياض', 'Riyadh branch', 'الرياض') RETURNING id`, []);
  const stage = await one(`INSERT INTO stages (agency_id, service_id, code, name_ar, name_en, position) VALUES ($1, $2, 'apply', 'التقديم', 'Apply', 1) RETURNING id`, [service]);
  const reason = await one(`INSERT INTO reasons (agency_id, service_id, code, name_ar, name_en) VALUES ($1, $2, 'renewal', 'تجديد', 'Renewal') RETURNING id`, [service]);
  return { provider, service, other, channel, branch, stage, reason };
}

/** A valid API item; override fields per test. */
export const interaction = (over: Record<string, unknown> = {}) => ({
  external_id: 'E-1',
  beneficiary_id: '1012345678',
  service: 'work-permit',
  channel: 'branch',
  started_at: '2024-05-01T09:00:00+03:00',
  outcome: 'completed',
  ...over,
});
