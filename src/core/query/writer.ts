import type { Lang, Reply } from '../kernel/types.ts';
import type { Answer } from './answerer.ts';

/**
 * The port through which an LLM (when one is configured) writes answers and rewrites follow-ups.
 * Implementations must never do worse than the offline answer they are given.
 */
export interface AnswerWriter {
  write(question: string, offline: Answer): Promise<Reply>;
  rewriteFollowUp(
    history: { question: string; answer: string }[],
    question: string,
    lang: Lang,
  ): Promise<string>;
}
