import type { Reply } from '../../src/core/kernel/types.ts';
import type { ConsoleOutbox } from '../../src/store/ports.ts';

/** ConsoleOutbox in memory: messages are copied as JSON, as the SQLite outbox stores them. */
export function createFakeConsoleOutbox(): ConsoleOutbox & {
  messages: { recipient: string; reply: Reply; sendKey: string | null; read: boolean }[];
} {
  const messages: { recipient: string; reply: Reply; sendKey: string | null; read: boolean }[] = [];
  return {
    messages,
    async add(recipient, reply, _at, sendKey) {
      if (sendKey !== null && messages.some((m) => m.sendKey === sendKey)) return;
      messages.push({ recipient, reply: JSON.parse(JSON.stringify(reply)) as Reply, sendKey, read: false });
    },
    async take(recipient) {
      const unread = messages.filter((m) => m.recipient === recipient && !m.read);
      for (const message of unread) message.read = true;
      return unread.map((m) => m.reply);
    },
  };
}
