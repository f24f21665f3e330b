import type { PlanLibrary } from '../plans/library.ts';
import { normaliseForm } from '../plans/scopes.ts';
import type { Lang } from '../router/types.ts';
import { boundedEditDistance, fold } from '../text/fold.ts';
import { contentStems, stemToken } from '../text/stem.ts';
import { isStopword } from '../text/stopwords.ts';
import { type Glossary, type Phrase, phraseOf, termWords } from './glossary.ts';
import { type AnswerKind, detectLanguage, isScaffolding, KIND_WORDS, NUMBER_WORDS } from './vocabulary.ts';

/** A theme of the question: alternative phrasings, any of which a plan item may use. */
export interface Concept {
  /** The words of the question it comes from. */
  label: string;
  /** The user's own words first, then equivalents from the glossary. */
  phrases: Phrase[];
  group: number | null;
}

export interface SectionRef {
  kind: 'objective' | 'axis';
  /** Printed number ("1.3", "2"). */
  number: string;
}

/** What a question asks, independent of any platform or language. */
export interface QueryIntent {
  question: string;
  lang: Lang;
  /** Scope keys named: départements and académies. */
  scopes: string[];
  /** Plans named (by title, alias or period). */
  planIds: string[];
  /** Kinds of item wanted; empty means "what is planned": objectives and actions. */
  kinds: AnswerKind[];
  sectionRefs: SectionRef[];
  /** Text quoted in the question (« … »), usually an objective's title. */
  quoted: string[];
  /** "les quatre objectifs": the number of items the asker expects. */
  count: number | null;
  concepts: Concept[];
}

interface Token {
  original: string;
  folded: string;
  /** Consumed by a scope, plan, kind or reference: not part of the theme. */
  used: boolean;
}

/**
 * Reads questions in French or English: scope, plan, kind of item, section references and theme.
 * Built once per library; holds the forms to recognise (scopes, plan aliases, corpus words).
 */
export class QuestionReader {
  private readonly scopeForms: { words: string[]; key: string }[];
  private readonly planForms: { words: string[]; planIds: string[] }[];
  private corpusWordsCache: Map<string, string> | null = null;
  /** Corpus words by first letter: typos rarely touch the first letter, and it keeps lookups fast. */
  private readonly wordsByInitial = new Map<string, [string, string][]>();
  private readonly corpusStems: Set<string>;

  constructor(
    private readonly library: PlanLibrary,
    private readonly glossary: Glossary,
    stems?: Iterable<Set<string>>,
  ) {
    this.scopeForms = library.scopes
      .forms()
      .map(({ form, scope }) => ({ words: form.split(/[^a-z0-9]+/u).filter(Boolean), key: scope.key }))
      .sort((a, b) => b.words.length - a.words.length);
    const byAlias = new Map<string, Set<string>>();
    for (const plan of library.plans) {
      for (const alias of [plan.shortTitle, plan.title, ...plan.aliases]) {
        const key = normaliseForm(alias)
          .replace(/[^a-z0-9 ]+/gu, ' ')
          .replace(/\s+/gu, ' ')
          .trim();
        if (!key) continue;
        const set = byAlias.get(key) ?? new Set<string>();
        set.add(plan.id);
        byAlias.set(key, set);
      }
    }
    this.planForms = [...byAlias.entries()]
      .map(([alias, ids]) => ({ words: alias.split(' '), planIds: [...ids] }))
      .sort((a, b) => b.words.length - a.words.length);
    this.corpusStems = new Set();
    if (stems) for (const set of stems) for (const stem of set) this.corpusStems.add(stem);
    else
      for (const node of library.nodes)
        for (const stem of contentStems(node.text)) this.corpusStems.add(stem);
  }

  /** The plans' words (folded -> as written), built on first need: most questions have no typo. */
  private get corpusWords(): Map<string, string> {
    if (this.corpusWordsCache) return this.corpusWordsCache;
    const words = new Map<string, string>();
    // Most words recur: folding each written form once keeps this to a few milliseconds.
    const written = new Set<string>();
    for (const node of this.library.nodes) {
      for (const word of node.text.split(/[^\p{L}\p{N}]+/u)) {
        if (word.length < 4 || written.has(word)) continue;
        written.add(word);
        const folded = fold(word);
        if (words.has(folded)) continue;
        words.set(folded, word.toLowerCase());
        const initial = folded[0] as string;
        const bucket = this.wordsByInitial.get(initial) ?? [];
        bucket.push([folded, word.toLowerCase()]);
        this.wordsByInitial.set(initial, bucket);
      }
    }
    this.corpusWordsCache = words;
    return words;
  }

