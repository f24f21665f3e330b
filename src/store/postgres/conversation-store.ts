import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { ConversationMemory } from '../../core/router/memory.ts';
import { type AnswerRow, toTurn, turnValues } from '../conversation-store.ts';

/**
 * Conversation memory and the answer log over PostgreSQL, shared by every replica: a follow-up
 * answered by another replica than its question still finds it. Same rows and window as the SQLite
 * store (src/store/conversation-store.ts).
 */
export function createPgConversationStore(
  pool: Pool,
  memoryMinutes: number,
  now: () => Date = () => new Date(),
): ConversationMemory {
  return {
    async recent(conversation, limit) {
      const since = new Date(now().getTime() - memoryMinutes * 60_000).toISOString();
      const { rows } = await pool.query<AnswerRow>(
        `SELECT * FROM answers WHERE conversation = $1 AND created_at >= $2
         ORDER BY created_at COLLATE "C" DESC, seq DESC LIMIT $3`,
        [conversation, since, limit],
      );
      return rows.map(toTurn);
    },
    async record(turn) {
      const id = randomUUID();
      await pool.query(
        `INSERT INTO answers (id, conversation, actor, question, standalone, intent, answer, status, citations, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        turnValues(id, turn, now().toISOString()),
      );
      return id;
    },
    async feedback(answerId, actor, rating) {
      // One statement: the answer's existence and the vote, whichever replica logged the answer.
      const result = await pool.query(
        `INSERT INTO feedback (answer_id, actor, rating, created_at)
         SELECT id, $2, $3, $4 FROM answers WHERE id = $1
         ON CONFLICT (answer_id, actor) DO UPDATE SET rating = excluded.rating, created_at = excluded.created_at`,
        [answerId, actor, rating, now().toISOString()],
      );
      return (result.rowCount ?? 0) > 0;
    },
  };
}
