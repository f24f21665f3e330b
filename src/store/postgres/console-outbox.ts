import type { Pool } from 'pg';
import type { Reply } from '../../core/kernel/types.ts';
import type { ConsoleOutbox } from '../ports.ts';

/** The console outbox over PostgreSQL; the send key is unique in the table, as in SQLite. */
export function createPgConsoleOutbox(pool: Pool): ConsoleOutbox {
  return {
    async add(recipient, reply, at, sendKey) {
      await pool.query(
        `INSERT INTO console_outbox (recipient, reply, created_at, send_key) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [recipient, JSON.stringify(reply), at.toISOString(), sendKey],
      );
    },
    async take(recipient) {
      // One statement: a replica taking the same rows at the same moment waits for this UPDATE,
      // then finds read_at set and skips them, so each message is shown once.
      const { rows } = await pool.query<{ seq: number; reply: string }>(
        `UPDATE console_outbox SET read_at = $2 WHERE recipient = $1 AND read_at IS NULL
         RETURNING seq, reply`,
        [recipient, new Date().toISOString()],
      );
      return rows.sort((a, b) => a.seq - b.seq).map((row) => JSON.parse(row.reply) as Reply);
    },
  };
}
