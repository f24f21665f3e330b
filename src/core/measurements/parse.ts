import { detectLanguage } from '../kernel/language.ts';
import type { ScopeRegistry } from '../plans/scopes.ts';
import { fold } from '../text/fold.ts';
import {
  findQuote,
  readsAsQuestion,
  takeComments,
  takeIndicatorId,
  takeMention,
  takeScope,
  takeVerb,
} from './parse-pieces.ts';
import { takeSpelledValue } from './parse-spelled.ts';
import { MessageText, onlySeparators } from './parse-text.ts';
import { chooseValue, findNumberCandidates, type NumberCandidate, takePeriod } from './parse-value.ts';

/** The pieces of an indicator measurement read from a chat message, before any lookup. */
export interface ParsedMeasurement {
  /** 'structured' for the command form "saisir <indicateur> <périmètre> <période> <valeur> [commentaire]" / "record …"; 'free' otherwise. */
  form: 'structured' | 'free';
  lang: 'fr' | 'en';
  /** Scope key from the ScopeRegistry ("cantal", "clermont-ferrand"). */
  scope?: string;
  /** The scope as typed. */
  scopeText?: string;
  /** Normalised period (see periods.ts). */
  period?: string;
  /** The numeric value when one was found. */
  value?: number;
  /** The value as typed ("62,5 %"). */
  valueText?: string;
  /** A percent marker was attached to the value. */
  percent?: boolean;
  /** Candidate text value for qualitative indicators: the text after ':' or between quotes. */
  textValue?: string;
  /** The words left to describe the indicator, scaffolding removed. */
  indicatorText: string;
  /** An indicator id named in the message ("cf-casf-2025:i0ab56d1" or "i0ab56d1"). */
  indicatorId?: string;
  /** "commentaire : …", "// …", "(source : …)", or what follows the value in the command form. */
  comment?: string;
  problems: { code: 'bad_number' | 'ambiguous_value' | 'bad_period'; text: string }[];
}

/** A message read as a measurement to record: its pieces, parsed once for the whole entry flow. */
export type MeasurementReading = ParsedMeasurement;

/**
 * The message as a measurement to record, or null when it reads as something else (a question).
 * It does when it opens with a command verb ("saisir", "enregistrer", "record"…), or when it is a
 * statement carrying a number (or a quoted text) plus a scope or a period. A verb followed by a
 * question with no value is a question about recording ("saisir une valeur ?"). A question without
 * a verb is let go as soon as it reads as one, before its numbers and periods are looked for.
 */
export function readMeasurement(text: string, scopes: ScopeRegistry): MeasurementReading | null {
  const analysis = analyse(text, scopes, { letQuestionsGo: true });
  return analysis && readsAsMeasurement(analysis) ? analysis.parsed : null;
}

/** True when readMeasurement would read the message as a measurement. */
export function looksLikeMeasurement(text: string, scopes: ScopeRegistry): boolean {
  return readMeasurement(text, scopes) !== null;
}

/** Reads the pieces of a measurement from a chat message, French or English. Never throws. */
export function parseMeasurement(text: string, scopes: ScopeRegistry): ParsedMeasurement {
  return analyse(text, scopes).parsed;
}

interface Analysis {
  parsed: ParsedMeasurement;
  verb: boolean;
  question: boolean;
  quoted: boolean;
}

function readsAsMeasurement({ parsed, verb, question, quoted }: Analysis): boolean {
  // A value in words ("soixante-deux pour cent") counts: the draft then asks for it in digits.
  const hasNumber =
    parsed.value !== undefined ||
    parsed.valueText !== undefined ||
    parsed.problems.some((p) => p.code !== 'bad_period');
  if (verb) return !question || hasNumber || quoted;
  if (question || (!parsed.scope && !parsed.period)) return false;
  return hasNumber || quoted;
}

interface AnalyseOptions {
  allowWeak?: boolean;
  letQuestionsGo?: boolean;
}

/**
 * Reads the message once, piece by piece. `letQuestionsGo`: null for a question without a command
 * verb, which readsAsMeasurement refuses whatever else it holds.
 */
