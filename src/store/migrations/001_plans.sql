-- Plans, their tree of nodes and their prose passages, with a full-text index over both.
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
  ingested_at TEXT NOT NULL
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
  heading TEXT
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

-- `text` is matched accent-insensitively; `stems` holds French stems computed before folding
-- accents, so "élèves" and "élève" meet on "elev".
CREATE VIRTUAL TABLE search_fts USING fts5 (
  ref UNINDEXED,
  plan UNINDEXED,
  kind UNINDEXED,
  text,
  stems,
  tokenize = 'unicode61 remove_diacritics 2'
);
