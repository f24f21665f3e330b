import { randomUUID } from 'node:crypto';
import type { SlackStateStore } from '../../store/ports.ts';

export type StashKind = 'share' | 'form';

/** Entries kept in memory for when the database cannot be written (events, threads). */
const MEMORY_ENTRIES = 5000;

/**
 * The adapter's state, kept by the store (SlackStateStore): processed events, followed threads,
 * stash. None of it may keep an answer from the user: when the database cannot be written (full disk, a
 * lock held by another process), event ids and threads are kept in memory instead (this process
 * only, bounded) and the stash returns no token (the reply goes out without its extra button).
 */
export interface SlackState {
  /** True the first time an event id is seen, false for a redelivery. Never rejects. */
  claimEvent(eventId: string): Promise<boolean>;
  /** Never rejects. */
  rememberThread(channelId: string, threadTs: string): Promise<void>;
  isAnsweredThread(channelId: string, threadTs: string): Promise<boolean>;
  /** A token for the payload, or undefined when it could not be stored. */
  stash(kind: StashKind, payload: unknown): Promise<string | undefined>;
  unstash<T>(kind: StashKind, token: string): Promise<T | undefined>;
}

export function createSlackState(
  store: SlackStateStore,
  now: () => number = Date.now,
  onStoreError: (error: unknown, what: string) => void = () => {},
): SlackState {
  const recentEvents = new Set<string>();
  const recentThreads = new Set<string>();
  const remember = (set: Set<string>, key: string) => {
    if (set.size >= MEMORY_ENTRIES) set.delete(set.values().next().value as string);
    set.add(key);
  };

  return {
    async claimEvent(eventId) {
      // Memory first, before any await: a redelivery during an outage is caught even though the row
      // was not written, and of two deliveries racing in this process only the first goes on.
      const seen = recentEvents.has(eventId);
      remember(recentEvents, eventId);
      try {
        return (await store.claimEvent(eventId, now())) && !seen;
      } catch (error) {
        onStoreError(error, 'event id');
        return !seen;
      }
    },
    async rememberThread(channelId, threadTs) {
      remember(recentThreads, `${channelId}|${threadTs}`);
      try {
        await store.rememberThread(channelId, threadTs, now());
      } catch (error) {
        onStoreError(error, 'thread');
      }
    },
    async isAnsweredThread(channelId, threadTs) {
      if (recentThreads.has(`${channelId}|${threadTs}`)) return true;
      return store.isAnsweredThread(channelId, threadTs, now());
    },
    async stash(kind, payload) {
      const token = randomUUID();
      try {
        await store.putStash(token, kind, JSON.stringify(payload), now());
        return token;
      } catch (error) {
        onStoreError(error, `${kind} stash`);
        return undefined;
      }
    },
    async unstash<T>(kind: StashKind, token: string) {
      const payload = await store.getStash(token, kind, now());
      return payload === undefined ? undefined : (JSON.parse(payload) as T);
    },
  };
}
