import { createRequire } from 'node:module';
import { fold, wordTokens } from './fold.ts';
import { isStopword } from './stopwords.ts';

type Stemmer = { stem(word: string): string };
const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as { newStemmer(lang: string): Stemmer };
const french = snowball.newStemmer('french');
const cache = new Map<string, string>();

/**
 * French Snowball stem of one lower-cased token, then folded. Stemming happens before accent
 * folding because the French algorithm reads accents ("élèves" -> "élev" -> "elev").
 */
export function stemToken(token: string): string {
  let stem = cache.get(token);
  if (stem === undefined) {
    // Folding after stemming can leave a final "e" where the stemmer kept an "é" ("lycée" -> "lyce"
    // but "lycées" -> "lyc"): dropping it makes both forms meet.
    stem = fold(/^\d/.test(token) ? token : french.stem(token));
    if (stem.length > 3) stem = stem.replace(/e+$/u, '');
    if (cache.size < 50_000) cache.set(token, stem);
  }
  return stem;
}

/** Stems of the content words of a text (stopwords dropped), in order. */
export function contentStems(text: string): string[] {
  return wordTokens(text)
    .filter((token) => !isStopword(token))
    .map(stemToken);
}
