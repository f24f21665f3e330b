import type { Lang } from '../../kernel/types.ts';
import { contentStems, stemToken } from '../../text/stem.ts';
import type { Glossary } from '../glossary.ts';
import type { Concept, Phrase } from '../intent.ts';
import type { Lexicon } from '../lexicon.ts';
import type { QuestionWords } from '../words.ts';
import { markAlternatives } from './alternatives.ts';
import type { WordBook } from './dictionary.ts';
import { markUsed, matchesAt, type Token } from './tokens.ts';

/** What the concept reader consults: the domain glossary, the lexicon, and the plans' stems. */
export interface ConceptSources {
  glossary: Glossary;
  lexicon: Lexicon;
  words: QuestionWords;
  /** Whether a French stem occurs in the plans' own words. */
  knowsStem(stem: string): boolean;
  /** Number of units holding a French stem in their own words. */
  frequency(stem: string): number;
  dictionary: WordBook;
}

export function phraseOf(text: string, origin: Phrase['origin']): Phrase {
  // A stem of one letter ("G.S." -> "g") would match anything.
  return { text, stems: [...new Set(contentStems(text))].filter((stem) => stem.length > 1), origin };
}

/**
 * The themes of a question, from the words no facet took: a glossary term (with its equivalents),
 * an English word or phrase of the lexicon (with its French terms), or a word of its own. Nothing
 * is required: each concept only adds to a unit's score. A word that the plans, the glossary and
 * the lexicon all ignore is kept as an unknown concept: it lowers the confidence of any answer.
 */
export function readConcepts(
  tokens: Token[],
  lang: Lang,
  sources: ConceptSources,
  scene: Set<number> = new Set(),
): Concept[] {
  const { glossary, lexicon, words } = sources;
  const concepts: Concept[] = [];
  const byGroup = new Map<number, Concept>();
  const starts = new Map<Concept, number>();
  const add = (partial: Omit<Concept, 'emphasis'>, at: Token) => {
    const concept: Concept = { ...partial, emphasis: scene.has(at.clause) ? SCENE_EMPHASIS : 1 };
    if (!concept.phrases.some((phrase) => phrase.stems.length)) return;
    if (concept.group !== null) {
      const existing = byGroup.get(concept.group);
      if (existing) {
        existing.label = `${existing.label} ${concept.label}`;
        return;
      }
      byGroup.set(concept.group, concept);
    }
    concepts.push(concept);
    starts.set(concept, tokens.indexOf(at));
  };
  const folded = tokens.map((token) => token.folded);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.used) continue;
    const ignorable = words.isIgnorable(token.folded) || token.folded.length < 2;
    // An English phrase of function words only ("provide for", "use of", "put in place") is no theme.
    const onlyFunctionWords = (length: number) =>
      tokens.slice(i, i + length).every((t) => words.isIgnorable(t.folded) || t.folded.length < 2);
    let entry = glossaryAt(tokens, i, glossary) ?? expandedGlossaryAt(tokens, i, glossary);
    // In English, a longer phrase of the lexicon wins ("steering committee" over "steering").
    if (entry && lang === 'en' && (lexicon.match(folded, i)?.length ?? 0) > entry.length) entry = null;
    // A function word ("a", "its", "plan") is no theme, even where a list happens to hold it alone.
    // A glossary term is a domain term ("bien-être" is made of two function words): only a single
    // function word that a group happens to hold is skipped.
    if (entry && !(ignorable && entry.length === 1)) {
      const label = tokens
        .slice(i, i + entry.length)
        .map((t) => t.original)
        .join(' ');
      markUsed(tokens, i, entry.length);
      // The words as read (a typo mended), not as typed.
      const own = phraseOf(
        tokens
          .slice(i, i + entry.length)
          .map((t) => t.folded)
          .join(' '),
        tokens.slice(i, i + entry.length).some((t) => t.corrected) ? 'typo' : 'question',
      );
      const equivalents = glossary.phrases(entry.group).map((p) => ({ ...p, origin: 'glossary' as const }));
      // In English, the lexicon's French terms join the glossary's ("management": gestion too).
      const english = lang === 'en' ? lexicon.match(folded, i) : null;
      const translated =
        english && english.length === entry.length ? english.french.map((f) => phraseOf(f, 'lexicon')) : [];
      add(
        { label, phrases: dedupe([own, ...equivalents, ...translated]), group: entry.group, known: 'plans' },
        token,
      );
      i += entry.length - 1;
      continue;
    }
    // Function words first: they need neither the lexicon nor the dictionaries.
    if (ignorable && (lang !== 'en' || !lexicon.match(folded, i))) continue;
    const stem = stemToken(token.folded);
    const frenchWord = sources.knowsStem(stem);
    // English questions go through the lexicon first; French ones only for words that are no
    // French at all ("open badges"): "attendent" is no English "attend".
    const english =
      lang === 'en' || (!frenchWord && !sources.dictionary.isWord(token.folded, 'fr'))
        ? lexicon.match(folded, i)
        : null;
    if (
      english &&
      !onlyFunctionWords(english.length) &&
      !tokens.slice(i, i + english.length).some((t) => t.used)
    ) {
      const label = tokens
        .slice(i, i + english.length)
        .map((t) => t.original)
        .join(' ');
      markUsed(tokens, i, english.length);
      i += english.length - 1;
      // An empty translation marks an English word that says nothing of the theme ("track").
      if (!english.french.length) continue;
      const phrases = english.french.map((french) => phraseOf(french, 'lexicon'));
      if (frenchWord && english.length === 1) phrases.unshift(phraseOf(token.original, 'question'));
      phrases.push(...specificPart(tokens, i + 1 - english.length, english.length, sources));
      add({ label, phrases: dedupe(phrases), group: null, known: 'plans' }, token);
      continue;
    }
    if (ignorable || /^\d{1,3}$/u.test(token.folded)) continue;
    token.used = true;
    if (token.expansions) {
      const phrases = token.expansions.slice(0, 3).map((word) => phraseOf(word, 'prefix'));
      add({ label: token.original, phrases, group: null, known: 'plans' }, token);
      continue;
    }
    const origin = token.corrected ? 'typo' : 'question';
    // After a determiner a verb form is a noun: « les cantines », "about school uniforms".
    const previous = tokens[i - 1]?.folded ?? '';
    const afterDeterminer =
      words.determiners.has(previous) || (ARTICLES.has(previous) && /[sx]$/u.test(token.folded));
    // "Quels indicateurs le PSA chiffre-t-il ?": a verb with its subject after it is the asker's.
    const known = token.inverted
      ? 'verb'
      : frenchWord
        ? 'plans'
        : !afterDeterminer && sources.dictionary.isVerb(token.folded)
          ? 'verb'
          : sources.dictionary.isWord(token.folded)
            ? 'word'
            : 'none';
    add({ label: token.original, phrases: [phraseOf(token.folded, origin)], group: null, known }, token);
  }
  markAlternatives(concepts, starts, tokens);
  // A question that is all scene-setting: every word is the question's own.
  if (concepts.every((concept) => concept.emphasis < 1)) {
    for (const concept of concepts) concept.emphasis = 1;
    return concepts;
  }
  // The scene in words the plans never use ("nous accueillons", "mutés") tells who asks, not what
  // the answer says: it neither ranks nor lowers the confidence.
  return concepts.filter((concept) => concept.emphasis === 1 || concept.known === 'plans');
}

