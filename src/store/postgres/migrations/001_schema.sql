-- Boussole's schema on PostgreSQL: the same tables, columns and constraints as the SQLite
-- migrations 001–020 (src/store/migrations), so `boussole copy` moves rows column for column.
-- Differences are the engine's own: identity columns for SQLite's INTEGER PRIMARY KEY, BYTEA for
-- BLOB, DOUBLE PRECISION for REAL, plpgsql triggers, and full-text search with tsvector + GIN in
-- place of FTS5 virtual tables. Timestamps stay ISO-8601 text, as in SQLite, so both engines sort
-- and compare them the same way.

CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  short_title TEXT NOT NULL,
  academie TEXT NOT NULL,
  period TEXT NOT NULL,
  kind TEXT NOT NULL,
  file TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]',
  profile TEXT NOT NULL,
  signature TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  item_names TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE nodes (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  parent_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('plan', 'axis', 'objective', 'action', 'indicator')),
  ord INTEGER NOT NULL,
  label TEXT,
  text TEXT NOT NULL,
  summary TEXT,
  scope TEXT NOT NULL,
  file TEXT NOT NULL,
  line_first INTEGER NOT NULL,
  line_last INTEGER NOT NULL,
  page INTEGER,
  heading TEXT,
  title TEXT
);
CREATE INDEX nodes_by_plan ON nodes (plan_id, ord);
CREATE INDEX nodes_by_parent ON nodes (parent_id);

CREATE TABLE passages (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  text TEXT NOT NULL,
  scope TEXT NOT NULL,
  file TEXT NOT NULL,
  line_first INTEGER NOT NULL,
  line_last INTEGER NOT NULL,
  page INTEGER
);
CREATE INDEX passages_by_plan ON passages (plan_id);

-- `unaccent` is only STABLE (its dictionary can change), so generated columns need an IMMUTABLE
-- wrapper naming the dictionary explicitly: the documented way to index unaccented text.
CREATE FUNCTION boussole_unaccent(value TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN public.unaccent('public.unaccent'::regdictionary, value);

-- SQLite: FTS5 table `search_fts` (unicode61, diacritics removed). Here a plain table with a
-- generated tsvector: the French configuration stems the text, unaccent folds the accents.
CREATE TABLE search_fts (
  ref TEXT NOT NULL,
  plan TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  stems TEXT NOT NULL,
  tsv TSVECTOR GENERATED ALWAYS AS (
    to_tsvector('french', boussole_unaccent(text)) || to_tsvector('simple', stems)
  ) STORED
);
CREATE INDEX search_fts_tsv ON search_fts USING GIN (tsv);

CREATE TABLE answers (
  id TEXT PRIMARY KEY,
  conversation TEXT NOT NULL,
  actor TEXT NOT NULL,
  question TEXT NOT NULL,
  standalone TEXT NOT NULL,
  intent TEXT,
  answer TEXT NOT NULL,
  status TEXT NOT NULL,
  citations TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);
CREATE INDEX answers_by_conversation ON answers (conversation, created_at);

CREATE TABLE feedback (
  answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  actor TEXT NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (answer_id, actor)
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE measurements (
  id TEXT PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  period TEXT NOT NULL,
  value_num DOUBLE PRECISION,
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
  draft_id TEXT UNIQUE,
  CHECK ((value_num IS NULL) <> (value_text IS NULL))
);
CREATE INDEX measurements_by_key ON measurements (indicator_id, scope, period, recorded_at);

-- Append-only, as in SQLite: a value is corrected by a new row, never rewritten or deleted.
CREATE FUNCTION measurements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'measurements are append-only';
  END IF;
  RAISE EXCEPTION 'measurements are append-only: record a correction instead';
END;
$$;
CREATE TRIGGER measurements_are_never_deleted BEFORE DELETE ON measurements
  FOR EACH ROW EXECUTE FUNCTION measurements_append_only();
CREATE TRIGGER measurements_values_never_change
  BEFORE UPDATE OF id, indicator_id, scope, period, value_num, value_text, unit, comment, source,
    author_platform, author_id, author_name, recorded_at, supersedes, draft_id ON measurements
  FOR EACH ROW EXECUTE FUNCTION measurements_append_only();

CREATE TABLE measurement_reviews (
  measurement_id TEXT NOT NULL REFERENCES measurements (id),
  status TEXT NOT NULL CHECK (status IN ('validated', 'rejected')),
  actor TEXT NOT NULL,
  reviewed_at TEXT NOT NULL
);

CREATE TABLE targets (
  seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  period TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('target', 'baseline')),
  value DOUBLE PRECISION NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);
CREATE INDEX targets_by_key ON targets (indicator_id, scope, period, kind, seq);

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

CREATE TABLE roles (
  user_key TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('contributor', 'validator', 'admin')),
  scope TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_key, role, scope)
);

