import { createHash } from 'node:crypto';
import type { Db } from '../../store/db.ts';

export interface SubmitKeys {
  /** Same activity delivered again (the channel retries when the bot answered slowly). */
  activity: string | null;
  /** Same button of the same card pressed again, with the same form values. */
  card: string | null;
}

export function submitKeys(input: {
  activityId?: string;
  conversationId: string;
  replyToId?: string;
  buttonId: string;
  values: Record<string, string>;
}): SubmitKeys {
  const values = Object.entries(input.values).sort(([a], [b]) => a.localeCompare(b));
  const hash = createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 16);
  return {
    activity: input.activityId ? `activity:${input.activityId}` : null,
    card: input.replyToId
      ? `card:${input.conversationId}:${input.replyToId}:${input.buttonId}:${hash}`
      : null,
  };
}

export type Claim = { ok: true } | { ok: false; duplicateOf: 'activity' | 'card' };

/**
 * Claims a submit before it is handled, so a second delivery arriving while the first is still
 * running is refused too. A claim is released when handling fails, so the user can try again.
 */
export function claimSubmit(db: Db, keys: SubmitKeys, now = new Date()): Claim {
  return db
    .transaction((): Claim => {
      const seen = db.prepare('SELECT 1 FROM teams_handled_submits WHERE key = ?');
      if (keys.activity && seen.get(keys.activity)) return { ok: false, duplicateOf: 'activity' };
      if (keys.card && seen.get(keys.card)) return { ok: false, duplicateOf: 'card' };
      const insert = db.prepare('INSERT INTO teams_handled_submits (key, handled_at) VALUES (?, ?)');
      for (const key of [keys.activity, keys.card]) if (key) insert.run(key, now.toISOString());
      return { ok: true };
    })
    .immediate();
}

export function releaseSubmit(db: Db, keys: SubmitKeys): void {
  const remove = db.prepare('DELETE FROM teams_handled_submits WHERE key = ?');
  for (const key of [keys.activity, keys.card]) if (key) remove.run(key);
}

/**
 * A card updated in place shows new buttons, possibly with ids it showed before (Modifier on a
 * corrected preview): clicks on it from now on are new steps, not repeats of old ones. The click
 * that produced the update stays claimed, so a double click on it still counts once.
 */
export function releaseCardSubmits(
  db: Db,
  conversationId: string,
  cardId: string,
  keep: string | null,
): void {
  const prefix = `card:${conversationId}:${cardId}:`;
  db.prepare('DELETE FROM teams_handled_submits WHERE substr(key, 1, length(?)) = ? AND key IS NOT ?').run(
    prefix,
    prefix,
    keep,
  );
}

/** Old claims only protect against retries that can no longer happen. */
export function pruneHandledSubmits(db: Db, olderThanDays: number, now = new Date()): number {
  const limit = new Date(now.getTime() - olderThanDays * 86_400_000).toISOString();
  return db.prepare('DELETE FROM teams_handled_submits WHERE handled_at < ?').run(limit).changes;
}