  read(question: string): QueryIntent {
    const lang = detectLanguage(question);
    const quoted = [...question.matchAll(/[«“"]\s*([^«»“”"]{3,}?)\s*[»”"]/gu)].map((m) =>
      (m[1] ?? '').trim(),
    );
    const unquoted = question.replace(/[«“"]\s*[^«»“”"]{3,}?\s*[»”"]/gu, ' ');
    const tokens = tokenize(unquoted);
    const scopes = this.takeScopes(tokens);
    const planIds = this.takePlans(tokens, unquoted);
    const sectionRefs = takeSectionRefs(tokens);
    const taken = takeKinds(tokens);
    const { count } = taken;
    // "Que dit le plan sur…", "what does it say about…": everything the plan says, indicators too.
    const kinds: AnswerKind[] =
      !taken.kinds.length &&
      /\b(?:dit|disent|dire|say|says|said|parle|parlent|mentionne|mentionnent|evoque|evoquent|aborde|abordent)\b/u.test(
        fold(unquoted),
      )
        ? ['objective', 'action', 'indicator']
        : taken.kinds;
    const concepts = this.takeConcepts(tokens);
    return { question, lang, scopes, planIds, kinds, sectionRefs, quoted, count, concepts };
  }

  private takeScopes(tokens: Token[]): string[] {
    const found = new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      for (const form of this.scopeForms) {
        if (matchesAt(tokens, i, form.words)) {
          for (let k = 0; k < form.words.length; k++) (tokens[i + k] as Token).used = true;
          found.add(form.key);
          break;
        }
      }
    }
    // Small typos in a single-word département name ("Cantall", "Alier"), unless the word is one the
    // plans use. Near-misses of a name are rare, so they are looked for before that costlier check.
    for (const token of tokens) {
      if (token.used || token.folded.length < 5) continue;
      const form = this.scopeForms.find(({ words }) => {
        const word = words[0] as string;
        return words.length === 1 && word.length >= 5 && boundedEditDistance(token.folded, word, 1) <= 1;
      });
      if (!form || this.corpusStems.has(stemToken(token.folded)) || this.corpusWords.has(token.folded))
        continue;
      token.used = true;
      found.add(form.key);
    }
    return [...found];
  }

  private takePlans(tokens: Token[], text: string): string[] {
    const found = new Set<string>();
    for (const match of text.matchAll(/(20\d\d)\s*[-–/à]\s*(20\d\d)/gu)) {
      const period = `${match[1]}-${match[2]}`;
      for (const plan of this.library.plans) if (plan.period === period) found.add(plan.id);
    }
    for (const token of tokens) if (/^20\d\d$/u.test(token.folded)) token.used = true;
    const byAlias = new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      for (const form of this.planForms) {
        // Aliases may overlap a scope ("projet d'Orléans-Tours" names both).
        if (form.words.length === 0 || !matchesAt(tokens, i, form.words, true)) continue;
        // A one-word alias that is also a theme word ("RH", "CASF") only names a plan in capitals.
        if (
          form.words.length === 1 &&
          (tokens[i] as Token).original !== (tokens[i] as Token).original.toUpperCase()
        )
          continue;
        for (let k = 0; k < form.words.length; k++) (tokens[i + k] as Token).used = true;
        for (const id of form.planIds) byAlias.add(id);
        i += form.words.length - 1;
        break;
      }
    }
    if (found.size && byAlias.size) {
      const both = [...byAlias].filter((id) => found.has(id));
      return both.length ? both : [...found];
    }
    return [...(found.size ? found : byAlias)];
  }

  private takeConcepts(tokens: Token[]): Concept[] {
    const concepts: Concept[] = [];
    const byGroup = new Map<number, Concept>();
    const addConcept = (concept: Concept) => {
      if (concept.group !== null) {
        const existing = byGroup.get(concept.group);
        if (existing) {
          existing.label = `${existing.label} ${concept.label}`;
          return;
        }
        byGroup.set(concept.group, concept);
      }
      concepts.push(concept);
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.used) continue;
      const entry = this.glossaryAt(tokens, i);
      if (entry) {
        const words = tokens.slice(i, i + entry.length).map((t) => t.original);
        for (let k = 0; k < entry.length; k++) (tokens[i + k] as Token).used = true;
        const own = phraseOf(words.join(' '));
        const phrases = [own, ...this.glossary.phrases(entry.group)].filter((p) => p.stems.length);
        addConcept({ label: words.join(' '), phrases: dedupePhrases(phrases), group: entry.group });
        i += entry.length - 1;
        continue;
      }
      if (
        isStopword(token.folded) ||
        isScaffolding(token.folded) ||
        token.folded.length < 2 ||
        /^\d+$/u.test(token.folded)
      ) {
        continue;
      }
      const two = i + 1 < tokens.length ? `${token.folded} ${(tokens[i + 1] as Token).folded}` : '';
      const translated =
        (two && this.glossary.translations.get(two)) || this.glossary.translations.get(token.folded);
      const singular = token.folded.replace(/s$/u, '');
      const translation = translated ?? this.glossary.translations.get(singular);
      if (translation) {
        token.used = true;
        if (translated && two && this.glossary.translations.get(two)) (tokens[i + 1] as Token).used = true;
        if (translation.length) {
          addConcept({
            label: token.original,
            phrases: dedupePhrases(translation.map(phraseOf)),
            group: null,
          });
        }
        continue;
      }
      const word = this.correctTypo(token.folded);
      addConcept({ label: token.original, phrases: [phraseOf(word)], group: null });
    }
    return concepts.filter((concept) => concept.phrases.some((phrase) => phrase.stems.length));
  }

