import type { Vocabulary } from './vocabulary.ts';

// Single-edit confusions seen in OCR'd French: accents misread or dropped, "ç" read as "g", "œ" as
// "ce", "n" as "h" (« enseighants »), "ô" as "è" (« Diplème »).
const SUBSTITUTIONS: [string, string][] = [
  ['h', 'n'],
  ['è', 'ô'],
  ['é', 'ô'],
  ['ée', 'è'],
  ['eé', 'é'],
  ['é', 'è'],
  ['é', 'ê'],
  ['e', 'é'],
  ['e', 'è'],
  ['e', 'ê'],
  ['a', 'â'],
  ['a', 'à'],
  ['i', 'î'],
  ['o', 'ô'],
  ['u', 'û'],
  ['g', 'ç'],
  ['c', 'ç'],
  ['ce', 'œ'],
];

function candidates(word: string): Set<string> {
  const out = new Set<string>();
  for (const [from, to] of SUBSTITUTIONS) {
    let index = word.indexOf(from);
    while (index >= 0) {
      out.add(word.slice(0, index) + to + word.slice(index + from.length));
      index = word.indexOf(from, index + 1);
    }
  }
  return out;
}

function matchCase(original: string, replacement: string): string {
  return /^\p{Lu}/u.test(original) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}

/** A word unknown to the clean plans, mended when exactly one single-edit variant is known. */
function repairWord(word: string, vocabulary: Vocabulary): string {
  const lower = word.toLowerCase();
  if (lower.length < 3 || vocabulary.cleanWords.has(lower) || /^\p{Lu}{2,}$/u.test(word)) return word;
  // "lattractivité": an elided article glued to its noun.
  const glued = /^l([aeiouyhéèêàâîôû]\p{L}+)$/u.exec(lower);
  if (glued?.[1] && vocabulary.cleanWords.has(glued[1])) return matchCase(word, `l’${glued[1]}`);
  const known = [...candidates(lower)].filter((candidate) => vocabulary.cleanWords.has(candidate));
  if (known.length === 1 && known[0]) return matchCase(word, known[0]);
  // French spelling: "é" before a consonant and a mute final "e" is an "è" (carrière, siècle, hygiène).
  return word.replace(/é([bcdfglmnprstvz]{1,2})(es?|ent)$/u, 'è$1$2');
}

const SUBJECTS = new Set(['il', 'elle', 'on', 'qui', 'y', 'ce', 'cela', 'ça', 'tout']);
const PARTICIPLES = new Set(['été', 'eu', 'fait', 'pu', 'dû', 'vu', 'permis', 'mis', 'pris', 'su']);

/** "a" for "à": kept as the verb only after a subject or before a past participle. */
function repairPreposition(text: string): string {
  return text.replace(/(^|[^\p{L}'’])a(?= )/gu, (whole, before: string, offset: number, all: string) => {
    const previousWord = /(\p{L}+)\s*$/u.exec(all.slice(0, offset + before.length))?.[1]?.toLowerCase() ?? '';
    const nextWord = /^ +([\p{L}\d]+)/u.exec(all.slice(offset + whole.length))?.[1]?.toLowerCase() ?? '';
    if (SUBJECTS.has(previousWord) || PARTICIPLES.has(nextWord) || /\p{L}é$/u.test(nextWord)) return whole;
    return `${before}à`;
  });
}

/**
 * Repairs the OCR confusions of scanned plans: "I'" or a lone apostrophe for "l'", doubled
 * apostrophes, "[I'", "a" for "à", and misread accents checked against the clean plans' words.
 */
export function repairOcr(text: string, vocabulary: Vocabulary): string {
  const fixed = text
    // « 1°" degré », « 2¢ degrés »: the ordinals of the first and second degrees, misread.
    .replace(/\b1\s?°\s?["”]?(?=\s+(?:et|degr))/gu, '1er')
    .replace(/\b2\s?[¢°]\s?["”]?(?=\s+degr)/gu, '2d')
    .replace(/\[(?:Il|I|l)?(['’])/gu, 'l$1')
    .replace(/(['’])['’]+/gu, '$1')
    .replace(/(^|[^\p{L}])I(['’])(?=\p{L})/gu, '$1l$2')
    .replace(/(^|[\s«(])['’](?=[aeiouyhéèêàâîôûAEIOUYHÉÈÊÀÂÎÔÛ])/gu, '$1l’')
    .replace(/\p{L}+/gu, (word) => repairWord(word, vocabulary));
  return repairPreposition(fixed);
}
