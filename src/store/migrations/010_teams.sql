-- Microsoft Teams: the addresses the bot needs to speak first (reminders), and the card submits
-- already handled. Owned by src/adapters/teams (references.ts, submits.ts).

-- A conversation reference (botbuilder ConversationReference as JSON: service URL, bot, tenant,
-- conversation) saved on install and on first contact. Personal chats are found by their user
-- (Teams id "29:…" or Entra object id), channels and group chats by their id. A channel is stored
-- under its channel id without the ";messageid=…" suffix of a reply chain, so a reminder starts a
-- new post instead of answering an old thread.
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

-- Adaptive Card submits already handled: "activity:<id>" for a redelivered activity and
-- "card:<conversation>:<card message>:<button>:<values hash>" for a second click on the same card,
-- so a measurement is confirmed once. Rows older than the retention window are pruned at start-up.
CREATE TABLE teams_handled_submits (
  key TEXT PRIMARY KEY,
  handled_at TEXT NOT NULL
);
CREATE INDEX teams_handled_submits_by_date ON teams_handled_submits (handled_at);
