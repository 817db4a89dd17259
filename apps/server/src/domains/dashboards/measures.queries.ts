import type { Db } from '../../db/db.ts';
import type { JourneyTotals } from './kpis.ts';

// Reads of the daily rollups only (never raw interactions): every dashboard figure starts here.

export type GroupBy = 'all' | 'service' | 'branch' | 'provider' | 'channel' | 'week' | 'month';

export interface Period {
  from: string;
  to: string;
  serviceId?: number | null;
}

// Fixed SQL per grouping (no user text reaches the statement).
const GROUP_EXPR: Record<GroupBy, string> = {
  all: `'all'`,
  service: 'service_id::text',
  branch: 'branch_id::text',
  provider: 'provider_id::text',
  channel: 'channel_id::text',
  week: `to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD')`,
  month: `to_char(day, 'YYYY-MM') || '-01'`,
};

const CONTACT_SUMS = `sum(contacts)::int AS contacts, sum(abandoned)::int AS abandoned, sum(repeated)::int AS repeated,
  sum(wait_sum)::float8 AS wait_sum, sum(wait_n)::int AS wait_n`;
const JOURNEY_SUMS = `sum(journeys)::int AS journeys, sum(completed)::int AS j_completed, sum(dropped)::int AS j_dropped,
  sum(open)::int AS j_open, sum(one_contact)::int AS one_contact, sum(digital_only)::int AS digital_only,
  sum(mostly_digital)::int AS mostly_digital, sum(loops)::int AS loops, sum(contacts)::int AS j_contacts,
  sum(duration_sum_s)::float8 AS duration_sum_s`;

/**
 * One statement for several groupings: the period's rollup rows are read once (a materialized
 * CTE) and grouped per dimension; on PGlite each round trip costs more than the aggregation.
 */
function groupedSql(table: string, sums: string, dims: GroupBy[], extraKey: string) {
  const parts = dims.map((d) => `SELECT '${d}' AS dim, ${GROUP_EXPR[d]} AS g${extraKey ? `, ${extraKey}` : ''}, ${sums} FROM r GROUP BY 2${extraKey ? ', 3' : ''}`);
  return `WITH r AS MATERIALIZED (
      SELECT * FROM ${table}
       WHERE agency_id = $1 AND day BETWEEN $2::date AND $3::date AND ($4::int IS NULL OR service_id = $4))
    ${parts.join('\n    UNION ALL ')}`;
}

export interface ContactMeasureRow {
  dim: GroupBy;
  g: string;
  channel_id: number;
  contacts: number;
  abandoned: number;
  repeated: number;
  wait_sum: number;
  wait_n: number;
}

/** Contact sums per dimension, group and channel (the channel prices cost per transaction). */
export async function getContactMeasures(db: Db, agencyId: number, p: Period, dims: GroupBy[]) {
  return db.query<ContactMeasureRow>(groupedSql('rollup_contacts_daily', CONTACT_SUMS, dims, 'channel_id'), [agencyId, p.from, p.to, p.serviceId ?? null]);
}

export interface JourneyMeasureRow extends JourneyTotals {
  dim: GroupBy;
  g: string;
}

/** Journey sums per dimension and group, journeys counted on the day they started. */
export async function getJourneyMeasures(db: Db, agencyId: number, p: Period, dims: GroupBy[]) {
  return db.query<JourneyMeasureRow>(groupedSql('rollup_journeys_daily', JOURNEY_SUMS, dims, ''), [agencyId, p.from, p.to, p.serviceId ?? null]);
}

export interface StageReasonRow {
  stage_id: number;
  reason_id: number;
  contacts: number;
  completed: number;
  repeated: number;
}

export async function getStageReasonMeasures(db: Db, agencyId: number, p: Period) {
  return db.query<StageReasonRow>(
    `SELECT stage_id, reason_id, sum(contacts)::int AS contacts, sum(completed)::int AS completed, sum(repeated)::int AS repeated
       FROM rollup_stage_reason_daily
      WHERE agency_id = $1 AND day BETWEEN $2::date AND $3::date AND ($4::int IS NULL OR service_id = $4)
      GROUP BY 1, 2`,
    [agencyId, p.from, p.to, p.serviceId ?? null],
  );
}

export interface NamedRow {
  id: number;
  code: string;
  name_ar: string;
  name_en: string;
  extra: string | null;
  service_id: number | null;
}

/** Names of the catalog entries a grouping refers to (category for channels, kind for providers). */
export async function getCatalogNames(db: Db, agencyId: number, kind: 'services' | 'branches' | 'providers' | 'channels' | 'stages' | 'reasons') {
  const extra = kind === 'channels' ? 'category' : kind === 'providers' ? 'kind' : kind === 'stages' ? 'position::text' : 'NULL';
  const service = kind === 'stages' || kind === 'reasons' ? 'service_id' : 'NULL::int';
  return db.query<NamedRow>(`SELECT id, code, name_ar, name_en, ${extra} AS extra, ${service} AS service_id FROM ${kind} WHERE agency_id = $1`, [agencyId]);
}

export async function getServiceIdByCode(db: Db, agencyId: number, code: string) {
  const rows = await db.query<{ id: number }>('SELECT id FROM services WHERE agency_id = $1 AND code = $2', [agencyId, code]);
  return rows[0]?.id;
}
