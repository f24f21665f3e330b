import { detectLanguage } from '../../kernel/language.ts';
import type { Lang } from '../../kernel/types.ts';
import type { PlanLibrary } from '../../plans/library.ts';
import { fold } from '../../text/fold.ts';
import { isRememberedWord, rememberedWords, stemToken } from '../../text/stem.ts';
import type { Glossary } from '../glossary.ts';
import type { QueryIntent, QuestionType } from '../intent.ts';
import type { Lexicon } from '../lexicon.ts';
import type { QuestionWords, WordForm } from '../words.ts';
import { asks, countsKind, markCounted, readKinds, takeAcademicItems } from './asked.ts';
import { markAskedAttribute } from './asked-attribute.ts';
import { completeParts, splitClauses } from './clauses.ts';
import { readConcepts } from './concepts.ts';
import type { WordBook } from './dictionary.ts';
import { readQuotes, readScopes, readSectionRefs, readsAsComparison, readUnknownPlaces } from './facets.ts';
import { plansQuoted, readPlans } from './plan-names.ts';
import { Speller } from './spelling.ts';
import { sceneClauses, type Token, takeForms, tokenize } from './tokens.ts';

/** Words a short form may stand for ("éduc": éducation, éducatif, éducative…). */
const MAX_EXPANSIONS = 12;

/** Clauses of a compound question answered one by one ("…, et quels indicateurs ?"), at most. */
const MAX_CLAUSES = 4;

/** Characters of a question that are read; the router caps chat messages the same way. */
export const MAX_QUESTION = 4000;

export interface ReaderSources {
  library: PlanLibrary;
  glossary: Glossary;
  lexicon: Lexicon;
  words: QuestionWords;
  places: WordForm<string>[];
  /** The general dictionaries: real words are no typos, verbs weigh less. */
  dictionary: WordBook;
  /** Whether a French stem occurs in the plans' own words. */
  knowsStem(stem: string): boolean;
  /** Number of units holding a French stem in their own words. */
  frequency(stem: string): number;
}

/**
 * Reads a question in French or English into a QueryIntent: what selects (scope, plan, kind,
 * section) and what ranks (concepts). Typos are mended first, against every word the reader knows.
 */
export class QuestionReader {
  private readonly speller: Speller;
  private knownWords: Set<string> | null = null;

  constructor(private readonly sources: ReaderSources) {
    this.speller = new Speller(() => this.vocabulary());
  }

  read(input: string): QueryIntent {
    const question = input.length > MAX_QUESTION ? input.slice(0, MAX_QUESTION) : input;
    const whole = this.readClause(question);
    // A comparison already answers each side; one clause is the question itself.
    if (whole.compare) return whole;
    const clauses = splitClauses(question, this.sources.words.clauseStarters);
    // One clause is the question itself; a wall of questions is read as one, not answered in full.
    if (clauses.length < 2 || clauses.length > MAX_CLAUSES) return whole;
    const parts = completeParts(
      whole,
      clauses.map((clause) => this.readClause(clause)),
    );
    return parts.length > 1 ? { ...whole, parts } : whole;
  }

  private readClause(question: string): QueryIntent {
    const { words, library } = this.sources;
    const read = readQuotes(question);
    const rest = read.rest;
    // A quoted plan name ("the 'École de la confiance' one") names the plan, not a section.
    const quotes = read.quoted.map((quote) => ({ quote, plans: plansQuoted(quote, library) }));
    const quotedPlans = quotes.flatMap((q) => q.plans);
    const quoted = quotes.filter((q) => !q.plans.length).map((q) => q.quote);
    const tokens = tokenize(rest);
    const lang = detectLanguage(question);
    this.mendTypos(tokens, lang);
    const scene = sceneClauses(tokens, rest, words.firstPerson, (word) =>
      this.sources.dictionary.isVerb(word),
    );
    const scopes = readScopes(tokens, library, this.codeFollowers());
    const unknownPlaces = readUnknownPlaces(tokens, this.sources.places);
    const byName = readPlans(tokens, rest, library, words.planWords);
    const planIds = !quotedPlans.length
      ? byName
      : byName.some((id) => quotedPlans.includes(id))
        ? byName.filter((id) => quotedPlans.includes(id))
        : [...new Set(quotedPlans)];
    const sectionRefs = readSectionRefs(tokens);
    const levelNamed = takeForms(tokens, words.academieLevel).length > 0;
    const { kinds, count, kindWord } = readKinds(tokens, words);
    const academieLevel = takeAcademicItems(tokens, words) || levelNamed;
    const measureWords = takeForms(tokens, words.measure).length > 0;
    const types = takeForms(tokens, words.questionTypes).filter((type) => asks(tokens, type, words));
    const proseForms = takeForms(tokens, words.prose);
    const prose = proseForms.length > 0;
    const proseWord = proseForms[0]
      ? tokens
          .slice(proseForms[0].at, proseForms[0].at + proseForms[0].length)
          .map((token) => token.folded)
          .join(' ')
      : undefined;
    const compareWords = takeForms(tokens, words.compare).length > 0;
    const specific = takeForms(tokens, words.specific).length > 0;
    takeForms(tokens, words.fillers);
    let concepts = readConcepts(tokens, lang, this.sources, scene);
    if (types.some((t) => t.value === 'howmany')) markCounted(tokens, concepts, types);
    markAskedAttribute(tokens, concepts);
    // "Combien d'axes compte le projet ?": a count of the plan's own items, read from its tree;
    // the verb that joins them ("compte", "comporte", "contains") names no theme.
    if (kindWord && countsKind(tokens, types, kindWord)) {
      concepts = concepts.filter(
        (concept) => concept.group !== null || !this.sources.dictionary.isVerb(fold(concept.label)),
      );
    }
    const qtype: QuestionType =
      types.find((t) => t.value !== 'yesno' && t.value !== 'list')?.value ?? types[0]?.value ?? 'what';
    // "Qui est chargé de suivre sa mise en œuvre ?", "who chairs the monitoring committee?": a
    // person is asked, not an indicator.
    const measure = measureWords && qtype !== 'who';
    const named = scopes.length > 1 || planIds.length > 1;
    const compare = named && readsAsComparison(tokens, compareWords, (word) => words.isIgnorable(word));
    return {
      question,
      lang,
      scopes,
      academieLevel,
      unknownPlaces,
      planIds,
      kinds: !kinds.length && measure ? ['indicator'] : kinds,
      kindWord,
      measure,
      sectionRefs,
      quoted,
      count,
      ...(specific ? { specific } : {}),
      qtype,
      prose,
      ...(proseWord ? { proseWord } : {}),
      compare,
      concepts,
    };
  }

