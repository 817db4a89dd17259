-- Text analytics: every free text the agency receives (survey answers, complaints, comments,
-- suggestions) with its sentiment and topics, and each agency's topic taxonomy.

CREATE TABLE text_items (
  agency_id       integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  source_type     text NOT NULL CHECK (source_type IN ('survey_answer', 'complaint', 'comment', 'suggestion')),
  -- survey answers: '<response id>:<question key>'; feedback: the integrator's external_id.
  source_id       text NOT NULL,
  text            text NOT NULL,
  -- normalizeArabic(text): what search and the dashboards match against.
  text_norm       text NOT NULL,
  beneficiary_pid text,
  service_id      integer,
  branch_id       integer,
  channel_id      integer,
  provider_id     integer,
  interaction_id  bigint,
  occurred_at     timestamptz NOT NULL DEFAULT now(),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
  sentiment       text CHECK (sentiment IN ('positive', 'negative', 'neutral')),
  score_positive  real,
  score_negative  real,
  score_neutral   real,
  topics          text[] NOT NULL DEFAULT '{}',
  analyzed_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, source_type, source_id)
);
-- Feedback is idempotent on external_id whatever its kind, so one id cannot be a complaint and a comment.
CREATE UNIQUE INDEX text_items_feedback_uq ON text_items (agency_id, source_id)
  WHERE source_type IN ('complaint', 'comment', 'suggestion');
CREATE INDEX text_items_pending_idx ON text_items (agency_id, id) WHERE status = 'pending';
CREATE INDEX text_items_time_idx ON text_items (agency_id, occurred_at);
CREATE INDEX text_items_service_idx ON text_items (agency_id, service_id, occurred_at);
CREATE INDEX text_items_branch_idx ON text_items (agency_id, branch_id, occurred_at);
CREATE INDEX text_items_topics_idx ON text_items USING gin (topics);

-- Marks that an agency has its own taxonomy (seeded from the default on first use), so an
-- agency that deletes every topic is not silently re-seeded.
CREATE TABLE text_taxonomies (
  agency_id  integer PRIMARY KEY REFERENCES agencies(id) ON DELETE CASCADE,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE text_topics (
  agency_id  integer NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  code       text NOT NULL,
  name_ar    text NOT NULL,
  name_en    text NOT NULL,
  keywords   text[] NOT NULL,
  position   integer NOT NULL,
  PRIMARY KEY (agency_id, code)
);
