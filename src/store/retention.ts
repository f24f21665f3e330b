import type { Db } from './db.ts';

/**
 * How long personal data is kept (README, "Données personnelles"). Measurements, their reviews,
 * roles and the audit log are kept: they are the académie's record of who reported what.
 */
export const RETENTION_DAYS = {
  /** Questions, answers and 👍/👎 (conversation memory and feedback). */
  answers: 90,
  /** Measurement drafts once saved, cancelled or abandoned (they hold what the user typed). */
  drafts: 30,
  /** Console messages already read. */
  consoleOutbox: 30,
  /** Reminder send log: must outlive the 31-day look-back of the due computation by far. */
  reminderSends: 400,
  /** Tracking tables offered in a Teams personal chat and not accepted (they name the authors). */
  teamsOfferedFiles: 1,
} as const;

/** Deletes what is past its retention period; returns how many rows went, per table. */
export function pruneExpired(db: Db, now: Date = new Date()): Record<string, number> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  return db.transaction(() => ({
    answers: db.prepare('DELETE FROM answers WHERE created_at < ?').run(before(RETENTION_DAYS.answers))
      .changes,
    drafts: db
      .prepare(
        `DELETE FROM measurement_drafts WHERE updated_at < ?
         AND NOT EXISTS (SELECT 1 FROM measurements m WHERE m.draft_id = measurement_drafts.id)`,
      )
      .run(before(RETENTION_DAYS.drafts)).changes,
    consoleOutbox: db
      .prepare('DELETE FROM console_outbox WHERE read_at IS NOT NULL AND read_at < ?')
      .run(before(RETENTION_DAYS.consoleOutbox)).changes,
    reminderSends: db
      .prepare('DELETE FROM reminder_sends WHERE claimed_at < ?')
      .run(before(RETENTION_DAYS.reminderSends)).changes,
    teamsOfferedFiles: db
      .prepare('DELETE FROM teams_offered_files WHERE created_at < ?')
      .run(before(RETENTION_DAYS.teamsOfferedFiles)).changes,
  }))();
}
