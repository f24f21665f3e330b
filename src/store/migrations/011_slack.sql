-- Slack adapter state. Slack redelivers events (X-Slack-Retry-Num) and Bolt does not dedupe them,
-- so the ids of processed events are kept for a day; a restart between a delivery and its retry
-- must not answer twice, hence a table rather than memory.
CREATE TABLE slack_events (
  event_id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL
);
CREATE INDEX slack_events_received ON slack_events (received_at);

-- Threads the bot answered in: later messages there are answered without a new @mention.
CREATE TABLE slack_threads (
  channel_id TEXT NOT NULL,
  thread_ts TEXT NOT NULL,
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (channel_id, thread_ts)
);
CREATE INDEX slack_threads_answered ON slack_threads (answered_at);

-- Payloads too large for a button value (max 2,000 characters): an ephemeral answer waiting for
-- "Partager dans le canal", a form waiting for its modal. Short-lived.
CREATE TABLE slack_stash (
  token TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX slack_stash_created ON slack_stash (created_at);
