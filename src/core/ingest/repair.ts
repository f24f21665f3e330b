import { isStopword } from '../text/stopwords.ts';
import type { Vocabulary } from './vocabulary.ts';

// Prefixes that keep their hyphen when a line break falls right after them ("inter-\ndegrés").
const HYPHEN_PREFIXES = new Set(
  'inter intra médico psycho auto micro péri co néo pluri multi anti non post pré sous semi socio extra franco bi demi mi vice ex infra supra ultra contre arrière avant après grand mini maxi hors sco'.split(
    ' ',
  ),
);

const lastWord = (line: string) => /(\p{L}+)-$/u.exec(line)?.[1]?.toLowerCase() ?? '';
const firstWord = (line: string) => /^(\p{L}+)/u.exec(line)?.[1] ?? '';
const stripElision = (word: string) => word.replace(/^\p{L}{1,2}['’]/u, '');

/**
 * Joins the physical lines of one unit into a single line, mending words hyphenated at line ends
 * ("accompagne-" + "ments") while keeping real compounds ("Clermont-" + "Ferrand", "inter-" + "degrés").
 */
export function joinLines(lines: string[], vocabulary: Vocabulary): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (text === '') {
      text = line;
      continue;
    }
    if (/\p{L}-$/u.test(text) && /^\p{L}/u.test(line)) {
      const left = stripElision(lastWord(text));
      const right = firstWord(line);
      const joined = `${left}${right}`.toLowerCase();
      const keepHyphen =
        /^\p{Lu}/u.test(right) ||
        (!vocabulary.words.has(joined) &&
          (vocabulary.words.has(`${left}-${right}`.toLowerCase()) ||
            HYPHEN_PREFIXES.has(left) ||
            (left.length >= 3 &&
              right.length >= 3 &&
              vocabulary.words.has(left) &&
              vocabulary.words.has(right.toLowerCase())) ||
            // "adjoints-" + "gestionnaires": a plural before the break is a whole word, not a syllable.
            (/[sx]$/u.test(left) &&
              left.length >= 5 &&
              right.length >= 5 &&
              vocabulary.words.has(right.toLowerCase()))));
      text = keepHyphen ? `${text}${line}` : `${text.slice(0, -1)}${line}`;
    } else {
      text = `${text} ${line}`;
    }
  }
  return text;
}

/** Removes Markdown emphasis, links and superscripts ("6^e", "2^{de}"). */
export function stripMarkdown(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\*\*([^*]+)\*\*/gu, '$1')
    .replace(/(^|\s)\*([^*\s][^*]*)\*(?=\s|$|[.,;:])/gu, '$1$2')
    .replace(/\*\*/gu, '')
    .replace(/\^\{([^}]*)\}/gu, '$1')
    .replace(/\^(\p{L}+)/gu, '$1');
}

/**
 * Guillemets exported as U+FFFD: each replacement character becomes an opening or closing guillemet,
 * alternating, with the side chosen from the spacing when it is unambiguous.
 */
export function repairGuillemets(text: string): string {
  if (!text.includes('\ufffd')) return text;
  let open = false;
  return text.replace(/\ufffd/gu, (_match, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? ' ';
    const after = whole[offset + 1] ?? ' ';
    let opening = !open;
    if (/\s/u.test(before) && /\S/u.test(after) && !/[.,;:!?)]/u.test(after)) opening = true;
    else if (/\S/u.test(before) && /\s|[.,;:!?)]|$/u.test(after)) opening = false;
    open = opening;
    return opening ? '«' : '»';
  });
}

/**
 * Ligatures the PDF export split into two words ("off re", "défi nir", "effi  cace"): the halves are
 * joined when the corpus knows the joined word, or when the tail is not a word on its own.
 */
export function repairLigatures(text: string, vocabulary: Vocabulary): string {
  return text.replace(
    /(\p{L}*(?:ff|fi|fl))( {1,2})(\p{Ll}+)/gu,
    (whole, left: string, _gap, right: string) => {
      const joined = `${left}${right}`;
      const lowerRight = right.toLowerCase();
      if (isStopword(lowerRight) && !vocabulary.words.has(joined.toLowerCase())) return whole;
      if (vocabulary.words.has(joined.toLowerCase())) return joined;
      if (lowerRight.length <= 2 || !vocabulary.words.has(lowerRight)) return joined;
      return whole;
    },
  );
}

export function collapseSpaces(text: string): string {
  return (
    text
      // "ĺ académie": an apostrophe read as an accent on the "l", composed or not.
      .replace(/(?:ĺ|l\u0301) ?(?=\p{L})/gu, 'l’')
      .replace(/[\u00a0\u202f\t ]+/gu, ' ')
      .replace(/ ([,.])(?=\s|$)/gu, '$1')
      .trim()
  );
}
