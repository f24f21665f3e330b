import { fold } from '../text/fold.ts';

/**
 * Periods a measurement is recorded for, normalised to one of three shapes: a school year
 * "2025-2026", a calendar year "2026" or a date "2026-06-30".
 */

export type PeriodKind = 'school-year' | 'year' | 'date';

/** A piece of folded text that reads as a period, usable or not. */
export interface PeriodMatch {
  start: number;
  end: number;
  /**
   * `span`: years that are not consecutive ("2023-2027"), which name a plan, not a period.
   * `invalid`: a date that does not exist ("31/02/2026"). `imprecise`: a month without a day.
   */
  kind: PeriodKind | 'span' | 'invalid' | 'imprecise';
  /** The normalised period; null unless kind is a PeriodKind. */
  period: string | null;
  /** A bare year with no word saying it is one: it may turn out to be a count ("2030 professeurs"). */
  weak: boolean;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

// biome-ignore format: one line per month reads better than one line per spelling
const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1, january: 1,
  fevrier: 2, fevr: 2, fev: 2, february: 2, feb: 2,
  mars: 3, march: 3, mar: 3,
  avril: 4, avr: 4, april: 4, apr: 4,
  mai: 5, may: 5,
  juin: 6, june: 6, jun: 6,
  juillet: 7, juil: 7, july: 7, jul: 7,
  aout: 8, august: 8, aug: 8,
  septembre: 9, sept: 9, sep: 9, september: 9,
  octobre: 10, oct: 10, october: 10,
  novembre: 11, nov: 11, november: 11,
  decembre: 12, dec: 12, december: 12,
};
const byLength = (a: string, b: string) => b.length - a.length;
const ANY_MONTH = Object.keys(MONTHS).sort(byLength).join('|');
// Only full names for a month with no day: "sept 2026" may well be "7 2026" in French.
const FULL_MONTH = Object.keys(MONTHS)
  .filter((m) => m.length > 4 || ['mars', 'mai', 'may', 'juin', 'june', 'july', 'aout'].includes(m))
  .sort(byLength)
  .join('|');

const BEFORE = String.raw`(?<![\p{L}\p{N}.,])`;
const AFTER = String.raw`(?![\p{L}\p{N}]|[.,/-]\d)`;
const DASH = String.raw`[-/\u2010-\u2015]`;
const YEAR_LABEL = String.raw`(?:(?:l')?annee\s+scolaire\s+|school\s+year\s+|academic\s+year\s+)?`;

type Reader = (m: RegExpExecArray) => Omit<PeriodMatch, 'start' | 'end'> | null;

const READERS: [RegExp, Reader][] = [
  [/(\d{4})-(\d{1,2})-(\d{1,2})/, (m) => dateMatch(m[1], m[2], m[3])],
  [/(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})/, (m) => numericDate(m[1], m[3], m[4])],
  [
    new RegExp(String.raw`(\d{1,2})(?:er|st|nd|rd|th)?\s+(${ANY_MONTH})\.?,?\s+(\d{4})`),
    (m) => dateMatch(m[3], String(MONTHS[m[2] ?? '']), m[1]),
  ],
  [
    new RegExp(String.raw`(${ANY_MONTH})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`),
    (m) => dateMatch(m[3], String(MONTHS[m[1] ?? '']), m[2]),
  ],
  [
    new RegExp(String.raw`(?:(?:fin|debut|mi|end\s+of|early|late)[\s-]+)?(?:${FULL_MONTH})\s+(\d{4})`),
    () => ({ kind: 'imprecise', period: null, weak: false }),
  ],
  [
    new RegExp(String.raw`${YEAR_LABEL}(\d{4})\s*${DASH}\s*(\d{4}|\d{2})`),
    (m) => yearPair(m[1], m[2], false),
  ],
  [/(\d{2})[-/](\d{2})/, (m) => yearPair(m[1], m[2], true)],
  [/rentree\s+(?:scolaire\s+)?(?:de\s+)?(\d{4})/, (m) => yearPair(m[1], String(Number(m[1]) + 1), false)],
  [
    /(?:(annee|year|en|in|pour|for|exercice|campagne|session)\s+)?(\d{4})/,
    (m) => (inRange(Number(m[2])) ? { kind: 'year', period: m[2] ?? '', weak: !m[1] } : null),
  ],
];
const PATTERNS = READERS.map(
  ([re, read]) => [new RegExp(`${BEFORE}(?:${re.source})${AFTER}`, 'gu'), read] as const,
);

