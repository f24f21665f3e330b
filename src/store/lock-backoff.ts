import type Database from 'better-sqlite3';
import { storeFailureOf } from './failures.ts';

// The type of db.ts, named here so that db.ts and this file do not import each other.
type Db = Database.Database;

/**
 * For the serving process (npm start). better-sqlite3 waits for a locked database synchronously,
 * so every write that waits freezes every conversation, and ten messages during a long lock held
 * by another process would each wait in turn. After a write failed for the lock, the writes that
 * follow fail at once instead of waiting again, until `cooldownMs` has passed: at most one wait per
 * cool-down, so Slack's acks stay within its 3 s even when another process holds the lock for long.
 * Callers treat such failures as they treat any store failure (a polite reply, best-effort logs).
 */
export function installLockBackoff(
  db: Db,
  options: { busyTimeoutMs: number; cooldownMs: number; now?: () => number },
): void {
  const now = options.now ?? Date.now;
  let coolUntil = 0;
  const guard = <T>(run: () => T): T => {
    if (coolUntil !== 0 && now() >= coolUntil) {
      coolUntil = 0;
      db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    }
    try {
      return run();
    } catch (error) {
      if (coolUntil === 0 && storeFailureOf(error) === 'busy') {
        coolUntil = now() + options.cooldownMs;
        db.pragma('busy_timeout = 0');
      }
      throw error;
    }
  };

  // Every statement and transaction goes through `guard`: the stores need not know about it.
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
        guard(() => original(...args));
    }
    return statement;
  }) as Db['prepare'];
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = transaction(fn);
    const wrap =
      (variant: (...args: unknown[]) => unknown) =>
      (...args: unknown[]) =>
        guard(() => variant(...args));
    return Object.assign(wrap(tx), {
      default: wrap(tx.default),
      deferred: wrap(tx.deferred),
      immediate: wrap(tx.immediate),
      exclusive: wrap(tx.exclusive),
    });
  }) as Db['transaction'];
}
