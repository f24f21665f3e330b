import { createRequire } from 'node:module';
import { fold } from '../../text/fold.ts';

type Language = 'fr' | 'en';
const lists: Record<Language, string> = { fr: 'an-array-of-french-words', en: 'an-array-of-english-words' };
const loaded: Partial<Record<Language, Set<string>>> = {};

function words(lang: Language): Set<string> {
  let set = loaded[lang];
  if (!set) {
    const require = createRequire(import.meta.url);
    set = new Set<string>();
    for (const entry of require(lists[lang]) as string[]) set.add(fold(entry));
    loaded[lang] = set;
  }
  return set;
}

/**
 * Whether a word is a real French or English word (an-array-of-french-words and
 * an-array-of-english-words, folded). A word the plans do not use but the dictionary knows
 * ("court", "salaire", "uniforms") is the asker's own word, not a typo to mend into a plan word.
 * Each list is loaded on the first such word: most questions never need them.
 */
export function isDictionaryWord(word: string, lang?: Language): boolean {
  if (lang) return words(lang).has(word);
  return words('fr').has(word) || words('en').has(word);
}
