import type { Reply } from '../core/kernel/types.ts';
import type { Db } from './db.ts';
import type { ConsoleOutbox } from './ports.ts';

/** The console outbox (console_outbox) over SQLite; the send key is unique in the table. */
export function createConsoleOutbox(db: Db): ConsoleOutbox {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO console_outbox (recipient, reply, created_at, send_key) VALUES (?, ?, ?, ?)',
  );
  return {
    async add(recipient, reply, at, sendKey) {
      insert.run(recipient, JSON.stringify(reply), at.toISOString(), sendKey);
    },
    async take(recipient) {
      // IMMEDIATE: reads, then writes, without another process marking the same rows in between.
      return db
        .transaction(() => {
          const rows = db
            .prepare(
              'SELECT seq, reply FROM console_outbox WHERE recipient = ? AND read_at IS NULL ORDER BY seq',
            )
            .all(recipient) as { seq: number; reply: string }[];
          const mark = db.prepare('UPDATE console_outbox SET read_at = ? WHERE seq = ?');
          for (const row of rows) mark.run(new Date().toISOString(), row.seq);
          return rows.map((row) => JSON.parse(row.reply) as Reply);
        })
        .immediate();
    },
  };
}
