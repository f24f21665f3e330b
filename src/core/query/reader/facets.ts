import type { PlanLibrary } from '../../plans/library.ts';
import type { SectionRef } from '../intent.ts';
import type { WordForm } from '../words.ts';
import { markUsed, matchesAt, QUOTE_MARK, type Token } from './tokens.ts';

/** Quoted text: « … », “ … ”, " … ", and ' … ' set off by spaces (an English quote, not an elision). */
const QUOTED = /[«“"]\s*([^«»“”"]{3,}?)\s*[»”"]|(?<=^|[\s(])'([^'\n]{3,}?)'(?=[\s,.;:?!)]|$)/gu;

export function readQuotes(question: string): { quoted: string[]; rest: string } {
  const quoted = [...question.matchAll(QUOTED)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter(Boolean);
  return { quoted, rest: question.replace(QUOTED, ` ${QUOTE_MARK} `) };
}

const ORDINALS: Record<string, string> = {
  premier: '1',
  premiere: '1',
  first: '1',
  deuxieme: '2',
  second: '2',
  seconde: '2',
  troisieme: '3',
  third: '3',
  quatrieme: '4',
  fourth: '4',
};
const QUALIFIER = /^(?:strategique|strategic|operationnel|operational|general|n|no|numero|number)$/u;

/** "objectif 1.3", "axe 2", "axe stratégique 2", "axis 3", "le premier axe", "the second axis". */
export function readSectionRefs(tokens: Token[]): SectionRef[] {
  const refs: SectionRef[] = [];
  const kindOf = (word: string | undefined) =>
    word === 'objectif' || word === 'objective'
      ? 'objective'
      : word === 'axe' || word === 'axis'
        ? 'axis'
        : null;
  for (let i = 0; i < tokens.length; i++) {
    const kind = kindOf(tokens[i]?.folded);
    if (kind) {
      const offset = QUALIFIER.test(tokens[i + 1]?.folded ?? '') ? 1 : 0;
      const next = tokens[i + 1 + offset];
      if (!next || !/^\d{1,2}$/u.test(next.folded)) continue;
      const after = tokens[i + 2 + offset];
      let number = next.folded;
      let length = 2 + offset;
      // "objectif 1.3" is tokenised as "1", "3".
      if (kind === 'objective' && after && /^\d{1,2}$/u.test(after.folded)) {
        number = `${next.folded}.${after.folded}`;
        length++;
      }
      markUsed(tokens, i, length);
      refs.push({ kind, number });
      continue;
    }
    // "le premier axe", "the second axis".
    const ordinal = ORDINALS[tokens[i]?.folded ?? ''];
    const following = kindOf(tokens[i + 1]?.folded);
    if (ordinal && following) {
      markUsed(tokens, i, 2);
      refs.push({ kind: following, number: ordinal });
      i++;
    }
  }
  return refs;
}

/** Scope keys named by their forms ("Cantal", "cantalien", "Puy de Dôme") or département code ("le 63"). */
export function readScopes(tokens: Token[], library: PlanLibrary, codeWords: Set<string>): string[] {
  const found = new Set<string>();
  const forms = scopeForms(library);
  for (let i = 0; i < tokens.length; i++) {
    for (const form of forms.get((tokens[i] as Token).folded) ?? []) {
      if (!matchesAt(tokens, i, form.words)) continue;
      markUsed(tokens, i, form.words.length);
      for (let k = 0; k < form.words.length; k++) (tokens[i + k] as Token).scope = true;
      found.add(form.key);
      i += form.words.length - 1;
      break;
    }
  }
  // "dans le 15", "Allier vs 63", "(43)": a département's code, unless it counts or numbers something.
  const byCode = new Map(library.scopes.all.filter((s) => s.code).map((s) => [s.code as string, s.key]));
  tokens.forEach((token, i) => {
    if (token.used || !/^\d{2}$/u.test(token.folded)) return;
    const key = byCode.get(token.folded);
    const next = tokens[i + 1]?.folded ?? '';
    if (!key || codeWords.has(next)) return;
    token.used = true;
    token.scope = true;
    found.add(key);
  });
  return [...found];
}

/** Académies and départements named that Boussole has no plan for. */
export function readUnknownPlaces(tokens: Token[], places: WordForm<string>[]): string[] {
  const found: string[] = [];
  const byFirst = byFirstWord(places);
  for (let i = 0; i < tokens.length; i++) {
    for (const place of byFirst.get((tokens[i] as Token).folded) ?? []) {
      if (!matchesAt(tokens, i, place.words)) continue;
      markUsed(tokens, i, place.words.length);
      found.push(place.value);
      i += place.words.length - 1;
      break;
    }
  }
  return found;
}

const scopeFormsCache = new WeakMap<PlanLibrary, Map<string, { words: string[]; key: string }[]>>();

/** The scopes' names as word lists, by first word, longest first. */
function scopeForms(library: PlanLibrary): Map<string, { words: string[]; key: string }[]> {
  let forms = scopeFormsCache.get(library);
  if (!forms) {
    forms = new Map();
    for (const { form, scope } of library.scopes.forms()) {
      const words = form.split(/[^a-z0-9]+/u).filter(Boolean);
      if (!words.length) continue;
      const list = forms.get(words[0] as string) ?? [];
      list.push({ words, key: scope.key });
      forms.set(words[0] as string, list);
    }
    for (const list of forms.values()) list.sort((a, b) => b.words.length - a.words.length);
    scopeFormsCache.set(library, forms);
  }
  return forms;
}

const firstWordCache = new WeakMap<WordForm<string>[], Map<string, WordForm<string>[]>>();

function byFirstWord(forms: WordForm<string>[]): Map<string, WordForm<string>[]> {
  let index = firstWordCache.get(forms);
  if (!index) {
    index = new Map();
    for (const form of forms) {
      const list = index.get(form.words[0] as string) ?? [];
      list.push(form);
      index.set(form.words[0] as string, list);
    }
    firstWordCache.set(forms, index);
  }
  return index;
}

const CONJUNCTIONS = new Set(['et', 'and', 'ou', 'or', 'vs', 'versus', 'avec', 'with', 'contre', 'against']);

/**
 * Whether two scopes or plans named are put side by side: a comparison word ("vs", "compare",
 * "diffère", "each"), or the two names joined by a conjunction with nothing but small words
 * between them ("la FdR RH de Clermont et le projet d'Orléans-Tours"). "Qui signe l'avant-propos
 * du CASF, et à quel objectif du PSA…" names two plans but compares nothing.
 */
export function readsAsComparison(
  tokens: Token[],
  compareWord: boolean,
  isSmall: (folded: string) => boolean,
): boolean {
  if (compareWord) return true;
  const mention = (token: Token) => Boolean(token.scope || token.plan);
  let i = tokens.findIndex(mention);
  while (i >= 0 && i < tokens.length) {
    let end = i;
    while (end + 1 < tokens.length && mention(tokens[end + 1] as Token)) end++;
    let next = end + 1;
    while (next < tokens.length && !mention(tokens[next] as Token)) next++;
    if (next >= tokens.length) return false;
    const gap = tokens.slice(end + 1, next);
    if (
      gap.some((t) => CONJUNCTIONS.has(t.folded)) &&
      gap.every((t) => CONJUNCTIONS.has(t.folded) || isSmall(t.folded))
    ) {
      return true;
    }
    i = next;
  }
  return false;
}