function analyse(
  text: string,
  scopes: ScopeRegistry,
  options?: AnalyseOptions & { letQuestionsGo?: false },
): Analysis;
function analyse(text: string, scopes: ScopeRegistry, options: AnalyseOptions): Analysis | null;
function analyse(text: string, scopes: ScopeRegistry, options: AnalyseOptions = {}): Analysis | null {
  const msg = new MessageText(text);
  const problems: ParsedMeasurement['problems'] = [];
  const mentionEnd = takeMention(msg);
  const verb = takeVerb(msg, options.allowWeak ?? true);
  const bodyStart = verb?.end ?? mentionEnd;
  const comments = takeComments(msg, bodyStart);
  const quote = findQuote(msg);
  const question = readsAsQuestion(msg, verb !== undefined);
  if (options.letQuestionsGo && question && !verb) return null;
  const id = takeIndicatorId(msg);
  const scope = takeScope(msg, scopes);
  const period = takePeriod(msg, problems);
  const protect = quote ? [...period.protect, quote] : period.protect;
  const candidates = findNumberCandidates(msg, protect);
  const anchors = [scope, period.piece].filter((p): p is NonNullable<typeof p> => p !== undefined);

  // The command form: verb, indicator, scope, period, then the value right after; what follows is
  // a comment. Anchors out of order mean a free sentence ("record 38 % reading for Haute-Loire").
  let form: ParsedMeasurement['form'] = 'free';
  let chosen: NumberCandidate | undefined;
  let ambiguous: NumberCandidate[] | undefined;
  let textValue = quote?.text;
  const last = Math.max(0, ...anchors.map((a) => a.end));
  const first = Math.min(msg.folded.length, ...anchors.map((a) => a.start));
  const ordered = !scope || !period.piece || scope.start < period.piece.start;
  const named = (id !== undefined && id.start < first) || hasLetters(msg.freeParts(bodyStart, first));
  if (verb && anchors.length > 0 && ordered && named) {
    const next = candidates.find((c) => c.start >= last);
    const residual = msg.residual();
    if (next && onlySeparators(residual.slice(last, next.start))) {
      form = 'structured';
      chosen = next;
      const tail = msg.freeParts(next.end);
      if (hasLetters(tail) && !/^[\s,;:.\-–—]*(?:d'|(?:de|des|du|of)(?!\p{L}))/u.test(fold(tail.join(' ')))) {
        comments.push(tidy(tail.join(' ')));
        msg.consume(next.end, residual.length);
      }
    } else if (candidates.length === 0 && hasLetters(msg.freeParts(last))) {
      form = 'structured';
      textValue ??= tidy(msg.freeParts(last).join(' '));
      msg.consume(last, residual.length);
    }
  }
  if (form === 'free') ({ chosen, ambiguous } = chooseValue(msg, candidates, anchors, bodyStart));
  const spelled = !chosen && !ambiguous && candidates.length === 0 ? takeSpelledValue(msg) : undefined;

  // Text after the first free ':' is a text-value candidate, read before the number is taken out
  // so that "CEC : trois réunions, 12 participants" keeps its number.
  const colon = msg.residual().indexOf(':', bodyStart);
  if (colon >= 0 && textValue === undefined) {
    const after = tidy(msg.freeParts(colon + 1).join(' '));
    if (/\p{L}/u.test(after)) textValue = after;
  }
  if (verb?.weak && candidates.length === 0 && textValue === undefined)
    return analyse(text, scopes, { ...options, allowWeak: false });
  if (chosen) {
    msg.consume(chosen.start, chosen.end);
    if (chosen.value === null)
      problems.push({ code: 'bad_number', text: msg.slice(chosen.start, chosen.end).trim() });
  }
  if (ambiguous) {
    problems.push({
      code: 'ambiguous_value',
      text: ambiguous.map((c) => msg.slice(c.start, c.end).trim()).join(' / '),
    });
  }
  if (!chosen && !ambiguous && textValue !== undefined) {
    // A text value: the indicator is named before the ':' or the quote when anything is left there.
    const valueStart = quote && textValue === quote.text ? quote.start : colon;
    if (valueStart >= 0 && hasLetters(msg.freeParts(bodyStart, valueStart))) {
      msg.consume(valueStart, quote && valueStart === quote.start ? quote.end : msg.folded.length);
    }
  }

  const parsed: ParsedMeasurement = {
    form,
    lang: verb?.lang ?? detectLanguage(text),
    indicatorText: indicatorWords(msg.freeParts(bodyStart)),
    problems,
  };
  if (scope) Object.assign(parsed, { scope: scope.scope.key, scopeText: scope.text });
  if (period.period) parsed.period = period.period;
  if (chosen) {
    if (chosen.value !== null) parsed.value = chosen.value;
    parsed.valueText = msg.slice(chosen.start, chosen.end).trim();
    parsed.percent = chosen.percent;
  } else if (spelled) {
    parsed.valueText = spelled.text;
    parsed.percent = spelled.percent;
  }
  if (textValue) parsed.textValue = textValue;
  if (id) parsed.indicatorId = id.id;
  if (comments.length > 0) parsed.comment = comments.join(' ; ');
  return { parsed, verb: verb !== undefined, question, quoted: quote !== undefined };
}

function hasLetters(parts: string[]): boolean {
  return parts.some((p) => /\p{L}/u.test(p));
}

/** Trims separators a piece was cut with: "  : trois réunions ." -> "trois réunions". */
function tidy(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/^[\s,;:.\-–—]+|[\s,;:\-–—]+$/gu, '')
    .trim();
}

/** Little words that only glue the indicator's words to the rest of the sentence. */
const FILLERS = new Set(
  "de des du d' le la les l' en pour dans au aux a sur et ou avec par for in of the at on to with by and or an valeur valeurs value values %".split(
    ' ',
  ),
);

/** The words describing the indicator: punctuation and the glue at both ends removed. */
function indicatorWords(parts: string[]): string {
  const words = parts
    .join(' ')
    .replace(/[«»“”„"()[\]{}:;,!?…=]/gu, ' ')
    .split(/\s+/u)
    .map((w) => w.replace(/^[.\-–—/]+|[.\-–—/]+$/gu, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  const isFiller = (w: string | undefined) => w !== undefined && FILLERS.has(fold(w));
  while (isFiller(words[0])) words.shift();
  if (words[0]) words[0] = words[0].replace(/^(?:d|l|qu)['’](?=\p{L})/iu, '');
  while (isFiller(words.at(-1))) words.pop();
  return words.join(' ');
}
