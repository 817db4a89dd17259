-- Core schema: tenants, access, catalog, interactions, imports, jobs.
-- Every tenant-owned table carries agency_id first in its primary key (future Citus
-- distribution column); see docs/architecture.md.

CREATE TABLE agencies (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name_ar     text NOT NULL,
  name_en     text NOT NULL,
  timezone    text NOT NULL DEFAULT 'Asia/Riyadh',
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email          text NOT NULL UNIQUE,
  name           text NOT NULL DEFAULT '',
  password_hash  text NOT NULL,
  is_superadmin  boolean NOT NULL DEFAULT false,
  locale         text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'en')),
  must_change_password boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  disabled_at    timestamptz
);

CREATE TABLE memberships (
  agency_id  integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  user_id    integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('admin', 'analyst', 'supervisor', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, user_id)
);

CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_keys (
  agency_id    integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id           integer GENERATED ALWAYS AS IDENTITY,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('admin', 'analyst', 'supervisor', 'viewer')),
  prefix       text NOT NULL,
  key_hash     text NOT NULL UNIQUE,
  created_by   integer REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz,
  PRIMARY KEY (agency_id, id)
);

CREATE TABLE audit_log (
  agency_id   integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  actor_type  text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
  actor_id    integer,
  actor_label text NOT NULL DEFAULT '',
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text,
  before      jsonb,
  after       jsonb,
  request_id  text,
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id)
);
CREATE INDEX audit_log_at_idx ON audit_log (agency_id, at DESC);

CREATE TABLE providers (
  agency_id  integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id         integer GENERATED ALWAYS AS IDENTITY,
  code       text NOT NULL,
  name_ar    text NOT NULL,
  name_en    text NOT NULL,
  kind       text NOT NULL DEFAULT 'in_house' CHECK (kind IN ('in_house', 'third_party')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, code)
);

CREATE TABLE branches (
  agency_id  integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id         integer GENERATED ALWAYS AS IDENTITY,
  code       text NOT NULL,
  name_ar    text NOT NULL,
  name_en    text NOT NULL,
  city       text NOT NULL DEFAULT '',
  region     text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, code)
);

CREATE TABLE channels (
  agency_id  integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id         integer GENERATED ALWAYS AS IDENTITY,
  code       text NOT NULL,
  name_ar    text NOT NULL,
  name_en    text NOT NULL,
  category   text NOT NULL CHECK (category IN ('traditional', 'voice', 'digital')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, code)
);

CREATE TABLE services (
  agency_id     integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id            integer GENERATED ALWAYS AS IDENTITY,
  code          text NOT NULL,
  name_ar       text NOT NULL,
  name_en       text NOT NULL,
  department_ar text NOT NULL DEFAULT '',
  department_en text NOT NULL DEFAULT '',
  provider_id   integer,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, code),
  FOREIGN KEY (agency_id, provider_id) REFERENCES providers (agency_id, id)
);

-- A service's journey: its ordered stages.
CREATE TABLE stages (
  agency_id  integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id         integer GENERATED ALWAYS AS IDENTITY,
  service_id integer NOT NULL,
  code       text NOT NULL,
  name_ar    text NOT NULL,
  name_en    text NOT NULL,
  position   integer NOT NULL CHECK (position >= 1),
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, service_id, code),
  FOREIGN KEY (agency_id, service_id) REFERENCES services (agency_id, id) ON DELETE CASCADE
);

-- Visit reasons per service, each with the prescribed front-line action (seed 002).
CREATE TABLE reasons (
  agency_id  integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id         integer GENERATED ALWAYS AS IDENTITY,
  service_id integer NOT NULL,
  code       text NOT NULL,
  name_ar    text NOT NULL,
  name_en    text NOT NULL,
  action_ar  text NOT NULL DEFAULT '',
  action_en  text NOT NULL DEFAULT '',
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, service_id, code),
  FOREIGN KEY (agency_id, service_id) REFERENCES services (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE interactions (
  agency_id       integer NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  source          text NOT NULL DEFAULT 'api',
  external_id     text NOT NULL,
  beneficiary_pid text NOT NULL,
  service_id      integer NOT NULL,
  channel_id      integer NOT NULL,
  branch_id       integer,
  provider_id     integer,
  stage_id        integer,
  reason_id       integer,
  employee_pid    text,
  started_at      timestamptz NOT NULL,
  ended_at        timestamptz,
  wait_seconds    integer,
  outcome         text NOT NULL CHECK (outcome IN ('completed', 'failed', 'abandoned', 'transferred')),
  attributes      jsonb,
  import_id       bigint,
  ingested_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, source, external_id)
);
CREATE INDEX interactions_beneficiary_idx ON interactions (agency_id, beneficiary_pid, service_id, started_at);
CREATE INDEX interactions_started_idx ON interactions (agency_id, started_at);

-- One row per file import: checkpoint for resuming after a crash, and the summary.
CREATE TABLE import_runs (
  agency_id      integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  kind           text NOT NULL,
  file_name      text NOT NULL DEFAULT '',
  file_sha256    text NOT NULL,
  status         text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  rows_committed integer NOT NULL DEFAULT 0,
  accepted       integer NOT NULL DEFAULT 0,
  duplicates     integer NOT NULL DEFAULT 0,
  rejected       integer NOT NULL DEFAULT 0,
  errors         jsonb NOT NULL DEFAULT '[]'::jsonb,
  drop_reasons   jsonb NOT NULL DEFAULT '{}'::jsonb,
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  PRIMARY KEY (agency_id, id)
);
CREATE INDEX import_runs_sha_idx ON import_runs (agency_id, kind, file_sha256);

-- Durable background jobs (survive restarts); see apps/server/src/jobs.
CREATE TABLE jobs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id    integer,
  name         text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  dedupe_key   text UNIQUE,
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at       timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  last_error   text,
  locked_at    timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  done_at      timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (status, run_at);
