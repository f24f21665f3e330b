import type { Pool } from 'pg';
import { RETENTION_DAYS } from '../retention.ts';
import { inTransaction } from './transaction.ts';

/**
 * The retention of src/store/retention.ts on PostgreSQL: the same tables and periods, in one
 * transaction. Replicas may all run it: deleting what another replica already deleted costs nothing.
 */
export function pruneExpiredPg(pool: Pool, now: Date = new Date()): Promise<Record<string, number>> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  return inTransaction(pool, async (client) => {
    const run = async (sql: string, days: number) => (await client.query(sql, [before(days)])).rowCount ?? 0;
    return {
      answers: await run('DELETE FROM answers WHERE created_at < $1', RETENTION_DAYS.answers),
      drafts: await run(
        `DELETE FROM measurement_drafts WHERE updated_at < $1
         AND NOT EXISTS (SELECT 1 FROM measurements m WHERE m.draft_id = measurement_drafts.id)`,
        RETENTION_DAYS.drafts,
      ),
      consoleOutbox: await run(
        'DELETE FROM console_outbox WHERE read_at IS NOT NULL AND read_at < $1',
        RETENTION_DAYS.consoleOutbox,
      ),
      reminderSends: await run(
        'DELETE FROM reminder_sends WHERE claimed_at < $1',
        RETENTION_DAYS.reminderSends,
      ),
      teamsOfferedFiles: await run(
        'DELETE FROM teams_offered_files WHERE created_at < $1',
        RETENTION_DAYS.teamsOfferedFiles,
      ),
    };
  });
}
