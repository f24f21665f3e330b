import { fold } from '../../text/fold.ts';
import type { WordForm } from '../words.ts';

/** A word of the question, as written and folded; `used` once a facet or concept has taken it. */
export interface Token {
  original: string;
  folded: string;
  used: boolean;
  /** The word was read as a typo of this one (folded). */
  corrected?: string;
  /** Stands where the question quoted a text (« … »): "l'axe « Accueillir »" names a section. */
  quote?: boolean;
  /** Taken by a scope's name: "the previous Clermont plan" still names "previous plan". */
  scope?: boolean;
  /** Taken by a plan's name or period. */
  plan?: boolean;
  /** Index of the clause of the question the word is in (clauses end at . ; : ! ?). */
  clause: number;
  /** A verb with its subject after it ("chiffre-t-il", "prévoit-elle"): the asker's verb. */
  inverted?: boolean;
  /** A short form the plans only use in full ("éduc", "prio"): their words that start with it. */
  expansions?: string[];
  /**
   * Inside an enumeration in parentheses ("(viviers, mobilités, accompagnement personnalisé)"):
   * its number in the question and the item the word is in. `head` marks the word just before it.
   */
  list?: { id: number; item: number };
  head?: number;
}

/** "-t-il", "-elle", "-on": the subject after a verb in a French question. */
const INVERTED_SUBJECT = /^-(?:t-)?(?:il|elle|on|ils|elles)(?![\p{L}])/iu;

/** What a quoted text is replaced by before tokenising: one token that keeps its place. */
export const QUOTE_MARK = 'qquotemarkq';

/** Words of a question: letters and digits ("bac+3" kept whole), apostrophes and hyphens split. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let lists = 0;
  text.split(/[.;:!?]+(?=\s|$)/u).forEach((part, clause) => {
    const spans = [...part.matchAll(/\(([^()]*,[^()]*)\)/gu)].map((m) => ({
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      id: lists++,
    }));
    for (const match of part.matchAll(/[\p{L}\p{N}]+(?:\+[\p{N}]*)?/gu)) {
      const original = match[0];
      const at = match.index ?? 0;
      if (original === QUOTE_MARK) {
        tokens.push({ original: '«»', folded: '', used: true, quote: true, clause });
        continue;
      }
      const token: Token = { original, folded: fold(original).replace(/\+$/u, ''), used: false, clause };
      const after = part.slice(at + original.length, at + original.length + 9);
      if (INVERTED_SUBJECT.test(after)) token.inverted = true;
      const span = spans.find((s) => at > s.start && at < s.end);
      if (span) token.list = { id: span.id, item: part.slice(span.start, at).split(',').length - 1 };
      // The word just before an enumeration is what it gives examples of.
      const opened = spans.find((s) => s.start >= at + original.length);
      if (opened && !/[\p{L}\p{N}]/u.test(part.slice(at + original.length, opened.start)))
        token.head = opened.id;
      tokens.push(token);
    }
  });
  return tokens;
}

/** "Pour préparer le comité de pilotage : …", "To brief the board: …": why the asker asks, not what. */
const PURPOSE = new Set(['pour', 'afin', 'for', 'to']);

/**
 * Clauses that set the scene rather than ask: in the first person, with another clause of the
 * question before or after them ("Je suis principale dans l'Allier et … : que prévoit …", "… ? Je
 * représente des collègues."), or opening with a purpose and a verb before the question ("pour
 * préparer …", "to prepare …"; "Pour les directeurs d'école : …" names a public and stays a theme).
 */
export function sceneClauses(
  tokens: Token[],
  text: string,
  firstPerson: ReadonlySet<string>,
  isVerb: (word: string) => boolean,
): Set<number> {
  // The delimiters that end each clause, in the order tokenize() split them.
  const ends = [...text.matchAll(/[.;:!?]+(?=\s|$)/gu)].map((m) => m[0]);
  const scene = new Set<number>();
  const last = Math.max(0, ...tokens.map((token) => token.clause));
  const asked = ends.some((end) => end.includes('?'));
  for (let clause = 0; clause <= last; clause++) {
    if ((ends[clause] ?? '').includes('?') || (clause === last && !asked)) continue;
    const own = tokens.filter((token) => token.clause === clause);
    const verb = own[1]?.folded === 'de' ? own[2] : own[1];
    const purpose = clause < last && PURPOSE.has(own[0]?.folded ?? '') && verb && isVerb(verb.folded);
    if (purpose || own.some((token) => firstPerson.has(token.folded))) scene.add(clause);
  }
  return scene;
}

/** Whether `words` (folded) start at token i, none of them taken unless `allowUsed`. */
export function matchesAt(tokens: Token[], i: number, words: string[], allowUsed = false): boolean {
  if (!words.length || i + words.length > tokens.length) return false;
  for (let k = 0; k < words.length; k++) {
    const token = tokens[i + k] as Token;
    if ((token.used && !allowUsed) || token.folded !== words[k]) return false;
  }
  return true;
}

export function markUsed(tokens: Token[], i: number, length: number): void {
  for (let k = 0; k < length; k++) (tokens[i + k] as Token).used = true;
}

/**
 * Takes every occurrence of the forms (longest first at each position), marking their words
 * used; returns what was found with the position of each.
 */
export function takeForms<T>(
  tokens: Token[],
  forms: WordForm<T>[],
  options: { allowUsed?: boolean; keep?: boolean } = {},
): { value: T; at: number; length: number }[] {
  const found: { value: T; at: number; length: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const form of forms) {
      if (!matchesAt(tokens, i, form.words, options.allowUsed)) continue;
      if (!options.keep) markUsed(tokens, i, form.words.length);
      found.push({ value: form.value, at: i, length: form.words.length });
      i += form.words.length - 1;
      break;
    }
  }
  return found;
}
