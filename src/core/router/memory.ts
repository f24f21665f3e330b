import type { QueryIntent } from '../query/intent.ts';

export interface TurnRecord {
  id: string;
  conversation: string;
  actor: string;
  question: string;
  /** The question as answered, after a follow-up was made standalone. */
  standalone: string;
  intent: QueryIntent | null;
  answer: string;
  status: string;
  createdAt: string;
}

/**
 * Conversation memory and the answer log: the router's port to the store, SQLite or PostgreSQL
 * (shared by every replica, so a follow-up may reach another replica than its question).
 */
export interface ConversationMemory {
  /** The last turns of a conversation still within the memory window, newest first. */
  recent(conversation: string, limit: number): Promise<TurnRecord[]>;
  record(turn: Omit<TurnRecord, 'id' | 'createdAt'> & { citations: unknown[] }): Promise<string>;
  /** Stores 👍/👎 for an answer; false when the answer is unknown. */
  feedback(answerId: string, actor: string, rating: 'up' | 'down'): Promise<boolean>;
}
