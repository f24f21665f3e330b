import type { Db } from './db.ts';
import type { SlackStateStore } from './ports.ts';

const HOUR = 60 * 60 * 1000;
/** Slack retries an event three times within about five minutes; a day leaves a wide margin. */
export const EVENT_TTL_MS = 24 * HOUR;
/** A thread older than this is not followed any more: people moved on, and the table stays small. */
export const THREAD_TTL_MS = 30 * 24 * HOUR;
export const STASH_TTL_MS = 24 * HOUR;
/** Pruning rides on event claims, at most this often per process (both engines). */
export const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** The Slack adapter's tables (migration 011_slack.sql) over SQLite, with their retention. */
export function createSlackStateStore(db: Db): SlackStateStore {
  const claim = db.prepare('INSERT OR IGNORE INTO slack_events (event_id, received_at) VALUES (?, ?)');
  const rememberRow = db.prepare(
    `INSERT INTO slack_threads (channel_id, thread_ts, answered_at) VALUES (?, ?, ?)
     ON CONFLICT (channel_id, thread_ts) DO UPDATE SET answered_at = excluded.answered_at`,
  );
  const findThread = db.prepare(
    'SELECT 1 FROM slack_threads WHERE channel_id = ? AND thread_ts = ? AND answered_at >= ?',
  );
  const putStash = db.prepare(
    'INSERT INTO slack_stash (token, kind, payload, created_at) VALUES (?, ?, ?, ?)',
  );
  const getStash = db.prepare(
    'SELECT payload FROM slack_stash WHERE token = ? AND kind = ? AND created_at >= ?',
  );
  const pruneEvents = db.prepare('DELETE FROM slack_events WHERE received_at < ?');
  const pruneThreads = db.prepare('DELETE FROM slack_threads WHERE answered_at < ?');
  const pruneStash = db.prepare('DELETE FROM slack_stash WHERE created_at < ?');

  let lastPrune = 0;
  // Pruning rides on writes rather than a timer, so nothing owns an interval to forget.
  function pruneNow(at: number): void {
    if (at - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = at;
    pruneEvents.run(at - EVENT_TTL_MS);
    pruneThreads.run(at - THREAD_TTL_MS);
    pruneStash.run(at - STASH_TTL_MS);
  }

  return {
    async claimEvent(eventId, at) {
      pruneNow(at);
      return claim.run(eventId, at).changes === 1;
    },
    async rememberThread(channelId, threadTs, at) {
      rememberRow.run(channelId, threadTs, at);
    },
    async isAnsweredThread(channelId, threadTs, at) {
      return findThread.get(channelId, threadTs, at - THREAD_TTL_MS) !== undefined;
    },
    async putStash(token, kind, payload, at) {
      putStash.run(token, kind, payload, at);
    },
    async getStash(token, kind, at) {
      const row = getStash.get(token, kind, at - STASH_TTL_MS) as { payload: string } | undefined;
      return row?.payload;
    },
  };
}
