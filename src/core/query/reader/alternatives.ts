import type { Concept } from '../intent.ts';
import type { Token } from './tokens.ts';

/** "harcèlement et discriminations", "en lecture et en maths", "reading or writing". */
const JOINS = new Set(['et', 'ou', 'and', 'or']);
/** Small words that may stand around the join: « le harcèlement et les discriminations ». */
const AROUND = new Set([
  'le',
  'la',
  'les',
  'l',
  'des',
  'de',
  'du',
  'd',
  'en',
  'au',
  'aux',
  'the',
  'a',
  'an',
  'in',
  'of',
]);

/**
 * Themes joined by "et / ou / and / or" with nothing but small words between them are asked one
 * or the other: "quels indicateurs sur le harcèlement et les discriminations ?" wants the
 * harassment indicator and the discrimination one, though neither names both. Such concepts share
 * an `alternative` number (see coverage in rank/score.ts). `starts` gives each concept's first token.
 */
export function markAlternatives(concepts: Concept[], starts: Map<Concept, number>, tokens: Token[]): void {
  let next = 0;
  for (let k = 1; k < concepts.length; k++) {
    const before = concepts[k - 1] as Concept;
    const concept = concepts[k] as Concept;
    const from = starts.get(before);
    const at = starts.get(concept);
    if (from === undefined || at === undefined || at <= from) continue;
    let i = at - 1;
    while (i > from && AROUND.has((tokens[i] as Token).folded)) i--;
    if (i <= from || !JOINS.has((tokens[i] as Token).folded)) continue;
    i--;
    while (i > from && AROUND.has((tokens[i] as Token).folded)) i--;
    // Between the first concept's start and here, only its own words (taken by it).
    if (tokens.slice(from + 1, i + 1).some((token) => !token.used)) continue;
    if (before.alternative === undefined) before.alternative = next++;
    concept.alternative = before.alternative;
  }
}