CREATE TABLE audit_log (
  seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused')),
  detail TEXT,
  request_id TEXT
);

CREATE TABLE deadlines (
  id TEXT PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  rule TEXT NOT NULL,
  owners TEXT NOT NULL,
  leads TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX deadlines_active ON deadlines (active);

CREATE TABLE reminder_sends (
  key TEXT PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'covered')),
  recipient TEXT NOT NULL,
  kind TEXT NOT NULL,
  deadline_id TEXT,
  due TEXT,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  claimed_at TEXT NOT NULL,
  sent_at TEXT,
  lease_until TEXT,
  owner TEXT
);
CREATE INDEX reminder_sends_state ON reminder_sends (state);

CREATE TABLE reminder_snoozes (
  deadline_id TEXT NOT NULL,
  due TEXT NOT NULL,
  recipient TEXT NOT NULL,
  until TEXT NOT NULL,
  PRIMARY KEY (deadline_id, due, recipient)
);

CREATE TABLE console_outbox (
  seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  recipient TEXT NOT NULL,
  reply TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT,
  send_key TEXT
);
CREATE UNIQUE INDEX console_outbox_by_send_key ON console_outbox (send_key) WHERE send_key IS NOT NULL;

CREATE TABLE word_stems (
  word TEXT PRIMARY KEY,
  stem TEXT NOT NULL
);

CREATE TABLE teams_conversations (
  conversation_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('personal', 'channel', 'groupChat')),
  user_id TEXT,
  aad_object_id TEXT,
  team_id TEXT,
  tenant_id TEXT,
  reference TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX teams_conversations_by_user ON teams_conversations (user_id) WHERE kind = 'personal';
CREATE INDEX teams_conversations_by_aad ON teams_conversations (aad_object_id) WHERE kind = 'personal';

CREATE TABLE teams_handled_submits (
  key TEXT PRIMARY KEY,
  handled_at TEXT NOT NULL
);
CREATE INDEX teams_handled_submits_by_date ON teams_handled_submits (handled_at);

CREATE TABLE teams_offered_files (
  token TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  filename TEXT NOT NULL,
  data BYTEA NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX teams_offered_files_by_date ON teams_offered_files (created_at);

-- Slack's event ids are unique across every replica: the first INSERT wins, retries conflict.
CREATE TABLE slack_events (
  event_id TEXT PRIMARY KEY,
  received_at BIGINT NOT NULL
);
CREATE INDEX slack_events_received ON slack_events (received_at);

CREATE TABLE slack_threads (
  channel_id TEXT NOT NULL,
  thread_ts TEXT NOT NULL,
  answered_at BIGINT NOT NULL,
  PRIMARY KEY (channel_id, thread_ts)
);
CREATE INDEX slack_threads_answered ON slack_threads (answered_at);

CREATE TABLE slack_stash (
  token TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX slack_stash_created ON slack_stash (created_at);

-- SQLite: `units` + the external-content FTS5 table `unit_fts` (own, context). `own` and `context`
-- already hold Boussole's own stems (space-separated), so the 'simple' configuration indexes them
-- as they are: both engines then match the same stems, and the ranking reads the same words.
CREATE TABLE units (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('axis', 'objective', 'action', 'indicator', 'passage')),
  scope TEXT NOT NULL,
  own TEXT NOT NULL,
  context TEXT NOT NULL,
  tsv TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', own), 'A') || setweight(to_tsvector('simple', context), 'B')
  ) STORED
);
CREATE INDEX units_by_plan ON units (plan_id);
CREATE INDEX units_tsv ON units USING GIN (tsv);

CREATE TABLE glossary_groups (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  phrases TEXT NOT NULL
);

CREATE TABLE glossary_entries (
  first TEXT NOT NULL,
  words TEXT NOT NULL,
  group_id INTEGER NOT NULL,
  acronym INTEGER NOT NULL
);
CREATE INDEX glossary_entries_by_first ON glossary_entries (first);

CREATE TABLE lexicon_forms (
  first TEXT NOT NULL,
  stems TEXT NOT NULL,
  french TEXT NOT NULL
);
CREATE INDEX lexicon_forms_by_first ON lexicon_forms (first);

CREATE TABLE lexicon_words (
  word TEXT PRIMARY KEY
);
