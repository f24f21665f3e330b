-- Small key/value facts about the database itself (e.g. the fingerprint of the shipped plans it
-- was seeded from, so start-up can skip re-reading and validating them when nothing changed).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
