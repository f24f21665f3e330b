/**
 * The general dictionaries, as the question reader needs them: whether a word is a real French or
 * English word (then the plans simply do not use it: "court", "salaire", "uniforms" are no typos),
 * and whether it is a verb form (a verb of the asker's, "insiste", "drawn", says less of the theme
 * than a noun). Implemented at the edge over a prebuilt index (src/data/word-book.ts).
 */
export interface WordBook {
  isWord(word: string, lang?: 'fr' | 'en'): boolean;
  isVerb(word: string): boolean;
  /** Resolves once the index can be read (building it if a checkout lacks it). */
  ready(): Promise<void>;
}

/** A word book that knows no word: every unknown word is then read as a possible typo. */
export const NO_WORDS: WordBook = {
  isWord: () => false,
  isVerb: () => false,
  ready: async () => {},
};
