import type { Db } from '../../db/db.ts';

// SQL of the contact centre. Every statement filters by agency_id. Local time buckets use the
// agency's IANA zone through AT TIME ZONE, which PGlite and PostgreSQL evaluate identically.

/** Service-level thresholds (seconds) kept in call_intervals; other T's read raw calls. */
export const ROLLED_UP_SL_SECONDS = [10, 15, 20, 30, 45, 60, 90, 120, 180] as const;

export const GROUP_DIMENSIONS = ['interval15', 'interval30', 'interval60', 'hour', 'day', 'weekday', 'queue', 'service'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

export interface CallRow {
  call_id: string;
  caller_pid: string | null;
  agent_pid: string | null;
  queue: string;
  service_id: number | null;
  arrived_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  outcome: 'answered' | 'abandoned' | 'ivr';
}

/**
 * Inserts new calls and adds them to call_intervals in one statement (a call_id already stored
 * is skipped and not counted again). Returns the call_ids inserted.
 */
export async function insertCallBatch(db: Db, agencyId: number, importId: number | null, timeZone: string, rows: CallRow[]) {
  if (!rows.length) return [];
  const col = <K extends keyof CallRow>(k: K) => rows.map((r) => r[k]);
  const iso = (k: 'arrived_at' | 'answered_at' | 'ended_at') => rows.map((r) => r[k]?.toISOString() ?? null);
  return db.query<{ call_id: string }>(
    `WITH ins AS (
       INSERT INTO calls (agency_id, import_id, call_id, caller_pid, agent_pid, queue, service_id, arrived_at, answered_at, ended_at, outcome)
       SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
                                   $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::text[])
       ON CONFLICT (agency_id, call_id) DO NOTHING
       RETURNING call_id, queue, service_id, arrived_at, answered_at, ended_at, outcome
     ), rolled AS (${upsertIntervalsSql('ins', '$12::text')})
     SELECT call_id FROM ins`,
    [agencyId, importId, col('call_id'), col('caller_pid'), col('agent_pid'), col('queue'), col('service_id'),
      iso('arrived_at'), iso('answered_at'), iso('ended_at'), col('outcome'), timeZone],
  );
}

/**
 * Calls aggregated per local day × 15-minute interval × queue × service: the shape of
 * call_intervals, computed from raw rows. `within` names the answered-within-T columns.
 */
function bucketedCallsSql(source: string, timeZone: string, within: { name: string; seconds: string }[]) {
  const withinCols = within
    .map((w) => `count(*) FILTER (WHERE outcome = 'answered' AND wait <= ${w.seconds})::int AS ${w.name}`)
    .join(',\n      ');
  return `SELECT lt::date AS day,
      (extract(hour FROM lt) * 60 + floor(extract(minute FROM lt) / 15) * 15)::int AS minute,
      queue, service_id,
      count(*) FILTER (WHERE outcome <> 'ivr')::int AS offered,
      count(*) FILTER (WHERE outcome = 'answered')::int AS answered,
      count(*) FILTER (WHERE outcome = 'abandoned')::int AS abandoned,
      count(*) FILTER (WHERE outcome = 'ivr')::int AS ivr,
      coalesce(sum(wait) FILTER (WHERE outcome = 'answered'), 0)::float8 AS sum_wait_answered,
      coalesce(sum(handle) FILTER (WHERE outcome = 'answered'), 0)::float8 AS sum_handle,
      max(wait) FILTER (WHERE outcome <> 'ivr')::float8 AS max_wait,
      ${withinCols}
    FROM (SELECT arrived_at AT TIME ZONE ${timeZone} AS lt, queue, coalesce(service_id, 0) AS service_id, outcome,
                 extract(epoch FROM coalesce(answered_at, ended_at) - arrived_at) AS wait,
                 extract(epoch FROM ended_at - answered_at) AS handle
            FROM ${source}) c
    GROUP BY 1, 2, 3, 4`;
}

const ROLLUP_WITHIN = ROLLED_UP_SL_SECONDS.map((s) => ({ name: `within_${s}`, seconds: String(s) }));

const ROLLUP_COLUMNS = ['offered', 'answered', 'abandoned', 'ivr', 'sum_wait_answered', 'sum_handle', ...ROLLUP_WITHIN.map((w) => w.name)];

/** Adds the calls of `source` (agency $1) to call_intervals. */
function upsertIntervalsSql(source: string, timeZone: string) {
  const cols = ROLLUP_COLUMNS.join(', ');
  return `INSERT INTO call_intervals (agency_id, day, minute, queue, service_id, ${cols}, max_wait)
     SELECT $1, day, minute, queue, service_id, ${cols}, max_wait FROM (${bucketedCallsSql(source, timeZone, ROLLUP_WITHIN)}) b
     ON CONFLICT (agency_id, day, minute, queue, service_id) DO UPDATE SET
       ${ROLLUP_COLUMNS.map((c) => `${c} = call_intervals.${c} + EXCLUDED.${c}`).join(', ')},
       max_wait = greatest(call_intervals.max_wait, EXCLUDED.max_wait)`;
}

/** Rebuilds the rollup of one agency from raw calls (after a time-zone change, or to verify it). */
export async function rebuildCallIntervals(db: Db, agencyId: number, timeZone: string) {
  await db.query('DELETE FROM call_intervals WHERE agency_id = $1', [agencyId]);
  await db.query(upsertIntervalsSql('calls WHERE agency_id = $1', '$2::text'), [agencyId, timeZone]);
}

// Group keys as SQL over the bucket shape (day, minute, queue, service_id). Weekday: 0 = Sunday.
const GROUP_SQL: Record<GroupDimension, string> = {
  interval15: `to_char(day + minute * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI')`,
  interval30: `to_char(day + (minute / 30 * 30) * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI')`,
  interval60: `to_char(day + (minute / 60 * 60) * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI')`,
  hour: `lpad((minute / 60)::text, 2, '0')`,
  day: `to_char(day, 'YYYY-MM-DD')`,
  weekday: `extract(dow FROM day)::int::text`,
  queue: 'queue',
  service: `coalesce(s.code, '')`,
};

export interface KpiQuery {
  agencyId: number;
  timeZone: string;
  /** Local dates, both inclusive. */
  from: string;
  to: string;
  queue?: string;
  slSeconds: number;
  groupBy: GroupDimension[];
}

export interface KpiGroupRow {
  key: string[];
  offered: number;
  answered: number;
  abandoned: number;
  ivr: number;
  sum_wait_answered: number;
  sum_handle: number;
  max_wait: number | null;
  within_t: number;
  within_120: number;
}

const periodSql = (p: number) =>
  `arrived_at >= ($${p}::date::timestamp AT TIME ZONE $2::text) AND arrived_at < (($${p + 1}::date + 1)::timestamp AT TIME ZONE $2::text)`;

function groupSelect(groupBy: GroupDimension[]) {
  const keys = groupBy.map((g) => GROUP_SQL[g]);
  const keyArray = keys.length ? `ARRAY[${keys.join(', ')}]` : `ARRAY[]::text[]`;
  // Keys are text sorting in their natural order (zero-padded hours, ISO dates).
  const groupClause = keys.length ? 'GROUP BY 1 ORDER BY 1' : '';
  const join = groupBy.includes('service') ? 'LEFT JOIN services s ON s.agency_id = $1 AND s.id = b.service_id' : '';
  return { keyArray, groupClause, join };
}

const SUMS = `sum(offered)::int AS offered, sum(answered)::int AS answered, sum(abandoned)::int AS abandoned,
  sum(ivr)::int AS ivr, coalesce(sum(sum_wait_answered), 0)::float8 AS sum_wait_answered,
  coalesce(sum(sum_handle), 0)::float8 AS sum_handle, max(max_wait)::float8 AS max_wait,
  coalesce(sum(within_t), 0)::int AS within_t, coalesce(sum(within_120), 0)::int AS within_120`;

/**
 * Call counts and sums per group, read from call_intervals when T is one of the rolled-up
 * thresholds, otherwise from raw calls (exact for any T). Both give identical numbers.
 */
export async function getCallKpiGroups(db: Db, q: KpiQuery): Promise<KpiGroupRow[]> {
  const rolled = (ROLLED_UP_SL_SECONDS as readonly number[]).includes(q.slSeconds);
  let source: string;
  const params: unknown[] = [q.agencyId, q.timeZone, q.from, q.to];
  if (q.queue !== undefined) params.push(q.queue);
  const queueFilter = q.queue !== undefined ? 'AND queue = $5' : '';
  if (rolled) {
    // $2 (time zone) is fixed in the rollup already; referenced so both engines type it.
    source = `SELECT day, minute, queue, service_id, offered, answered, abandoned, ivr, sum_wait_answered, sum_handle,
                     max_wait, within_${q.slSeconds} AS within_t, within_120
                FROM call_intervals WHERE agency_id = $1 AND $2::text IS NOT NULL
                 AND day BETWEEN $3::date AND $4::date ${queueFilter}`;
  } else {
    params.push(q.slSeconds);
    const t = `$${params.length}::float8`;
    source = bucketedCallsSql(`calls WHERE agency_id = $1 AND ${periodSql(3)} ${queueFilter}`, '$2::text', [
      { name: 'within_t', seconds: t },
      { name: 'within_120', seconds: '120' },
    ]);
  }
  const g = groupSelect(q.groupBy);
  return db.query<KpiGroupRow>(`SELECT ${g.keyArray} AS key, ${SUMS} FROM (${source}) b ${g.join} ${g.groupClause}`, params);
}

/**
 * Per group: offered calls with a caller, and how many of them the same caller followed with
 * another offered call (any queue) strictly after arrival and at most 7×24 h later. One window
 * pass over the period plus 7 days (timestamps are whole microseconds, so "1 microsecond
 * following" is "strictly after"); about twice as fast as a per-call EXISTS probe.
 */
export async function getRepeatCallCounts(db: Db, q: Omit<KpiQuery, 'slSeconds'>) {
  const params: unknown[] = [q.agencyId, q.timeZone, q.from, q.to];
  if (q.queue !== undefined) params.push(q.queue);
  const g = groupSelect(q.groupBy);
  const periodEnd = `(($4::date + 1)::timestamp AT TIME ZONE $2::text)`;
  return db.query<{ key: string[]; n: number; repeats: number }>(
    `SELECT ${g.keyArray} AS key, count(*)::int AS n, count(*) FILTER (WHERE repeated)::int AS repeats
       FROM (SELECT lt::date AS day, (extract(hour FROM lt) * 60 + floor(extract(minute FROM lt) / 15) * 15)::int AS minute,
                    queue, service_id, repeated
               FROM (SELECT arrived_at, arrived_at AT TIME ZONE $2::text AS lt, queue, coalesce(service_id, 0) AS service_id,
                            count(*) OVER (PARTITION BY caller_pid ORDER BY arrived_at
                              RANGE BETWEEN interval '1 microsecond' FOLLOWING AND interval '168 hours' FOLLOWING) > 0 AS repeated
                       FROM calls
                      WHERE agency_id = $1 AND outcome <> 'ivr' AND caller_pid IS NOT NULL
                        AND arrived_at >= ($3::date::timestamp AT TIME ZONE $2::text) AND arrived_at < ${periodEnd} + interval '168 hours') w
              WHERE arrived_at < ${periodEnd} ${q.queue !== undefined ? 'AND queue = $5' : ''}) b
     ${g.join} ${g.groupClause}`,
    params,
  );
}

/** Offered calls and handle time per local day × interval start for the given days (planner history). */
export async function getIntervalHistory(db: Db, agencyId: number, days: string[], intervalMinutes: number, queue?: string) {
  const params: unknown[] = [agencyId, days, intervalMinutes];
  if (queue !== undefined) params.push(queue);
  return db.query<{ day: string; minute: number; offered: number; answered: number; sum_handle: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, (minute / $3::int * $3::int)::int AS minute,
            sum(offered)::int AS offered, sum(answered)::int AS answered, sum(sum_handle)::float8 AS sum_handle
       FROM call_intervals
      WHERE agency_id = $1 AND day = ANY($2::date[]) ${queue !== undefined ? 'AND queue = $4' : ''}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
}

/** The first local day with any call (history before it is unknown, not zero). */
export async function getFirstCallDay(db: Db, agencyId: number): Promise<string | null> {
  const rows = await db.query<{ day: string | null }>(
    `SELECT to_char(min(day), 'YYYY-MM-DD') AS day FROM call_intervals WHERE agency_id = $1`,
    [agencyId],
  );
  return rows[0]?.day ?? null;
}

export async function upsertSchedule(db: Db, agencyId: number, rows: { day: string; minute: number; agents: number }[]) {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO call_schedules (agency_id, day, minute, agents)
     SELECT $1, * FROM unnest($2::date[], $3::int[], $4::int[])
     ON CONFLICT (agency_id, day, minute) DO UPDATE SET agents = EXCLUDED.agents, updated_at = now()`,
    [agencyId, rows.map((r) => r.day), rows.map((r) => r.minute), rows.map((r) => r.agents)],
  );
}

export async function getSchedule(db: Db, agencyId: number, day: string) {
  return db.query<{ minute: number; agents: number }>(
    'SELECT minute::int AS minute, agents FROM call_schedules WHERE agency_id = $1 AND day = $2::date ORDER BY minute',
    [agencyId, day],
  );
}

export async function getServiceIdsByCode(db: Db, agencyId: number): Promise<Map<string, number>> {
  const rows = await db.query<{ id: number; code: string }>('SELECT id, code FROM services WHERE agency_id = $1', [agencyId]);
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The agency's voice channel for calls: the first one created when there are several. */
export async function getVoiceChannelId(db: Db, agencyId: number): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `SELECT id FROM channels WHERE agency_id = $1 AND category = 'voice' ORDER BY id LIMIT 1`,
    [agencyId],
  );
  return rows[0]?.id ?? null;
}
