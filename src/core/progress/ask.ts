import { findPeriods } from '../measurements/periods.ts';
import { tokenize } from '../query/reader/tokens.ts';
import { fold } from '../text/fold.ts';
import { PROGRESS_MODES, type ProgressForm, type ProgressMode, type ProgressWords } from './words.ts';

/** What makes a message a progress question, read before the plans are searched. */
export interface ProgressAsk {
  mode: ProgressMode;
  /** Folded words of the progress phrases and periods: they name no theme of the plans. */
  words: Set<string>;
  /** Periods named, normalised ("2025-2026", "2026", "2026-06-30"), in the question's order. */
  periods: string[];
  /** Something written as a period that is none ("2025-2027", "31/02/2026", "juin 2026"). */
  badPeriod?: string;
}

/** Most words a `*` of a phrase stands for. */
const MAX_GAP = 3;

/**
 * Reads a progress question: a phrase of data/query/progress.json, and the periods named. A
 * follow-up ("et dans l'Allier ?") that has no phrase of its own keeps the previous question's
 * mode, with its own periods if it names any. `planPeriods` ("2023-2027") name plans, not periods.
 */
export function readProgressAsk(
  text: string,
  words: ProgressWords,
  planPeriods: readonly string[],
  previous?: string,
): ProgressAsk | undefined {
  const own = findPhrases(text, words.forms);
  const before = own ? undefined : previous ? findPhrases(previous, words.forms) : undefined;
  const found = own ?? before;
  if (!found) return undefined;
  const periods = readPeriods(text, planPeriods);
  const carried =
    before && previous && !periods.periods.length ? readPeriods(previous, planPeriods) : periods;
  const all = new Set([...found.words, ...periods.words, ...carried.words]);
  return {
    mode: found.mode,
    words: all,
    periods: carried.periods,
    ...(periods.bad ? { badPeriod: periods.bad } : {}),
  };
}

function findPhrases(
  text: string,
  forms: ProgressForm[],
): { mode: ProgressMode; words: string[] } | undefined {
  const tokens = tokenize(text).map((token) => token.folded);
  const found: { mode: ProgressMode; words: string[] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const form of forms) {
      const length = matchLength(tokens, i, form.words);
      if (length <= 0) continue;
      // The words a `*` stood for are the question's ("how is Cantal doing"): only the phrase's own.
      found.push({ mode: form.mode, words: form.words.filter((word) => word !== '*') });
      i += length - 1;
      break;
    }
  }
  if (!found.length) return undefined;
  const rank = (mode: ProgressMode) => PROGRESS_MODES.indexOf(mode);
  const mode = found.map((f) => f.mode).sort((a, b) => rank(a) - rank(b))[0] as ProgressMode;
  return { mode, words: found.flatMap((f) => f.words) };
}

/** How many tokens `words` cover from `at`, or -1; a `*` takes one to MAX_GAP tokens. */
function matchLength(tokens: string[], at: number, words: string[], k = 0): number {
  if (k === words.length) return 0;
  if (words[k] === '*') {
    for (let gap = 1; gap <= MAX_GAP && at + gap < tokens.length; gap++) {
      const rest = matchLength(tokens, at + gap, words, k + 1);
      if (rest >= 0) return gap + rest;
    }
    return -1;
  }
  if (tokens[at] !== words[k]) return -1;
  const rest = matchLength(tokens, at + 1, words, k + 1);
  return rest < 0 ? -1 : 1 + rest;
}

function readPeriods(
  text: string,
  planPeriods: readonly string[],
): { periods: string[]; words: string[]; bad?: string } {
  const folded = fold(text);
  const periods: string[] = [];
  const words: string[] = [];
  let bad: string | undefined;
  for (const match of findPeriods(folded)) {
    const written = folded.slice(match.start, match.end);
    const span = /(\d{4})\s*\D+\s*(\d{4})/u.exec(written);
    if (match.kind === 'span' && span && planPeriods.includes(`${span[1]}-${span[2]}`)) continue;
    words.push(...written.split(/[^\p{L}\p{N}]+/u).filter((word) => /\d/u.test(word)));
    if (match.period) {
      if (!periods.includes(match.period)) periods.push(match.period);
    } else bad ??= written.trim();
  }
  return { periods, words, ...(bad ? { bad } : {}) };
}
