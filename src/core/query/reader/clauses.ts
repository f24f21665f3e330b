import { fold } from '../../text/fold.ts';
import type { QueryIntent } from '../intent.ts';

/**
 * Compound questions: "jusqu'à quand court le PSA, et quels sont ses trois axes ?", "which
 * certifications…, and how was this to be evaluated?". Read as one, the two asks dilute each other
 * (the span's words weigh against the axes' and nothing scores); read clause by clause, each is
 * answered and the answers are joined.
 */

/** Joins before a clause that asks something of its own. */
const CONJUNCTION = /^(?:,\s*)?(?:et|and|puis|then|mais|but)$/u;

/**
 * The clauses of a question that each ask something: split after a sentence that ends with "?"
 * (or ". " before a capital), and before "et / and" when a starter of `starters` follows (a question
 * word, possibly after a preposition: "et avec quels indicateurs"). Quoted text is never split.
 */
export function splitClauses(question: string, starters: readonly string[][]): string[] {
  if (!starters.length) return [question];
  const masked = maskQuotes(question);
  const cuts = new Set<number>();
  for (const match of masked.matchAll(/[?!;]\s+(?=\S)|\.\s+(?=\p{Lu})/gu))
    cuts.add((match.index ?? 0) + match[0].length);
  // Words with their offsets, apostrophes and hyphens splitting as the reader's tokens do.
  const words = [...masked.matchAll(/[\p{L}\p{N}]+|,/gu)].map((m) => ({
    text: m[0] === ',' ? ',' : fold(m[0]),
    at: m.index ?? 0,
  }));
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as { text: string; at: number };
    if (!CONJUNCTION.test(word.text)) continue;
    const start = words[i - 1]?.text === ',' ? (words[i - 1] as { at: number }).at : word.at;
    const after = words.slice(i + 1, i + 6).map((w) => w.text);
    if (starters.some((starter) => starter.every((w, k) => after[k] === w)) && i > 0) cuts.add(start);
  }
  const points = [...cuts].filter((at) => at > 0 && at < question.length).sort((a, b) => a - b);
  const clauses: string[] = [];
  let from = 0;
  for (const at of [...points, question.length]) {
    const clause = question
      .slice(from, at)
      .replace(/^[\s,;]+|[\s,;]+$/gu, '')
      .replace(/^(?:et|and|puis|then|mais|but)\s+/iu, '');
    if (/[\p{L}\p{N}]/u.test(clause)) clauses.push(clause);
    from = at;
  }
  return clauses.length ? clauses : [question];
}

/** Quoted spans blanked out (same length): a title quoted is never cut. */
function maskQuotes(text: string): string {
  return text.replace(/«[^»]*»|"[^"]*"|“[^”]*”/gu, (span) => ' '.repeat(span.length));
}

/**
 * Each clause's intent completed from the others: the plan and place named anywhere apply to every
 * clause, a section named earlier to the clauses after it; a later clause with little of its own
 * ("et comment le mesure-t-on ?", "avec quel montant ?") adds to the theme of the clause before it,
 * a first clause without a theme takes the next one's, a clause asking for the structure (axes,
 * objectives) keeps none. A clause left with nothing to look for ("Can you list them?") is dropped;
 * so are repeats.
 */
export function completeParts(whole: QueryIntent, parts: QueryIntent[]): QueryIntent[] {
  const done: QueryIntent[] = parts.map((part) => ({
    ...part,
    lang: whole.lang,
    planIds: part.planIds.length ? part.planIds : whole.planIds,
    ...(part.scopes.length
      ? {}
      : { scopes: whole.scopes, unknownPlaces: whole.unknownPlaces, specific: whole.specific }),
    academieLevel: part.academieLevel || whole.academieLevel,
  }));
  for (let i = 1; i < done.length; i++) {
    const part = done[i] as QueryIntent;
    const before = done[i - 1] as QueryIntent;
    if (
      !part.sectionRefs.length &&
      !part.quoted.length &&
      (before.sectionRefs.length || before.quoted.length)
    )
      done[i] = { ...part, sectionRefs: before.sectionRefs, quoted: before.quoted };
  }
  // A later clause says little of its own ("Avec quel montant ?", "qui devait les animer ?"): it
  // asks about the theme of the clause before it, with what it adds. A first clause without a theme
  // ("quelles actions, et quels indicateurs pour la lecture ?") takes the next one's.
  const original = done.map((part) => part.concepts);
  for (let i = 0; i < done.length; i++) {
    const part = done[i] as QueryIntent;
    const themes = part.concepts.filter((c) => c.known === 'plans').length;
    // "…, et quels sont ses trois axes ?": the plan's own structure, listed whatever the theme.
    const structure =
      part.kinds.length > 0 && part.kinds.every((kind) => kind === 'axis' || kind === 'objective');
    if (structure && !themes) continue;
    const source = i > 0 ? original[i - 1] : themes ? undefined : original.slice(1).find((c) => c.length);
    if (!source || (i > 0 && themes >= 2)) continue;
    const labels = new Set(part.concepts.map((c) => c.label));
    done[i] = { ...part, concepts: [...source.filter((c) => !labels.has(c.label)), ...part.concepts] };
  }
  const seen = new Set<string>();
  return done.filter((part) => {
    const asksFact = !['what', 'yesno', 'list'].includes(part.qtype);
    if (
      !part.concepts.length &&
      !part.kinds.length &&
      !part.sectionRefs.length &&
      !part.quoted.length &&
      !asksFact
    )
      return false;
    const key = JSON.stringify([
      part.qtype,
      part.kinds,
      part.planIds,
      part.scopes,
      part.sectionRefs,
      part.quoted,
      part.concepts.map((c) => c.label),
    ]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
