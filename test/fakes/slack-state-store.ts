import type { SlackStateStore } from '../../src/store/ports.ts';

const HOUR = 60 * 60 * 1000;

/**
 * SlackStateStore in memory, for adapter tests where the database is not the point. Same answers
 * as the SQLite store (test/store/ports.test.ts runs both through one contract), retention included.
 */
export function createFakeSlackStateStore(): SlackStateStore & { events: Map<string, number> } {
  const events = new Map<string, number>();
  const threads = new Map<string, number>();
  const stash = new Map<string, { kind: string; payload: string; at: number }>();
  return {
    events,
    async claimEvent(eventId, at) {
      // The SQLite store forgets event ids a day on, at its next pruning: a redelivery comes sooner.
      if (events.has(eventId)) return false;
      events.set(eventId, at);
      return true;
    },
    async rememberThread(channelId, threadTs, at) {
      threads.set(`${channelId}|${threadTs}`, at);
    },
    async isAnsweredThread(channelId, threadTs, at) {
      return (threads.get(`${channelId}|${threadTs}`) ?? -Infinity) >= at - 30 * 24 * HOUR;
    },
    async putStash(token, kind, payload, at) {
      if (stash.has(token)) throw new Error(`UNIQUE constraint failed: slack_stash.token (${token})`);
      stash.set(token, { kind, payload, at });
    },
    async getStash(token, kind, at) {
      const entry = stash.get(token);
      return entry && entry.kind === kind && entry.at >= at - 24 * HOUR ? entry.payload : undefined;
    },
  };
}
