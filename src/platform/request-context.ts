import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<{ requestId: string }>();

/**
 * Runs `fn` with a request id that follows it across awaits: every log line written meanwhile
 * carries it (see log.ts), and the audit log stores it, so one message can be traced from the
 * adapter through the core to the database.
 */
export function withRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return storage.run({ requestId: (requestId || randomUUID()).slice(0, 100) }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
