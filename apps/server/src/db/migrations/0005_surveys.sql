-- Surveys: design and versions, invitations (post-service, periodic, posters), responses and
-- answers, fatigue bookkeeping, message outbox and webhooks. agency_id leads every key.

CREATE TABLE surveys (
  agency_id       integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id              integer GENERATED ALWAYS AS IDENTITY,
  code            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('post_service', 'periodic', 'poster')),
  name_ar         text NOT NULL,
  name_en         text NOT NULL,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
  current_version integer NOT NULL DEFAULT 1,
  -- Interaction outcomes that trigger a post-service invitation.
  trigger_outcomes text[] NOT NULL DEFAULT ARRAY['completed'],
  -- Optional narrowing to channels (catalog ids); NULL = every channel.
  channel_ids     integer[],
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, code)
);

CREATE TABLE survey_services (
  agency_id  integer NOT NULL,
  survey_id  integer NOT NULL,
  service_id integer NOT NULL,
  PRIMARY KEY (agency_id, survey_id, service_id),
  FOREIGN KEY (agency_id, survey_id) REFERENCES surveys (agency_id, id) ON DELETE CASCADE,
  FOREIGN KEY (agency_id, service_id) REFERENCES services (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX survey_services_service_idx ON survey_services (agency_id, service_id);

-- Immutable once answered: editing a live survey writes the next version.
CREATE TABLE survey_versions (
  agency_id  integer NOT NULL,
  survey_id  integer NOT NULL,
  version    integer NOT NULL,
  questions  jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, survey_id, version),
  FOREIGN KEY (agency_id, survey_id) REFERENCES surveys (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE survey_campaigns (
  agency_id     integer NOT NULL,
  id            integer GENERATED ALWAYS AS IDENTITY,
  survey_id     integer NOT NULL,
  name          text NOT NULL,
  lookback_days integer NOT NULL CHECK (lookback_days BETWEEN 1 AND 365),
  sample_size   integer NOT NULL CHECK (sample_size BETWEEN 1 AND 1000000),
  every_days    integer CHECK (every_days BETWEEN 1 AND 365),
  next_run_at   timestamptz,
  last_run_at   timestamptz,
  last_invited  integer NOT NULL DEFAULT 0,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  FOREIGN KEY (agency_id, survey_id) REFERENCES surveys (agency_id, id) ON DELETE CASCADE
);

-- QR posters: walk-in feedback for one branch/service, no personal link.
CREATE TABLE survey_posters (
  agency_id  integer NOT NULL,
  id         integer GENERATED ALWAYS AS IDENTITY,
  survey_id  integer NOT NULL,
  service_id integer,
  branch_id  integer,
  channel_id integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  FOREIGN KEY (agency_id, survey_id) REFERENCES surveys (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE survey_invitations (
  agency_id       integer NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  survey_id       integer NOT NULL,
  version         integer NOT NULL,
  campaign_id     integer,
  interaction_id  bigint,
  beneficiary_pid text,
  delivery        text NOT NULL CHECK (delivery IN ('sms', 'email', 'link')),
  service_id      integer,
  channel_id      integer,
  branch_id       integer,
  provider_id     integer,
  stage_id        integer,
  employee_pid    text,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'completed')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  send_at         timestamptz,
  sent_at         timestamptz,
  expires_at      timestamptz NOT NULL,
  completed_at    timestamptz,
  PRIMARY KEY (agency_id, id),
  FOREIGN KEY (agency_id, survey_id) REFERENCES surveys (agency_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX survey_invitations_interaction_idx ON survey_invitations (agency_id, survey_id, interaction_id);
CREATE INDEX survey_invitations_beneficiary_idx ON survey_invitations (agency_id, beneficiary_pid, created_at);
CREATE INDEX survey_invitations_survey_idx ON survey_invitations (agency_id, survey_id, created_at);

CREATE TABLE survey_responses (
  agency_id      integer NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  survey_id      integer NOT NULL,
  version        integer NOT NULL,
  -- 'i:<invitation id>' or 'p:<poster id>:<nonce>': a repeated first submit finds its response.
  dedupe_key     text NOT NULL,
  invitation_id  bigint,
  poster_id      integer,
  interaction_id bigint,
  service_id     integer,
  channel_id     integer,
  branch_id      integer,
  provider_id    integer,
  stage_id       integer,
  employee_pid   text,
  locale         text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'en')),
  status         text NOT NULL DEFAULT 'partial' CHECK (status IN ('partial', 'completed')),
  started_at     timestamptz NOT NULL DEFAULT now(),
  completed_at   timestamptz,
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, dedupe_key),
  FOREIGN KEY (agency_id, survey_id, version) REFERENCES survey_versions (agency_id, survey_id, version)
);
CREATE INDEX survey_responses_survey_idx ON survey_responses (agency_id, survey_id, completed_at);

-- One row per answered question; component/driver/kind copied from the (immutable) version.
CREATE TABLE survey_answers (
  agency_id    integer NOT NULL,
  response_id  bigint NOT NULL,
  question_key text NOT NULL,
  survey_id    integer NOT NULL,
  kind         text NOT NULL,
  component    text NOT NULL CHECK (component IN ('functional', 'cultural', 'emotional')),
  driver       text,
  score        smallint,
  choices      text[],
  text_value   text,
  answered_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, response_id, question_key),
  FOREIGN KEY (agency_id, response_id) REFERENCES survey_responses (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX survey_answers_survey_idx ON survey_answers (agency_id, survey_id, question_key);

-- Opt-outs are honoured forever.
CREATE TABLE survey_opt_outs (
  agency_id       integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  beneficiary_pid text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, beneficiary_pid)
);

-- Contact details for delivery, AES-256-GCM encrypted (never in clear); deleted on opt-out.
CREATE TABLE beneficiary_contacts (
  agency_id       integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  beneficiary_pid text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('sms', 'email')),
  contact_enc     text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, beneficiary_pid, kind)
);

-- Every suppressed invitation counted with its reason, per survey and agency-local day.
CREATE TABLE survey_suppressions (
  agency_id integer NOT NULL,
  survey_id integer NOT NULL,
  day       date NOT NULL,
  reason    text NOT NULL,
  n         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, survey_id, day, reason),
  FOREIGN KEY (agency_id, survey_id) REFERENCES surveys (agency_id, id) ON DELETE CASCADE
);

-- Messages the outbox provider "sent": shown in the UI and read by tests. Recipient masked.
CREATE TABLE message_outbox (
  agency_id     integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  kind          text NOT NULL CHECK (kind IN ('sms', 'email')),
  to_masked     text NOT NULL,
  subject       text,
  body          text NOT NULL,
  invitation_id bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id)
);

CREATE TABLE survey_webhooks (
  agency_id  integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id         integer GENERATED ALWAYS AS IDENTITY,
  url        text NOT NULL,
  secret     text NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id)
);

CREATE TABLE survey_webhook_deliveries (
  agency_id    integer NOT NULL,
  webhook_id   integer NOT NULL,
  response_id  bigint NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  last_status  integer,
  last_error   text,
  delivered_at timestamptz,
  PRIMARY KEY (agency_id, webhook_id, response_id),
  FOREIGN KEY (agency_id, webhook_id) REFERENCES survey_webhooks (agency_id, id) ON DELETE CASCADE
);
