-- Journeys (interactions of one beneficiary for one service, assembled by the journey engine),
-- the daily rollups every dashboard reads, KPI targets, and the queue of stored batches whose
-- journeys and rollups still have to be refreshed. See docs/metrics.md for the definitions.

CREATE TABLE journeys (
  agency_id            integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  beneficiary_pid      text NOT NULL,
  service_id           integer NOT NULL,
  start_day            date NOT NULL,          -- agency-local day of the first contact
  first_at             timestamptz NOT NULL,
  last_at              timestamptz NOT NULL,   -- start of the last contact
  resolved_at          timestamptz,            -- end (else start) of the last completed contact
  status               text NOT NULL CHECK (status IN ('completed', 'dropped', 'open')),
  contacts             integer NOT NULL,
  traditional_contacts integer NOT NULL,
  voice_contacts       integer NOT NULL,
  digital_contacts     integer NOT NULL,
  -- The first contact's branch/channel/provider (0 = none): who took the beneficiary in.
  branch_id            integer NOT NULL,
  channel_id           integer NOT NULL,
  provider_id          integer NOT NULL,
  last_stage_id        integer,                -- stage of the last contact that named one
  max_stage_position   integer,                -- furthest stage reached (drop-off funnel)
  path                 text NOT NULL,          -- "stage_id/channel_id>…" in contact order (variants)
  has_loop             boolean NOT NULL,
  PRIMARY KEY (agency_id, id)
);
CREATE INDEX journeys_key_idx ON journeys (agency_id, beneficiary_pid, service_id, first_at);
CREATE INDEX journeys_day_idx ON journeys (agency_id, start_day, service_id);

-- Contacts per agency-local day × service × branch × channel × provider (0 = none).
CREATE TABLE rollup_contacts_daily (
  agency_id    integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  day          date NOT NULL,
  service_id   integer NOT NULL,
  branch_id    integer NOT NULL,
  channel_id   integer NOT NULL,
  provider_id  integer NOT NULL,
  contacts     integer NOT NULL,
  completed    integer NOT NULL,
  failed       integer NOT NULL,
  abandoned    integer NOT NULL,
  transferred  integer NOT NULL,
  repeated     integer NOT NULL,   -- followed by the same person's contact for the service within N days
  wait_sum     double precision NOT NULL,
  wait_n       integer NOT NULL,
  handle_sum   double precision NOT NULL,
  handle_n     integer NOT NULL,
  PRIMARY KEY (agency_id, day, service_id, branch_id, channel_id, provider_id)
);

-- Contacts per day × service × stage × reason (0 = none): repeat hotspots and the stages map.
CREATE TABLE rollup_stage_reason_daily (
  agency_id   integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  day         date NOT NULL,
  service_id  integer NOT NULL,
  stage_id    integer NOT NULL,
  reason_id   integer NOT NULL,
  contacts    integer NOT NULL,
  completed   integer NOT NULL,
  repeated    integer NOT NULL,
  PRIMARY KEY (agency_id, day, service_id, stage_id, reason_id)
);

-- Journeys by the day they started × service × entry branch/channel/provider.
CREATE TABLE rollup_journeys_daily (
  agency_id        integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  day              date NOT NULL,
  service_id       integer NOT NULL,
  branch_id        integer NOT NULL,
  channel_id       integer NOT NULL,
  provider_id      integer NOT NULL,
  journeys         integer NOT NULL,
  completed        integer NOT NULL,
  dropped          integer NOT NULL,
  open             integer NOT NULL,
  one_contact      integer NOT NULL,   -- completed with a single contact (FCR numerator)
  digital_only     integer NOT NULL,   -- completed, every contact digital
  mostly_digital   integer NOT NULL,   -- completed, more than half the contacts digital
  loops            integer NOT NULL,
  contacts         integer NOT NULL,
  duration_sum_s   double precision NOT NULL,   -- over completed journeys
  PRIMARY KEY (agency_id, day, service_id, branch_id, channel_id, provider_id)
);

-- One row per stored interaction batch; the journeys.refresh job consumes them.
CREATE TABLE journey_refresh_queue (
  agency_id  integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id         bigint GENERATED ALWAYS AS IDENTITY,
  min_id     bigint NOT NULL,
  max_id     bigint NOT NULL,
  queued_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id)
);

-- Targets per agency, service (0 = every service) and KPI, with the amber tolerance band.
CREATE TABLE kpi_targets (
  agency_id   integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id          integer GENERATED ALWAYS AS IDENTITY,
  service_id  integer NOT NULL DEFAULT 0,
  kpi         text NOT NULL,
  comparator  text NOT NULL CHECK (comparator IN ('>=', '<=')),
  target      double precision NOT NULL,
  tolerance   double precision NOT NULL CHECK (tolerance >= 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, service_id, kpi)
);
