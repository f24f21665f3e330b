-- Microsoft Teams: a file offered in a personal chat (the tracking table, "export"). Teams only
-- lets a bot send a file once the user accepts a consent card; the bytes wait here until then, for
-- one day at most, and only the user it was made for can receive them. Written and read by
-- src/adapters/teams/files.ts; pruned daily by src/store/retention.ts.
CREATE TABLE teams_offered_files (
  token TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  filename TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX teams_offered_files_by_date ON teams_offered_files (created_at);
