import { messages } from '../core/kernel/messages/index.ts';
import type { Citation } from '../core/kernel/types.ts';
import type { AnswerWriter } from '../core/query/writer.ts';
import type { LlmClient } from './client.ts';
import { fillPrompt, type Prompts } from './prompts.ts';
import { sanitizeModelText } from './sanitize.ts';

export interface WriterLimits {
  maxPromptChars: number;
  maxOutputTokens: number;
}

/**
 * Grounded answers: the model sees only the numbered passages the offline retrieval found and
 * must cite them. Its markers are checked against those passages; an answer citing nothing valid,
 * or any failure, gives the offline answer with a one-line notice.
 */
export function createAnswerWriter(llm: LlmClient, prompts: Prompts, limits: WriterLimits): AnswerWriter {
  return {
    async write(question, offline) {
      const { reply } = offline;
      // The plans do not cover it: no model can make that true.
      if (reply.status !== 'answered' || !reply.citations?.length) return reply;
      const passages = formatPassages(
        reply.citations,
        limits.maxPromptChars - prompts.answer.length - prompts.system.length - question.length,
      );
      const user = fillPrompt(prompts.answer, {
        language: messages(reply.lang).adapters.llm.language,
        question,
        passages: passages.text,
      });
      let text: string;
      try {
        text = await llm.complete(
          [
            { role: 'system', content: prompts.system },
            { role: 'user', content: user },
          ],
          { maxTokens: limits.maxOutputTokens, purpose: 'answer' },
        );
      } catch {
        return { ...reply, notice: messages(reply.lang).adapters.llm.unavailable };
      }
      const verified = verifyCitations(sanitizeModelText(text), reply.citations.slice(0, passages.count));
      if (!verified) return { ...reply, notice: messages(reply.lang).adapters.llm.unavailable };
      return { status: 'answered', lang: reply.lang, text: verified.text, citations: verified.citations };
    },
    async rewriteFollowUp(history, question, lang) {
      const lines = history
        .slice(-3)
        .map((turn) => `Utilisateur : ${turn.question}\nAssistant : ${turn.answer.slice(0, 600)}`)
        .join('\n\n');
      const prompt = fillPrompt(prompts['followup-rewrite'], {
        history: lines,
        question,
        language: messages(lang).adapters.llm.language,
      });
      const text = await llm.complete([{ role: 'user', content: prompt }], {
        maxTokens: 120,
        purpose: 'followup',
      });
      const standalone =
        sanitizeModelText(text)
          .split('\n')[0]
          ?.replace(/^["«“\s]+|["»”\s]+$/gu, '') ?? '';
      return standalone.length >= 3 && standalone.length <= 500 ? standalone : question;
    },
  };
}

function formatPassages(citations: Citation[], budget: number): { text: string; count: number } {
  const blocks: string[] = [];
  let used = 0;
  for (const c of citations) {
    const where = [c.plan, ...c.path].join(' › ');
    const page = c.source.page ? `, page ${c.source.page}` : '';
    const block = `[${c.n}] (${where} — ${c.scope}${page})\n${c.text}`;
    if (used + block.length > Math.max(budget, 500) && blocks.length) break;
    blocks.push(block);
    used += block.length + 2;
  }
  return { text: blocks.join('\n\n'), count: blocks.length };
}

/**
 * Keeps only markers that name a passage, renumbers them 1…k in order of use, and returns the
 * cited passages with those numbers. Null when nothing valid is cited.
 */
export function verifyCitations(
  text: string,
  passages: Citation[],
): { text: string; citations: Citation[] } | null {
  const byNumber = new Map(passages.map((c) => [c.n, c]));
  const renumber = new Map<number, number>();
  const cleaned = text.replace(/\[(\d{1,3})\]/gu, (_marker, raw: string) => {
    const n = Number(raw);
    if (!byNumber.has(n)) return '';
    if (!renumber.has(n)) renumber.set(n, renumber.size + 1);
    return `[${renumber.get(n)}]`;
  });
  if (!renumber.size) return null;
  const citations = [...renumber.entries()].map(([old, n]) => ({ ...(byNumber.get(old) as Citation), n }));
  return {
    // Removing a marker can leave "aussi  et ." behind: tidy spaces, keeping French spacing before ":;!?".
    text: cleaned
      .replace(/[ \t]{2,}/gu, ' ')
      .replace(/[ \t]+([.,])/gu, '$1')
      .trim(),
    citations,
  };
}
