-- Each answered message: conversation memory for follow-ups (read back for a limited time) and
-- the record 👍/👎 feedback points at. Pruned after the retention period (see README).
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