/**
 * Every piece of folded `text` that reads as a period, in text order, without overlaps. Earlier
 * patterns win, so "2026-06-30" is a date before "2026" can be a year.
 */
export function findPeriods(text: string): PeriodMatch[] {
  const found: PeriodMatch[] = [];
  for (const [re, read] of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      const reading = read(m);
      if (reading) found.push({ start, end, ...reading });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Words that may surround a period without changing it: "en 2026", "pour l'année scolaire …". */
const PERIOD_WORDS =
  /^(?:(?:en|pour|au|a|le|la|l'|du|de|d'|in|for|as\s+of|on|at|of|the|annee|scolaire|school|year|periode|period|date)\s*)*$/u;

/**
 * The normalised period named by `text` alone, or null. "2025/26", "année scolaire 2025-2026",
 * "rentrée 2025" -> "2025-2026"; "2026" -> "2026"; "30 juin 2026", "June 30, 2026", "30/06/2026" ->
 * "2026-06-30". Spans of non-consecutive years ("2023-2027") and impossible dates are null.
 */
export function normalisePeriod(text: string): string | null {
  const folded = fold(text)
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[.;:!]+$/u, '');
  const matches = findPeriods(folded);
  const [only] = matches;
  if (!only || matches.length > 1) return null;
  const rest = `${folded.slice(0, only.start)} ${folded.slice(only.end)}`.replace(/[,\s]+/gu, ' ').trim();
  return PERIOD_WORDS.test(rest) ? only.period : null;
}

/**
 * The school year (1 September – 31 August) a date "YYYY-MM-DD" falls in: "2026-06-30" ->
 * "2025-2026", "2026-09-01" -> "2026-2027". Throws a RangeError when `date` is not a real date:
 * callers pass normalised periods, so anything else is a bug.
 */
export function schoolYearOf(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!m || dateMatch(m[1], m[2], m[3]).kind !== 'date') throw new RangeError(`not a date: ${date}`);
  const year = Number(m[1]);
  const start = Number(m[2]) >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

function inRange(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function dateMatch(y = '', m = '', d = ''): Omit<PeriodMatch, 'start' | 'end'> {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!inRange(year) || month < 1 || month > 12 || day < 1 || day > days) {
    return { kind: 'invalid', period: null, weak: false };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { kind: 'date', period: `${year}-${pad(month)}-${pad(day)}`, weak: false };
}

/** Day first as in France; month first only when the day-first reading is impossible (06/30/2026). */
function numericDate(first = '', second = '', y = ''): Omit<PeriodMatch, 'start' | 'end'> {
  const year = y.length === 2 ? String(2000 + Number(y)) : y;
  const dayFirst = dateMatch(year, second, first);
  if (dayFirst.kind === 'date' || Number(first) > 12) return dayFirst;
  const monthFirst = dateMatch(year, first, second);
  return monthFirst.kind === 'date' ? monthFirst : dayFirst;
}

function yearPair(a = '', b = '', short: boolean): Omit<PeriodMatch, 'start' | 'end'> | null {
  const century = (n: number) => (n >= 90 ? 1900 + n : 2000 + n);
  const first = short ? century(Number(a)) : Number(a);
  const second =
    b.length === 2
      ? Math.floor(first / 100) * 100 + Number(b) + (Number(b) < first % 100 ? 100 : 0)
      : Number(b);
  if (second === first + 1 && inRange(first) && inRange(second)) {
    return { kind: 'school-year', period: `${first}-${second}`, weak: false };
  }
  // "12-15" between two-digit numbers is a range of counts, not a period at all.
  if (short) return null;
  return { kind: 'span', period: null, weak: false };
}