  /** Words after a département code that make it a count rather than a place ("15 actions"). */
  private codeFollowers(): Set<string> {
    const set = new Set<string>(['ans', 'heures', 'h', 'jours', 'years', 'hours', 'days', 'percent']);
    for (const form of this.sources.words.kinds)
      if (form.words.length === 1) set.add(form.words[0] as string);
    return set;
  }

  /**
   * Words no list, plan or lexicon knows: a short form of plan words ("éduc prio") is read as
   * them; a real word of the dictionary stays as it is (the plans simply do not use it); anything
   * else is a typo, read as the nearest known word.
   */
  private mendTypos(tokens: Token[], lang: Lang): void {
    for (const token of tokens) {
      const word = token.folded;
      if (word.length < 3 || /\d/u.test(word) || token.used) continue;
      if (this.sources.words.isIgnorable(word) || isRememberedWord(word) || this.sources.words.all.has(word))
        continue;
      // In the question's own language: "technos" is no French word, though English has it.
      if (this.sources.dictionary.isWord(word, lang)) continue;
      // A short form ("éduc", "prio") reads as the plans' most used word it starts: glossary
      // terms then match ("éduc prio" -> "éducation prioritaire").
      const expansions = this.expansionsOf(word);
      if (expansions.length) {
        token.expansions = expansions;
        continue;
      }
      if (this.vocabulary().has(word) || this.isKnown(word)) continue;
      if (word.length < 4) continue;
      const corrected = this.speller.correct(word);
      if (corrected && corrected !== word) {
        token.corrected = corrected;
        token.folded = corrected;
      }
    }
  }

  /** The plans' most used words that start with a short form (3 letters at least). */
  private expansionsOf(word: string): string[] {
    const candidates: [string, number][] = [];
    for (const known of rememberedWords()) {
      if (known.length <= word.length + 1 || !known.startsWith(word) || /[^a-z]/u.test(known)) continue;
      candidates.push([known, this.sources.frequency(stemToken(known))]);
    }
    return candidates
      .filter(([, frequency]) => frequency > 0)
      .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)
      .slice(0, MAX_EXPANSIONS)
      .map(([known]) => known);
  }

  private isKnown(word: string): boolean {
    if (this.sources.words.isIgnorable(word) || this.vocabulary().has(word)) return true;
    return this.sources.knowsStem(stemToken(word));
  }

  /** Every word the reader knows, built on the first word it does not. */
  private vocabulary(): Set<string> {
    if (!this.knownWords) {
      const { library, lexicon, words, places } = this.sources;
      const known = new Set<string>(rememberedWords());
      for (const word of words.all) known.add(word);
      for (const word of lexicon.englishWords()) known.add(word);
      for (const { form } of library.scopes.forms())
        for (const word of form.split(/[^a-z0-9]+/u)) known.add(word);
      for (const place of places) for (const word of place.words) known.add(word);
      for (const plan of library.plans)
        for (const alias of [plan.shortTitle, ...plan.aliases])
          for (const word of alias.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word) known.add(word);
      this.knownWords = known;
    }
    return this.knownWords;
  }
}
