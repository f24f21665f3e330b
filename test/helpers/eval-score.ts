// Scores a question set with the rules of ../shared/eval/score.mjs (the maintainers' scorer), in
// process: the same answer path as `boussole ask --json --batch` (one question per line, newlines
// flattened), the same normalisation (normalize.mjs, imported), the same figures.
import { readFileSync } from 'node:fs';
import type { Answerer } from '../../src/core/query/answerer.ts';
import { norm } from './eval-norm.ts';

export interface EvalQuestion {
  id: string;
  q: string;
  expect?: string[];
  forbid?: string[];
  unanswerable?: boolean;
}

export interface SetScore {
  recall: number;
  strict: number;
  answerable: number;
  notFound: number;
  unanswerable: number;
  /** Median number of citations of the answered answerable questions (score.mjs's definition). */
  medianCitations: number;
  /** Whether each question passes (strict, or refused when unanswerable), by id. */
  passed: Record<string, boolean>;
  line: string;
}

export async function scoreSet(answerer: Answerer, file: string): Promise<SetScore> {
  const questions = JSON.parse(readFileSync(file, 'utf8')) as EvalQuestion[];
  let recallSum = 0;
  let answerable = 0;
  let strict = 0;
  let unanswerable = 0;
  let notFound = 0;
  const counts: number[] = [];
  const passed: Record<string, boolean> = {};
  for (const q of questions) {
    const reply = (await answerer.ask(q.q.replace(/\n/gu, ' '))).reply;
    const citations = reply.citations ?? [];
    const cited = norm(citations.map((c) => c.text || '').join(' \n '));
    if (q.unanswerable) {
      unanswerable++;
      const ok = reply.status === 'not_found' || !citations.length;
      if (ok) notFound++;
      passed[q.id] = ok;
      continue;
    }
    answerable++;
    if (citations.length) counts.push(citations.length);
    const expect = q.expect ?? [];
    const missing = expect.filter((s) => !cited.includes(norm(s)));
    const wrong = (q.forbid ?? []).filter((s) => cited.includes(norm(s)));
    recallSum += 1 - missing.length / expect.length;
    passed[q.id] = !missing.length && !wrong.length;
    if (passed[q.id]) strict++;
  }
  counts.sort((a, b) => a - b);
  const medianCitations = counts.length ? (counts[Math.floor((counts.length - 1) / 2)] as number) : 0;
  const recall = recallSum / Math.max(1, answerable);
  return {
    recall,
    strict,
    answerable,
    notFound,
    unanswerable,
    medianCitations,
    passed,
    line: `recall ${recall.toFixed(3)} | strict ${strict}/${answerable} | not_found ${notFound}/${unanswerable} | citations median ${medianCitations}`,
  };
}
