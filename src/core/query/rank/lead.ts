import { contentStems } from '../../text/stem.ts';
import type { QueryIntent } from '../intent.ts';
import { coverage, stemsOf, type WeightedConcept } from './score.ts';

/** Question types answered by a sentence of the plan before the list of what it cites. */
const FACT_TYPES = new Set(['who', 'when', 'date', 'howmany', 'why', 'how', 'yesno']);

const SHORT_SENTENCE = 100;

/** Sentences of a text: ends of sentences, line breaks of a list, never inside a parenthesis. */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let start = 0;
    let depth = 0;
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if (char === '(') depth++;
      else if (char === ')') depth = Math.max(0, depth - 1);
      else if (
        depth === 0 &&
        (char === '.' || char === '!' || char === '?') &&
        /\s/u.test(line[i + 1] ?? ' ')
      ) {
        const sentence = line.slice(start, i + 1).trim();
        if (sentence) out.push(sentence);
        start = i + 1;
      }
    }
    const rest = line.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}

/**
 * For a who / when / how many / why question, the sentence of the best unit that answers it: the
 * one expressing most of the question. Null for other questions, or when the unit is one sentence
 * (the answer's first item already reads as the answer).
 */
export function leadSentence(intent: QueryIntent, weighted: WeightedConcept[], text: string): string | null {
  if (!FACT_TYPES.has(intent.qtype) || !weighted.length) return null;
  const sentences = sentencesOf(text);
  if (sentences.length < 2) return null;
  let best = -1;
  let bestShare = 0;
  sentences.forEach((sentence, i) => {
    const own = contentStems(sentence);
    const share = coverage(
      weighted,
      stemsOf({ ref: '', planId: '', kind: 'passage', scope: '', own, context: [] }),
    );
    if (share > bestShare) {
      best = i;
      bestShare = share;
    }
  });
  if (best < 0) return null;
  const sentence = sentences[best] as string;
  // A short sentence that names the subject ("Les comités de suivi de la réforme des lycées.") is
  // answered by the next one ("Composés des personnels d'inspection…").
  const next = sentences[best + 1];
  return sentence.length < SHORT_SENTENCE && next ? `${sentence} ${next}` : sentence;
}
