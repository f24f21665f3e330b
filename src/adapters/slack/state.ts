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

/** Entries kept in memory for when the database cannot be written (events, threads). */
const MEMORY_ENTRIES = 5000;

/**
 * The adapter's own tables (migration 011_slack.sql): processed events, followed threads, stash.
 * None of it may keep an answer from the user: when the database cannot be written (full disk, a
 * lock held by another process), event ids and threads are kept in memory instead (this process
 * only, bounded) and the stash returns no token (the reply goes out without its extra button).
 */
export interface SlackState {
  /** True the first time an event id is seen, false for a redelivery. Never throws. */
  claimEvent(eventId: string): boolean;
  /** Never throws. */
  rememberThread(channelId: string, threadTs: string): void;
  isAnsweredThread(channelId: string, threadTs: string): boolean;
  /** A token for the payload, or undefined when it could not be stored. */
  stash(kind: StashKind, payload: unknown): string | undefined;
  unstash<T>(kind: StashKind, token: string): T | undefined;
}

export function createSlackState(
  db: Db,
  now: () => number = Date.now,
  onStoreError: (error: unknown, what: string) => void = () => {},
): SlackState {
  const recentEvents = new Set<string>();
  const recentThreads = new Set<string>();
  const remember = (set: Set<string>, key: string) => {
    if (set.size >= MEMORY_ENTRIES) set.delete(set.values().next().value as string);
    set.add(key);
  };
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
      // Memory first: a redelivery during an outage is caught even though the row was not written.
      const seen = recentEvents.has(eventId);
      remember(recentEvents, eventId);
      try {
        const at = now();
        pruneNow(at);
        return claim.run(eventId, at).changes === 1 && !seen;
      } catch (error) {
        onStoreError(error, 'event id');
        return !seen;
      }
    },
    rememberThread(channelId, threadTs) {
      remember(recentThreads, `${channelId}|${threadTs}`);
      try {
        rememberRow.run(channelId, threadTs, now());
      } catch (error) {
        onStoreError(error, 'thread');
      }
    },
    isAnsweredThread(channelId, threadTs) {
      if (recentThreads.has(`${channelId}|${threadTs}`)) return true;
      return findThread.get(channelId, threadTs, now() - THREAD_TTL_MS) !== undefined;
    },
    stash(kind, payload) {
      const token = randomUUID();
      try {
        putStash.run(token, kind, JSON.stringify(payload), now());
        return token;
      } catch (error) {
        onStoreError(error, `${kind} stash`);
        return undefined;
      }
    },
    unstash<T>(kind: StashKind, token: string) {
      const row = getStash.get(token, kind, now() - STASH_TTL_MS) as { payload: string } | undefined;
      return row ? (JSON.parse(row.payload) as T) : undefined;
    },
  };
}
