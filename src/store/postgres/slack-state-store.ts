import type { Pool } from 'pg';
import type { SlackStateStore } from '../ports.ts';
import { EVENT_TTL_MS, PRUNE_EVERY_MS, STASH_TTL_MS, THREAD_TTL_MS } from '../slack-state-store.ts';

/**
 * The Slack adapter's tables over PostgreSQL, shared by every replica, with the same retention as
 * the SQLite store. Each process prunes on its own schedule: deleting rows another replica already
 * deleted costs nothing.
 */
export function createPgSlackStateStore(pool: Pool): SlackStateStore {
  let lastPrune = 0;
  async function pruneNow(at: number): Promise<void> {
    if (at - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = at;
    await pool.query('DELETE FROM slack_events WHERE received_at < $1', [at - EVENT_TTL_MS]);
    await pool.query('DELETE FROM slack_threads WHERE answered_at < $1', [at - THREAD_TTL_MS]);
    await pool.query('DELETE FROM slack_stash WHERE created_at < $1', [at - STASH_TTL_MS]);
  }

  return {
    async claimEvent(eventId, at) {
      await pruneNow(at);
      // The primary key decides between replicas: of two INSERTs racing on one id, one conflicts.
      const result = await pool.query(
        'INSERT INTO slack_events (event_id, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [eventId, at],
      );
      return result.rowCount === 1;
    },
    async rememberThread(channelId, threadTs, at) {
      await pool.query(
        `INSERT INTO slack_threads (channel_id, thread_ts, answered_at) VALUES ($1, $2, $3)
         ON CONFLICT (channel_id, thread_ts) DO UPDATE SET answered_at = excluded.answered_at`,
        [channelId, threadTs, at],
      );
    },
    async isAnsweredThread(channelId, threadTs, at) {
      const { rowCount } = await pool.query(
        'SELECT 1 FROM slack_threads WHERE channel_id = $1 AND thread_ts = $2 AND answered_at >= $3',
        [channelId, threadTs, at - THREAD_TTL_MS],
      );
      return (rowCount ?? 0) > 0;
    },
    async putStash(token, kind, payload, at) {
      await pool.query('INSERT INTO slack_stash (token, kind, payload, created_at) VALUES ($1, $2, $3, $4)', [
        token,
        kind,
        payload,
        at,
      ]);
    },
    async getStash(token, kind, at) {
      const { rows } = await pool.query<{ payload: string }>(
        'SELECT payload FROM slack_stash WHERE token = $1 AND kind = $2 AND created_at >= $3',
        [token, kind, at - STASH_TTL_MS],
      );
      return rows[0]?.payload;
    },
  };
}
