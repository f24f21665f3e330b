import { fold } from '../text/fold.ts';

/**
 * Numbers as staff type them in French or English: a decimal comma or point, thousands grouped by
 * spaces (word processors and French keyboards insert no-break and narrow no-break spaces), a sign.
 */

/** Minus sign and dashes that end up in front of numbers when text is pasted from a document. */
const MINUS = /^[\u2212\u2012\u2013\u2014]/u;
const PLAIN = /^\d+$/u;
/** One separator is always read as the decimal mark: "1,234" and "1.234" are both 1.234. */
const DECIMAL = /^(\d*)[.,](\d+)$/u;
/** Groups of three after a consistent separator, then an optional decimal part with the other mark. */
const GROUPED = /^(\d{1,3})((?:([ .,'’\u00a0\u202f\u2009])\d{3})(?:\3\d{3})*)(?:([.,])(\d+))?$/u;

/**
 * The number written in `text` (the whole text, trimmed), or null when it is not exactly one finite
 * number. Accepts "62,5", "62.5", "-3", "1 234" (also with no-break spaces), "12 345,5", "1.234,5",
 * "1,234.5", "1.234.567". Rejects exponents, hexadecimal, "NaN", "Infinity" and partial matches.
 */
export function parseNumber(text: string): number | null {
  let s = text.trim().replace(MINUS, '-');
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1;
    s = s.slice(1);
  }
  let digits: string | null = null;
  if (PLAIN.test(s)) digits = s;
  const decimal = digits === null ? DECIMAL.exec(s) : null;
  if (decimal) digits = `${decimal[1] || '0'}.${decimal[2]}`;
  const grouped = digits === null ? GROUPED.exec(s) : null;
  if (grouped) {
    const [, head, groups = '', groupMark = '', decimalMark, fraction] = grouped;
    // "1.234.5" or "1,234,5": the decimal mark cannot be the grouping mark.
    if (decimalMark === undefined || decimalMark !== groupMark) {
      digits = `${head}${groups.split(groupMark).join('')}${fraction ? `.${fraction}` : ''}`;
    }
  }
  if (digits === null) return null;
  const value = sign * Number(digits);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

/**
 * A percent marker right at the start of a folded text: "%", "pour cent", "pourcent", "percent",
 * "per cent", "pct". Word markers must end at a word boundary ("pour centaines" is not one).
 */
export const PERCENT_MARKER =
  /^[ \t\u00a0\u202f]*(?:%|(?:pour[\s-]*cents?|percent|per[\s-]*cent|pct)(?![\p{L}\p{N}]))/u;

/** Length of the percent marker at the start of folded `text` (spaces included), 0 when none. */
export function percentMarkerLength(text: string): number {
  return PERCENT_MARKER.exec(text)?.[0].length ?? 0;
}

/**
 * A number with an optional percent marker after it ("62,5 %", "71 pour cent", "38pct"), as typed
 * in a form field or a button reply. Null when the rest is not exactly one number.
 */
export function parseQuantity(text: string): { value: number; percent: boolean } | null {
  const folded = fold(text).trim();
  const match = /(?:%|pour[\s-]*cents?|percent|per[\s-]*cent|pct)$/u.exec(folded);
  const numberText = match ? folded.slice(0, match.index) : folded;
  if (match && /\p{L}$/u.test(numberText)) return null;
  const value = parseNumber(numberText);
  return value === null ? null : { value, percent: match !== null };
}

/**
 * Candidate number tokens in folded text, for scanning a message. Spaces join digits only before a
 * group of exactly three ("1 234"), so "groupe 3 62,5" stays two numbers. Validity is checked
 * afterwards with `parseNumber`, so "62,5,3" is found as one (bad) token rather than two numbers.
 */
export const NUMBER_TOKEN = /[-+\u2212]?\d+(?:[.,]\d+|[ \u00a0\u202f]\d{3}(?!\d))*/gu;