/** « le, la, les » are articles or object pronouns: « les cantines », but « les découpe ». */
const ARTICLES = new Set(['le', 'la', 'les', 'l']);

/** Weight kept by the words of a clause that only sets the scene. */
const SCENE_EMPHASIS = 0.5;

/**
 * "draw on research": the plans may say it otherwise, but they will say "recherche". The phrase's
 * most specific word (its rarest translation) stands for it: "mountain" for "mountain areas".
 */
function specificPart(tokens: Token[], start: number, length: number, sources: ConceptSources): Phrase[] {
  if (length < 2) return [];
  let part: { phrases: Phrase[]; frequency: number } | null = null;
  for (let k = start; k < start + length; k++) {
    const word = (tokens[k] as Token).folded;
    if (sources.words.isIgnorable(word)) continue;
    const alone = sources.lexicon.matchWord(word).map((french) => phraseOf(french, 'part'));
    if (!alone.length) continue;
    const frequency = Math.max(
      ...alone.map((p) => Math.min(...p.stems.map((stem) => sources.frequency(stem)))),
    );
    if (!part || frequency < part.frequency) part = { phrases: alone, frequency };
  }
  return part?.phrases ?? [];
}

/** The longest glossary term starting at token i, if any. */
function glossaryAt(
  tokens: Token[],
  i: number,
  glossary: Glossary,
): { group: number; length: number } | null {
  const first = tokens[i] as Token;
  for (const entry of glossary.entriesAt(first.folded)) {
    if (!matchesAt(tokens, i, entry.words)) continue;
    // Acronyms ("PAS", "TER") only count in capitals: "pas" is also a plain word.
    if (entry.acronym && !/\p{Lu}.*\p{Lu}/u.test(first.original)) continue;
    return { group: entry.group, length: entry.words.length };
  }
  return null;
}

/** A short form read as each of its expansions in turn: "éduc prio" -> "éducation prioritaire". */
function expandedGlossaryAt(
  tokens: Token[],
  i: number,
  glossary: Glossary,
): { group: number; length: number } | null {
  const token = tokens[i] as Token;
  if (!token.expansions) return null;
  const folded = token.folded;
  for (const expansion of token.expansions) {
    token.folded = expansion;
    const entry = glossaryAt(tokens, i, glossary);
    if (entry && entry.length > 1) return entry;
  }
  token.folded = folded;
  return null;
}

function dedupe(phrases: Phrase[]): Phrase[] {
  const seen = new Set<string>();
  return phrases.filter((phrase) => {
    const key = phrase.stems.join(' ');
    if (seen.has(key) || !phrase.stems.length) return false;
    seen.add(key);
    return true;
  });
}
