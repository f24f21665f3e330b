import { randomUUID } from 'node:crypto';
import type { ConversationMemory, TurnRecord } from '../core/router/memory.ts';
import type { Db } from './db.ts';

/** A row of `answers` (migration 003), read by both engines' stores. */
export interface AnswerRow {
  id: string;
  conversation: string;
  actor: string;
  question: string;
  standalone: string;
  intent: string | null;
  answer: string;
  status: string;
  created_at: string;
}

export function createConversationStore(
  db: Db,
  memoryMinutes: number,
  now: () => Date = () => new Date(),
): ConversationMemory {
  const recent = db.prepare(
    'SELECT * FROM answers WHERE conversation = ? AND created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
  );
  const insert = db.prepare(
    `INSERT INTO answers (id, conversation, actor, question, standalone, intent, answer, status, citations, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const exists = db.prepare('SELECT 1 FROM answers WHERE id = ?');
  const upsertFeedback = db.prepare(
    `INSERT INTO feedback (answer_id, actor, rating, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (answer_id, actor) DO UPDATE SET rating = excluded.rating, created_at = excluded.created_at`,
  );
  return {
    async recent(conversation, limit) {
      const since = new Date(now().getTime() - memoryMinutes * 60_000).toISOString();
      return (recent.all(conversation, since, limit) as AnswerRow[]).map(toTurn);
    },
    async record(turn) {
      const id = randomUUID();
      insert.run(...turnValues(id, turn, now().toISOString()));
      return id;
    },
    async feedback(answerId, actor, rating) {
      if (!exists.get(answerId)) return false;
      upsertFeedback.run(answerId, actor, rating, now().toISOString());
      return true;
    },
  };
}

export function toTurn(row: AnswerRow): TurnRecord {
  return {
    id: row.id,
    conversation: row.conversation,
    actor: row.actor,
    question: row.question,
    standalone: row.standalone,
    intent: row.intent ? JSON.parse(row.intent) : null,
    answer: row.answer,
    status: row.status,
    createdAt: row.created_at,
  };
}

/** A turn's values, in the INSERT column order of both engines (citations as JSON, then the time). */
export function turnValues(
  id: string,
  turn: Omit<TurnRecord, 'id' | 'createdAt'> & { citations: unknown[] },
  at: string,
): (string | null)[] {
  return [
    id,
    turn.conversation,
    turn.actor,
    turn.question,
    turn.standalone,
    turn.intent ? JSON.stringify(turn.intent) : null,
    turn.answer,
    turn.status,
    JSON.stringify(turn.citations),
    at,
  ];
}
