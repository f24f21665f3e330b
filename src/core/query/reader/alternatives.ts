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
 * Themes joined by "et / ou / and / or" with nothing but small words between them, or listed as
 * examples in parentheses, are asked one
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
    // A word the plans never use ("uniforms or a common dress code") stays what it is: the theme
    // nothing answers. A known word beside it must not answer for it.
    if (before.known !== 'plans' || concept.known !== 'plans') continue;
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
  // "l'accompagnement des carrières (viviers, mobilités, accompagnement personnalisé)": examples in
  // parentheses, and what they are examples of, are one theme said several ways.
  const byList = new Map<number, Concept[]>();
  for (const concept of concepts) {
    const list = tokens[starts.get(concept) ?? -1]?.list;
    if (!list || concept.known !== 'plans') continue;
    byList.set(list.id, [...(byList.get(list.id) ?? []), concept]);
  }
  for (const [id, members] of byList) {
    const items = new Set(members.map((c) => tokens[starts.get(c) ?? -1]?.list?.item));
    if (items.size < 2) continue;
    const headAt = tokens.findIndex((token) => token.head === id);
    const head = concepts
      .filter(
        (c) =>
          !members.includes(c) &&
          c.known === 'plans' &&
          (starts.get(c) ?? Number.POSITIVE_INFINITY) <= headAt,
      )
      .at(-1);
    const group = head ? [head, ...members] : members;
    const number = group.find((c) => c.alternative !== undefined)?.alternative ?? next++;
    for (const concept of group) concept.alternative = number;
  }
}
