import type { AnswerKind } from '../intent.ts';
import { isInterrogative, type QuestionWords } from '../words.ts';
import { type Token, takeForms } from './tokens.ts';

/* What a question asks for, beside its themes: the kind of item and how many, the académie's own
   level, the question words that really ask, and the thing a "how many" counts. */

/** The first kind named is the one wanted; later ones name sections ("indicateurs de l'objectif…"). */
export function readKinds(
  tokens: Token[],
  words: QuestionWords,
): { kinds: AnswerKind[]; count: number | null; kindWord: string | null } {
  // "l'axe « Accueillir »", "the 'Progresser' axis": a kind word next to a quote names a section.
  const found = takeForms(tokens, words.kinds).filter(
    (form) => !tokens[form.at - 1]?.quote && !tokens[form.at + form.length]?.quote,
  );
  // "Pour l'action sur…, quels indicateurs ?": the kind after an interrogative is the one wanted.
  const asked = found.find((form) => isInterrogative(tokens[form.at - 1]?.folded ?? ''));
  const first = asked ?? found[0];
  if (!first) return { kinds: [], count: null, kindWord: null };
  const kindWord = tokens
    .slice(first.at, first.at + first.length)
    .map((token) => token.folded)
    .join(' ');
  // "les quatre objectifs", "the two strategic axes": a number (maybe a qualifier) before the kind.
  let count: number | null = null;
  for (let back = first.at - 1; back >= Math.max(0, first.at - 3); back--) {
    const token = tokens[back] as Token;
    if (token.used) break;
    const n =
      words.numbers.get(token.folded) ?? (/^\d{1,2}$/u.test(token.folded) ? Number(token.folded) : undefined);
    if (n !== undefined) {
      if (n > 1) {
        count = n;
        token.used = true;
      }
      break;
    }
  }
  return { kinds: [first.value], count, kindWord };
}

/**
 * "L'objectif académique « … »", "les actions académiques": items of the académie's own level of a
 * plan declined per département (the adjective right after a kind word).
 */
export function takeAcademicItems(tokens: Token[], words: QuestionWords): boolean {
  const kindWords = new Set(
    words.kinds.filter((form) => form.words.length === 1).map((form) => form.words[0]),
  );
  let found = false;
  tokens.forEach((token, i) => {
    if (token.used || (token.folded !== 'academique' && token.folded !== 'academiques')) return;
    if (!kindWords.has(tokens[i - 1]?.folded ?? '')) return;
    token.used = true;
    found = true;
  });
  return found;
}

/** Whether the question counts items of a kind: "combien d'axes", "how many objectives". */
export function countsKind(
  tokens: Token[],
  types: { value: string; at: number; length: number }[],
  kindWord: string,
) {
  const howMany = types.find((t) => t.value === 'howmany');
  if (!howMany) return false;
  const first = kindWord.split(' ')[0];
  const after = tokens.slice(howMany.at + howMany.length, howMany.at + howMany.length + 2);
  return after.some((token) => token.folded === first);
}

/**
 * "Combien d'heures…", "how many teachers…": the concept right after the question words is the
 * thing counted, which an answer must name.
 */
export function markCounted(
  tokens: Token[],
  concepts: { label: string; required?: boolean }[],
  types: { value: string; at: number; length: number }[],
): void {
  const howMany = types.find((t) => t.value === 'howmany');
  if (!howMany) return;
  // Only "combien de X", "how many X": in "de combien peut-on allonger", nothing is counted.
  const last = tokens[howMany.at + howMany.length - 1]?.folded ?? '';
  if (!['de', 'd', 'many', 'much'].includes(last)) return;
  for (
    let i = howMany.at + howMany.length;
    i < Math.min(tokens.length, howMany.at + howMany.length + 2);
    i++
  ) {
    const word = (tokens[i] as Token).original;
    const concept = concepts.find((c) => c.label.split(' ').includes(word));
    if (concept) {
      concept.required = true;
      return;
    }
  }
}

const PREPOSITIONS = new Set([
  'avec',
  'par',
  'a',
  'de',
  'pour',
  'aupres',
  'with',
  'by',
  'for',
  'to',
  'est',
  'c',
  'sont',
]);

/**
 * Whether a question word asks: "qui", "when" and the like also join clauses ("les écoles qui
 * bénéficient", "when staff use digital tools"); they ask at the start of a clause, after a
 * preposition ("avec qui") or « c'est », and at the very end ("c'est prévu quand ?").
 */
export function asks(tokens: Token[], form: { at: number; length: number }, words: QuestionWords): boolean {
  const token = tokens[form.at] as Token;
  if (form.length > 1 || !words.relative.has(token.folded)) return true;
  const previous = tokens[form.at - 1];
  const next = tokens[form.at + 1];
  const clauseStart = !previous || previous.clause !== token.clause;
  const clauseEnd = !next || next.clause !== token.clause;
  return clauseStart || clauseEnd || PREPOSITIONS.has(previous.folded);
}
