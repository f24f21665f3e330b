-- Answer units for ranked retrieval (src/core/query/rank): every plan item but the plan itself, and
-- every prose passage, as French stems in two fields: the unit's own words (`own`, in order) and
-- the titles of the sections it is read in (`context`). Rebuilt with its plan at ingest.
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('axis', 'objective', 'action', 'indicator', 'passage')),
  scope TEXT NOT NULL,
  own TEXT NOT NULL,
  context TEXT NOT NULL
);
CREATE INDEX units_by_plan ON units (plan_id);

CREATE VIRTUAL TABLE unit_fts USING fts5 (
  own,
  context,
  content = 'units',
  content_rowid = 'id',
  tokenize = "unicode61 remove_diacritics 0 tokenchars '+'"
);

CREATE TRIGGER units_indexed AFTER INSERT ON units BEGIN
  INSERT INTO unit_fts (rowid, own, context) VALUES (new.id, new.own, new.context);
END;
CREATE TRIGGER units_unindexed AFTER DELETE ON units BEGIN
  INSERT INTO unit_fts (unit_fts, rowid, own, context) VALUES ('delete', old.id, old.own, old.context);
END;

-- How many units hold each stem, per field: the weight of a question's words.
CREATE VIRTUAL TABLE unit_terms USING fts5vocab (unit_fts, 'col');

-- What each plan calls its levels (PlanMeta.itemNames), as JSON.
ALTER TABLE plans ADD COLUMN item_names TEXT NOT NULL DEFAULT '{}';
