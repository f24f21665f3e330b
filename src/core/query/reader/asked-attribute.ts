import type { Concept } from '../intent.ts';
import type { Token } from './tokens.ts';

/** "Quel budget…", "quelle rémunération…", "what's the salary…": the word after them is asked. */
const WHICH = new Set(['quel', 'quelle', 'quels', 'quelles', 'what', 'which']);
/** Words that may stand between "what" and the thing asked ("what is the", "what's the"). */
const LINKS = new Set(['is', 's', 'are', 'the', 'was', 'le', 'la', 'les', 'l', 'est']);

/**
 * "Quel budget pour la cellule d'accompagnement ?": the question asks for one attribute of a
 * thing the plans name. When the plans never use the attribute's word at all, no text of theirs
 * answers, however well the rest matches: the concept is marked required, so units that only name
 * the thing fall under the confidence bar and the answer is not_found. A known attribute ("quel
 * accompagnement…") is left alone: it is a theme like the others.
 */
export function markAskedAttribute(tokens: readonly Token[], concepts: Concept[]): void {
  const which = tokens.findIndex((token) => WHICH.has(token.folded));
  if (which < 0) return;
  let at = which + 1;
  while (at < tokens.length && LINKS.has((tokens[at] as Token).folded)) at++;
  const word = tokens[at];
  if (!word) return;
  const concept = concepts.find((c) => c.label.split(' ')[0] === word.original);
  if (concept && concept.known === 'word') concept.required = true;
}
