import type { DeliveryOptions, DeliveryPort, Recipient, Reply } from '../../core/kernel/types.ts';
import type { Db } from '../../store/db.ts';

/**
 * Reminders for console users go to an outbox table: the console chat shows them to its user,
 * `boussole remind` prints them. Delivery cannot fail short of the database failing. The reminder's
 * idempotency key is unique in the outbox, so delivering it again (after a crash) adds nothing.
 */
export function createConsoleDelivery(db: Db, now: () => Date = () => new Date()): DeliveryPort {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO console_outbox (recipient, reply, created_at, send_key) VALUES (?, ?, ?, ?)',
  );
  return {
    platform: 'console',
    async deliver(recipient: Recipient, reply: Reply, options?: DeliveryOptions) {
      const { image: _image, ...portable } = reply;
      insert.run(
        `console:${recipient.kind === 'channel' ? '#' : ''}${recipient.id}`,
        JSON.stringify(portable),
        now().toISOString(),
        options?.idempotencyKey ?? null,
      );
      return { ok: true };
    },
  };
}

/** Unread messages of a console user, oldest first; marks them read (IMMEDIATE: reads, then writes). */
export function takeConsoleMessages(db: Db, user: string): Reply[] {
  return db
    .transaction(() => {
      const rows = db
        .prepare('SELECT seq, reply FROM console_outbox WHERE recipient = ? AND read_at IS NULL ORDER BY seq')
        .all(`console:${user}`) as { seq: number; reply: string }[];
      const mark = db.prepare('UPDATE console_outbox SET read_at = ? WHERE seq = ?');
      for (const row of rows) mark.run(new Date().toISOString(), row.seq);
      return rows.map((row) => JSON.parse(row.reply) as Reply);
    })
    .immediate();
}
