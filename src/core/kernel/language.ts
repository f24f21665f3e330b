import { fold } from '../text/fold.ts';
import type { Lang } from './types.ts';

/** Common words of each language (data/query/words.json `language`), folded. */
export interface LanguageHints {
  en: Set<string>;
  fr: Set<string>;
}

let hints: LanguageHints = { en: new Set(), fr: new Set() };

/** Takes in the language hints of the word lists; done once at start-up by the context. */
export function useLanguageHints(next: LanguageHints): void {
  hints = next;
}

/** French unless the text reads clearly as English (more English hint words than French ones). */
export function detectLanguage(text: string): Lang {
  let en = 0;
  let fr = 0;
  for (const word of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    if (hints.en.has(word)) en++;
    if (hints.fr.has(word)) fr++;
  }
  if (/[éèêàùçœ]/u.test(text)) fr += 0.5;
  return en > fr ? 'en' : 'fr';
}
