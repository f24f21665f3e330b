const PLAIN_ASCII = /^[\t\n\r\x20-\x5f\x61-\x7e]*$/;

/**
 * Accent-, case- and ligature-insensitive form of a text, used for matching and hashing.
 * "Élèves d’Œuvre" -> "eleves d'oeuvre".
 */
export function fold(text: string): string {
  // Plain ASCII (but for the backquote, folded to an apostrophe) only needs lower-casing: a shortcut
  // worth having since most words of the plans and questions are such.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[’‘`´]/g, "'");
}

/** Letters and digits only, folded: the identity of a text for hashing and containment checks. */
export function letterKey(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, '');
}

/** Folded text with every non-alphanumeric run turned into one space. */
export function looseKey(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'/;

/**
 * Word tokens of a text, lower-cased but with accents kept (the French stemmer needs them),
 * elisions removed ("l’école" -> "école").
 */
export function wordTokens(text: string): string[] {
  const out: string[] = [];
  const lower = text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
  for (const raw of lower.split(/[^\p{L}\p{N}'+]+/u)) {
    if (!raw) continue;
    for (const part of raw.split(/'+/)) {
      const token = part.replace(/^\++|\++$/g, '');
      if (token) out.push(token);
    }
  }
  return out;
}

/** Removes a French elision prefix from a single folded token ("l'ecole" -> "ecole"). */
export function stripElision(token: string): string {
  return token.replace(ELISION, '');
}

/** Levenshtein distance bounded by `max` (returns max + 1 when farther), for typo tolerance. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = curr[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (curr[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      curr[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prev, curr] = [curr, prev];
  }
  return prev[b.length] ?? max + 1;
}
