/**
 * The words of the shipped plans, used to repair export defects without a dictionary:
 * a ligature-split or OCR-damaged word is mended only into a form the corpus itself uses.
 */
export interface Vocabulary {
  /** Lower-cased words (accents kept), including hyphenated compounds and their parts. */
  words: Set<string>;
  /** Words of the plans that were not OCR'd: the reference for accent repairs. */
  cleanWords: Set<string>;
}

const WORD = /\p{L}+(?:-\p{L}+)*/gu;
const LIGATURE_LEFT = /(?:ff|fi|fl)$/u;

/** Adds the words of one text. Fragments that follow a split ligature ("défi nir") are skipped. */
function addWords(into: Set<string>, text: string): void {
  let previous = '';
  let previousEnd = -1;
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    const start = match.index ?? 0;
    const gap = text.slice(previousEnd, start);
    const isLigatureTail = previousEnd >= 0 && LIGATURE_LEFT.test(previous) && /^ {1,2}$/u.test(gap);
    if (!isLigatureTail) {
      into.add(word);
      for (const part of word.split('-')) into.add(part);
    }
    previous = word;
    previousEnd = start + word.length;
  }
}

export function buildVocabulary(texts: { text: string; ocr: boolean }[]): Vocabulary {
  const words = new Set<string>();
  const cleanWords = new Set<string>();
  for (const { text, ocr } of texts) {
    // Halves of words hyphenated at a line end ("essen-" / "tiellement") are not words.
    const unbroken = text.replace(/\p{L}+-[ \t]*\r?\n\s*\p{L}+/gu, ' ');
    addWords(words, unbroken);
    if (!ocr) addWords(cleanWords, unbroken);
  }
  return { words, cleanWords };
}
