-- Contact centre: call records (one row per call), an interval rollup for intraday
-- dashboards, and optional imported agent schedules for the staffing planner.

CREATE TABLE calls (
  agency_id    integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  call_id      text NOT NULL,
  caller_pid   text,               -- keyed pseudonym; NULL when the caller was not captured
  agent_pid    text,               -- keyed pseudonym
  queue        text NOT NULL,
  service_id   integer,
  arrived_at   timestamptz NOT NULL,
  answered_at  timestamptz,
  ended_at     timestamptz,
  outcome      text NOT NULL CHECK (outcome IN ('answered', 'abandoned', 'ivr')),
  import_id    bigint,
  ingested_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, call_id),
  CHECK (outcome <> 'answered' OR (answered_at IS NOT NULL AND answered_at >= arrived_at)),
  CHECK (outcome = 'answered' OR answered_at IS NULL),
  CHECK (ended_at IS NULL OR ended_at >= arrived_at)
);
CREATE INDEX calls_arrived_idx ON calls (agency_id, arrived_at);
-- repeatCallRate7d looks up "the same caller's next offered call" for every offered call.
CREATE INDEX calls_caller_idx ON calls (agency_id, caller_pid, arrived_at);

-- Per agency × local day × local 15-minute interval × queue × service (0 = none), kept
-- up to date by the import. answered_within_<T> exist for the service-level T's a
-- dashboard offers; any other T is computed exactly from raw calls.
CREATE TABLE call_intervals (
  agency_id          integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  day                date NOT NULL,
  minute             smallint NOT NULL CHECK (minute >= 0 AND minute < 1440 AND minute % 15 = 0),
  queue              text NOT NULL,
  service_id         integer NOT NULL DEFAULT 0,
  offered            integer NOT NULL DEFAULT 0,
  answered           integer NOT NULL DEFAULT 0,
  abandoned          integer NOT NULL DEFAULT 0,
  ivr                integer NOT NULL DEFAULT 0,
  sum_wait_answered  double precision NOT NULL DEFAULT 0,
  sum_handle         double precision NOT NULL DEFAULT 0,
  max_wait           double precision,
  within_10          integer NOT NULL DEFAULT 0,
  within_15          integer NOT NULL DEFAULT 0,
  within_20          integer NOT NULL DEFAULT 0,
  within_30          integer NOT NULL DEFAULT 0,
  within_45          integer NOT NULL DEFAULT 0,
  within_60          integer NOT NULL DEFAULT 0,
  within_90          integer NOT NULL DEFAULT 0,
  within_120         integer NOT NULL DEFAULT 0,
  within_180         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, minute, queue, service_id)
);

-- Scheduled agents per local interval start, imported by supervisors (planner comparison).
CREATE TABLE call_schedules (
  agency_id      integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  day            date NOT NULL,
  minute         smallint NOT NULL CHECK (minute >= 0 AND minute < 1440),
  agents         integer NOT NULL CHECK (agents >= 0),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, day, minute)
);
