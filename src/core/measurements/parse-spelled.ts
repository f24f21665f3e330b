import type { MessageText } from './parse-text.ts';

const WORDS =
  'zero|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|et|demie?|virgule|' +
  'one|two|three|four|five|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|and|half|point';
const PHRASE = `(?:${WORDS})(?:[\\s-]+(?:${WORDS}))*`;
/** "soixante-deux pour cent", "sixty two percent": a value in words, marked as a percentage. */
const PERCENT = new RegExp(
  `(?<![\\p{L}\\p{N}])(${PHRASE})\\s*(?:pour\\s?cent|pourcents?|%|percent|per\\s?cent)(?![\\p{L}])`,
  'u',
);
/** ": quatorze constellations": a value in words where the value goes. */
const AFTER_COLON = new RegExp(`:\\s*(${PHRASE})(?![\\p{L}\\p{N}])`, 'u');
/** Words that alone are an article or a conjunction, not a number. */
const NOT_ALONE = /^(?:un|une|et|one|and)$/u;

/**
 * A value written in words. Boussole does not read number words (a typo there would record a wrong
 * figure without anyone noticing); it recognises them so the message is taken as a measurement
 * whose value must be given in digits, instead of being answered as a question.
 */
export function takeSpelledValue(msg: MessageText): { text: string; percent: boolean } | undefined {
  const residual = msg.residual();
  const percent = PERCENT.exec(residual);
  const colon = percent ? undefined : AFTER_COLON.exec(residual);
  const found = percent ?? colon;
  const phrase = found?.[1];
  if (!found || !phrase || (!percent && NOT_ALONE.test(phrase.trim()))) return undefined;
  const start = found.index + found[0].indexOf(phrase);
  const end = percent ? found.index + found[0].length : start + phrase.length;
  const text = msg.slice(start, end).trim();
  msg.consume(start, end);
  return { text, percent: Boolean(percent) };
}