  /** The longest glossary term starting at token i, if any. */
  private glossaryAt(tokens: Token[], i: number): { group: number; length: number } | null {
    const first = tokens[i] as Token;
    const candidates = this.glossary.entriesByFirstWord.get(first.folded) ?? [];
    for (const entry of candidates) {
      if (!matchesAt(tokens, i, entry.words)) continue;
      if (entry.acronym && !/\p{Lu}.*\p{Lu}/u.test(first.original)) continue;
      return { group: entry.group, length: entry.words.length };
    }
    return null;
  }

  /** A word the plans never use, close to one they do: the asker's typo ("télétravial"). */
  private correctTypo(word: string): string {
    if (word.length < 5 || this.corpusStems.has(stemToken(word)) || this.corpusWords.has(word)) return word;
    const budget = word.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = budget + 1;
    for (const [candidate, original] of this.wordsByInitial.get(word[0] as string) ?? []) {
      if (Math.abs(candidate.length - word.length) > budget) continue;
      const distance = boundedEditDistance(word, candidate, budget);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = original;
      }
    }
    return best ?? word;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:\+)?/gu)) {
    const original = match[0];
    tokens.push({ original, folded: fold(original).replace(/\+$/u, ''), used: false });
  }
  return tokens;
}

function matchesAt(tokens: Token[], i: number, words: string[], allowUsed = false): boolean {
  if (i + words.length > tokens.length) return false;
  for (let k = 0; k < words.length; k++) {
    const token = tokens[i + k] as Token;
    if ((token.used && !allowUsed) || token.folded !== words[k]) return false;
  }
  return true;
}

function takeSectionRefs(tokens: Token[]): SectionRef[] {
  const refs: SectionRef[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const word = (tokens[i] as Token).folded;
    const kind =
      word === 'objectif' || word === 'objective'
        ? 'objective'
        : word === 'axe' || word === 'axis'
          ? 'axis'
          : null;
    if (!kind) continue;
    // "axe stratégique 2", "objectif opérationnel 1.3": the plans' own qualifiers may sit between.
    const qualified = /^(?:strategique|strategic|operationnel|operational|general|n|no)$/u.test(
      tokens[i + 1]?.folded ?? '',
    );
    const offset = qualified ? 1 : 0;
    const next = tokens[i + 1 + offset];
    if (!next || !/^\d{1,2}$/u.test(next.folded)) continue;
    const after = tokens[i + 2 + offset];
    let number = next.folded;
    let length = 2 + offset;
    // "objectif 1.3" is tokenised as "1", "3".
    if (kind === 'objective' && after && /^\d{1,2}$/u.test(after.folded)) {
      number = `${next.folded}.${after.folded}`;
      length = 3 + offset;
    }
    for (let k = 0; k < length; k++) (tokens[i + k] as Token).used = true;
    refs.push({ kind, number });
  }
  return refs;
}

const QUALIFIERS = new Set([
  'strategic',
  'strategiques',
  'strategique',
  'operational',
  'operationnels',
  'operationnelles',
  'main',
  'key',
  'grands',
  'grandes',
  'principaux',
  'principales',
]);

function takeKinds(tokens: Token[]): { kinds: AnswerKind[]; count: number | null } {
  const kinds: AnswerKind[] = [];
  let count: number | null = null;
  const forms = Object.keys(KIND_WORDS)
    .map((form) => ({ words: termWords(form), kind: KIND_WORDS[form] as AnswerKind }))
    .sort((a, b) => b.words.length - a.words.length);
  for (let i = 0; i < tokens.length; i++) {
    for (const form of forms) {
      if (!matchesAt(tokens, i, form.words)) continue;
      for (let k = 0; k < form.words.length; k++) (tokens[i + k] as Token).used = true;
      // The first kind named is the one wanted; later ones name sections ("indicateurs de l'objectif …").
      if (!kinds.length) {
        kinds.push(form.kind);
        // "the two strategic axes", "les trois grands axes": a qualifier may sit before the kind.
        let back = i - 1;
        while (back > 0 && QUALIFIERS.has((tokens[back] as Token).folded)) back--;
        const previous = tokens[back];
        const number = previous
          ? (NUMBER_WORDS[previous.folded] ??
            (/^\d{1,2}$/u.test(previous.folded) ? Number(previous.folded) : undefined))
          : undefined;
        if (number !== undefined && number > 1) {
          count = number;
          (previous as Token).used = true;
        }
      }
      i += form.words.length - 1;
      break;
    }
  }
  return { kinds, count };
}

function dedupePhrases(phrases: Phrase[]): Phrase[] {
  const seen = new Set<string>();
  return phrases.filter((phrase) => {
    const key = phrase.stems.join(' ');
    if (seen.has(key) || !phrase.stems.length) return false;
    seen.add(key);
    return true;
  });
}
