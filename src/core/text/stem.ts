import { createRequire } from 'node:module';
import { fold, wordTokens } from './fold.ts';
import { isStopword } from './stopwords.ts';

type Stemmer = { stem(word: string): string };
const require = createRequire(import.meta.url);
let french: Stemmer | null = null;
const cache = new Map<string, string>();
const MAX_CACHED = 50_000;
/** Stems computed earlier by stemToken (at ingest), by token. */
let known: Readonly<Record<string, string>> = {};

/**
 * The Snowball stemmer, loaded on first need: the package holds two dozen languages and takes
 * ~30 ms to load, and the stems of the plans' words are usually known already (see rememberStems).
 */
function frenchStemmer(): Stemmer {
  if (!french) {
    const snowball = require('snowball-stemmers') as { newStemmer(lang: string): Stemmer };
    french = snowball.newStemmer('french');
  }
  return french;
}

/** French Snowball stem of one lower-cased token, accents folded first (see below). */
export function stemToken(token: string): string {
  let stem = cache.get(token);
  if (stem === undefined && Object.hasOwn(known, token)) stem = known[token];
  if (stem === undefined) {
    // Folding after stemming can leave a final "e" where the stemmer kept an "é" ("lycée" -> "lyce"
    // but "lycées" -> "lyc"): dropping it makes both forms meet.
    // Stemmed folded, so that "inégalités" in a plan and "inegalites" in a question meet: the
    // algorithm gives accented and unaccented forms different stems ("inegal" / "inegalit").
    const folded = fold(token);
    stem = /^\d/.test(folded) ? folded : frenchStemmer().stem(folded);
    if (stem.length > 3) stem = stem.replace(/e+$/u, '');
    if (cache.size < MAX_CACHED) cache.set(token, stem);
  }
  return stem;
}

/** Stems of the content words of a text (stopwords dropped), in order. */
export function contentStems(text: string): string[] {
  return wordTokens(spellUnits(text))
    .filter((token) => !isStopword(token))
    .map(stemToken);
}

/**
 * « 2 h facultatives de soutien » answers « combien d'heures… »: an hour or minute symbol right
 * after a whole number (« 2 h », « 18h », « 1h30 ») is read as its word; a lone « h » is a stop
 * word otherwise. Not after a fraction or a decimal (« le 1/4h lecture » is no four hours).
 */
function spellUnits(text: string): string {
  return text.replace(
    /(?<![\d/,.])(\d+(?:[,.]\d+)?) ?(h|min)(\d*)(?![\p{L}])/gu,
    (_, count: string, symbol: string, rest: string) =>
      `${count} ${symbol === 'h' ? 'heures' : 'minutes'} ${rest}`,
  );
}

/**
 * The stem of every word of some texts, as written and folded (questions are read folded): what
 * ingest stores so that answering rarely needs the stemmer itself.
 */
export function stemsOfWords(texts: Iterable<string>): Map<string, string> {
  const stems = new Map<string, string>();
  for (const text of texts) {
    for (const token of wordTokens(text)) {
      if (!stems.has(token)) stems.set(token, stemToken(token));
      const folded = fold(token);
      if (!stems.has(folded)) stems.set(folded, stemToken(folded));
    }
  }
  return stems;
}

/**
 * Takes in stems computed earlier by stemToken (stored at ingest), sparing the stemmer. The record
 * is consulted as it is: copying its thousands of entries would cost more than the few lookups a
 * question makes.
 */
export function rememberStems(stems: Readonly<Record<string, string>>): void {
  known = stems;
}

/** The words whose stems were taken in by rememberStems: the plans' and the glossary's words. */
export function rememberedWords(): string[] {
  return Object.keys(known);
}

/** Whether a word (as written or folded) is one of the plans' or the glossary's own words. */
export function isRememberedWord(word: string): boolean {
  return Object.hasOwn(known, word);
}

let english: Stemmer | null = null;
const englishCache = new Map<string, string>();

/** English Snowball stem of a folded word (the lexicon's English side and English questions). */
export function englishStem(word: string): string {
  let stem = englishCache.get(word);
  if (stem === undefined) {
    if (!english) {
      const snowball = require('snowball-stemmers') as { newStemmer(lang: string): Stemmer };
      english = snowball.newStemmer('english');
    }
    stem = /^\d/u.test(word) ? word : english.stem(word);
    if (englishCache.size < MAX_CACHED) englishCache.set(word, stem);
  }
  return stem;
}
