-- Interaction imports: uploads wait in the queue before a worker takes them, and a run
-- remembers its file, options and size so a restarted job resumes with the same settings.
ALTER TABLE import_runs DROP CONSTRAINT import_runs_status_check;
ALTER TABLE import_runs ADD CONSTRAINT import_runs_status_check
  CHECK (status IN ('queued', 'running', 'done', 'failed'));
ALTER TABLE import_runs
  ADD COLUMN file_path      text,
  ADD COLUMN source         text NOT NULL DEFAULT 'file',
  ADD COLUMN create_missing boolean NOT NULL DEFAULT false,
  ADD COLUMN total_rows     integer,
  ADD COLUMN created_by     text NOT NULL DEFAULT '',
  ADD COLUMN updated_at     timestamptz NOT NULL DEFAULT now();
