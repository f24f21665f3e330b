-- Indicator measurements. Append-only: a correction is a new row whose `supersedes` names the
-- version it replaces; rows are never deleted and their values never change. Only `status` moves
-- (proposed -> validated | rejected), and every move is written to measurement_reviews.
CREATE TABLE measurements (
  id TEXT PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  period TEXT NOT NULL,
  value_num REAL,
  value_text TEXT,
  unit TEXT NOT NULL CHECK (unit IN ('percent', 'count', 'number', 'text')),
  comment TEXT,
  source TEXT,
  author_platform TEXT NOT NULL,
  author_id TEXT NOT NULL,
  author_name TEXT,
  recorded_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'validated', 'rejected')),
  supersedes TEXT REFERENCES measurements (id),
  -- The confirmed draft: a second confirm of the same preview finds it instead of saving again.
  draft_id TEXT UNIQUE,
  CHECK ((value_num IS NULL) <> (value_text IS NULL))
);
CREATE INDEX measurements_by_key ON measurements (indicator_id, scope, period, recorded_at);

CREATE TRIGGER measurements_are_never_deleted BEFORE DELETE ON measurements
BEGIN
  SELECT RAISE(ABORT, 'measurements are append-only');
END;

CREATE TRIGGER measurements_values_never_change
BEFORE UPDATE OF id, indicator_id, scope, period, value_num, value_text, unit, comment, source,
  author_platform, author_id, author_name, recorded_at, supersedes, draft_id ON measurements
BEGIN
  SELECT RAISE(ABORT, 'measurements are append-only: record a correction instead');
END;

CREATE TABLE measurement_reviews (
  measurement_id TEXT NOT NULL REFERENCES measurements (id),
  status TEXT NOT NULL CHECK (status IN ('validated', 'rejected')),
  actor TEXT NOT NULL,
  reviewed_at TEXT NOT NULL
);

-- Targets (cible) and baselines (valeur initiale) per indicator × scope × period. Also append-only:
-- the latest row for a key is the one in force, older ones are its history.
CREATE TABLE targets (
  seq INTEGER PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  period TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('target', 'baseline')),
  value REAL NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);
CREATE INDEX targets_by_key ON targets (indicator_id, scope, period, kind, seq);

-- A measurement being entered: what the user typed and what was understood, until it is saved or
-- cancelled. Persisted so a preview survives restarts and separate CLI calls, and so nothing typed
-- is lost when a value is refused.
CREATE TABLE measurement_drafts (
  id TEXT PRIMARY KEY,
  actor TEXT NOT NULL,
  actor_name TEXT,
  conversation TEXT NOT NULL,
  message TEXT NOT NULL,
  fields TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'saved', 'cancelled', 'replaced')),
  measurement_id TEXT REFERENCES measurements (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX drafts_by_actor ON measurement_drafts (actor, conversation, state, updated_at);

-- Roles beyond "reader" (everyone). scope '*' means every scope; an académie covers its départements.
CREATE TABLE roles (
  user_key TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('contributor', 'validator', 'admin')),
  scope TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_key, role, scope)
);

-- Who did what to rights and values, including refusals: an académie must be able to answer
-- "who changed this and who tried to".
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused')),
  detail TEXT
);
