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

let verbForms: Set<string> | null = null;

/**
 * Whether a word is a form of a verb: any conjugated form of a French verb (french-verbs-lefff), or
 * an English irregular verb's forms (english-verbs-irregular) and -ing / -ed forms. A verb the plans
 * never use ("insiste", "commence", "drawn") says less of the theme than a noun they never use
 * ("salaire", "uniforms").
 */
export function isVerbForm(word: string): boolean {
  if (!verbForms) {
    const require = createRequire(import.meta.url);
    const set = new Set<string>();
    const french = require('french-verbs-lefff/dist/conjugations.json') as Record<string, Record<string, string[]>>;
    for (const [infinitive, tenses] of Object.entries(french)) {
      set.add(fold(infinitive));
      for (const forms of Object.values(tenses)) for (const form of forms) if (typeof form === 'string' && form !== 'NA') set.add(fold(form));
    }
    const english = require('english-verbs-irregular/dist/verbs.json') as Record<string, string[][]>;
    for (const [base, pairs] of Object.entries(english)) {
      set.add(base);
      for (const pair of pairs) for (const form of pair) set.add(form);
    }
    verbForms = set;
  }
  return verbForms.has(word) || (/(?:ing|ed)$/u.test(word) && isDictionaryWord(word, 'en'));
}
