-- Reporting deadlines: an indicator × scope, a date rule, owners and lead times (days).
-- Removing a deadline deactivates it, so the reminders already sent keep their meaning.
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

-- One row per reminder, digest or nudge, keyed by its idempotency key. A sweep claims the row
-- (INSERT) before sending and marks it sent after: a crash in between leaves a claim, never a
-- second message. Keys of missed stages settled by a catch-up message are stored as 'covered'.
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
  sent_at TEXT
);
CREATE INDEX reminder_sends_state ON reminder_sends (state);

CREATE TABLE reminder_snoozes (
  deadline_id TEXT NOT NULL,
  due TEXT NOT NULL,
  recipient TEXT NOT NULL,
  until TEXT NOT NULL,
  PRIMARY KEY (deadline_id, due, recipient)
);

-- Messages for console users: what the console chat shows and `boussole remind` prints.
CREATE TABLE console_outbox (
  seq INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL,
  reply TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT
);
