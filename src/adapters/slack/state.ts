import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/db.ts';

const HOUR = 60 * 60 * 1000;
/** Slack retries an event three times within about five minutes; a day leaves a wide margin. */
const EVENT_TTL_MS = 24 * HOUR;
/** A thread older than this is not followed any more: people moved on, and the table stays small. */
const THREAD_TTL_MS = 30 * 24 * HOUR;
const STASH_TTL_MS = 24 * HOUR;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

export type StashKind = 'share' | 'form';

/** The adapter's own tables (migration 011_slack.sql): processed events, followed threads, stash. */
export interface SlackState {
  /** True the first time an event id is seen, false for a redelivery. */
  claimEvent(eventId: string): boolean;
  rememberThread(channelId: string, threadTs: string): void;
  isAnsweredThread(channelId: string, threadTs: string): boolean;
  stash(kind: StashKind, payload: unknown): string;
  unstash<T>(kind: StashKind, token: string): T | undefined;
}

export function createSlackState(db: Db, now: () => number = Date.now): SlackState {
  const claim = db.prepare('INSERT OR IGNORE INTO slack_events (event_id, received_at) VALUES (?, ?)');
  const remember = db.prepare(
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
  // Pruning rides on writes rather than a timer, so the adapter owns no interval to forget.
  function pruneNow(at: number): void {
    if (at - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = at;
    pruneEvents.run(at - EVENT_TTL_MS);
    pruneThreads.run(at - THREAD_TTL_MS);
    pruneStash.run(at - STASH_TTL_MS);
  }

  return {
    claimEvent(eventId) {
      const at = now();
      pruneNow(at);
      return claim.run(eventId, at).changes === 1;
    },
    rememberThread(channelId, threadTs) {
      remember.run(channelId, threadTs, now());
    },
    isAnsweredThread(channelId, threadTs) {
      return findThread.get(channelId, threadTs, now() - THREAD_TTL_MS) !== undefined;
    },
    stash(kind, payload) {
      const token = randomUUID();
      putStash.run(token, kind, JSON.stringify(payload), now());
      return token;
    },
    unstash<T>(kind: StashKind, token: string) {
      const row = getStash.get(token, kind, now() - STASH_TTL_MS) as { payload: string } | undefined;
      return row ? (JSON.parse(row.payload) as T) : undefined;
    },
  };
}
