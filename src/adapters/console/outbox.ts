import type { DeliveryOptions, DeliveryPort, Recipient, Reply } from '../../core/kernel/types.ts';
import type { ConsoleOutbox } from '../../store/ports.ts';

/**
 * Reminders for console users go to the outbox: the console chat shows them to its user,
 * `boussole remind` prints them. Delivery cannot fail short of the database failing. The reminder's
 * idempotency key is unique in the outbox, so delivering it again (after a crash) adds nothing.
 */
export function createConsoleDelivery(
  outbox: ConsoleOutbox,
  now: () => Date = () => new Date(),
): DeliveryPort {
  return {
    platform: 'console',
    async deliver(recipient: Recipient, reply: Reply, options?: DeliveryOptions) {
      const { image: _image, ...portable } = reply;
      await outbox.add(
        `console:${recipient.kind === 'channel' ? '#' : ''}${recipient.id}`,
        portable,
        now(),
        options?.idempotencyKey ?? null,
      );
      return { ok: true };
    },
  };
}

/** Unread messages of a console user, oldest first; marks them read. */
export function takeConsoleMessages(outbox: ConsoleOutbox, user: string): Promise<Reply[]> {
  return outbox.take(`console:${user}`);
}
