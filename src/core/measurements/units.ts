import { messages } from '../kernel/messages/index.ts';
import * as z from '../kernel/schema.ts';
import type { Lang } from '../kernel/types.ts';
import { fold } from '../text/fold.ts';
import type { MeasureUnit } from './types.ts';

const phrases = z.array(z.string().check(z.minLength(1)));
const unitWordsSchema = z.object({ strip: phrases, percent: phrases, count: phrases, number: phrases });

/** The openings of data/measurements/units.json, folded: how an indicator's wording says its unit. */
export type IndicatorUnitWords = z.infer<typeof unitWordsSchema>;

/** Checks the content of data/measurements/units.json (`file` names it in the error). */
export function readIndicatorUnitWords(raw: unknown, file: string): IndicatorUnitWords {
  const parsed = unitWordsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} : ${parsed.error.issues[0]?.message ?? 'format invalide'}`);
  const folded = (list: string[]) => list.map((phrase) => fold(phrase).trim());
  const { strip, percent, count, number } = parsed.data;
  return { strip: folded(strip), percent: folded(percent), count: folded(count), number: folded(number) };
}

/** The phrase of `list` the text opens with, as whole words ("taux " but not "tauxx"). */
function opensWith(text: string, list: string[]): string | undefined {
  return list.find((phrase) => text.startsWith(phrase) && !/[\p{L}\p{N}]/u.test(text.charAt(phrase.length)));
}

/**
 * How an indicator is measured, read from its wording: "% d'élèves…" is a percentage, "Nombre
 * de…" a count, "Résultats…" a figure; the rest ("Le suivi de…", "Éléments qualitatifs…") is
 * observed and described in words.
 */
export function unitOfIndicator(text: string, words: IndicatorUnitWords): MeasureUnit {
  let folded = fold(text).trim();
  const moves = opensWith(folded, words.strip);
  if (moves) folded = folded.slice(moves.length).trim();
  if (opensWith(folded, words.percent)) return 'percent';
  if (opensWith(folded, words.count)) return 'count';
  if (opensWith(folded, words.number)) return 'number';
  return 'text';
}

export type ValueProblem =
  | { code: 'percent_range'; value: number }
  | { code: 'count_integer'; value: number }
  | { code: 'count_negative'; value: number }
  | { code: 'not_a_percent'; value: number }
  | { code: 'missing_text' }
  | { code: 'text_too_long'; length: number }
  | { code: 'too_large'; value: number; max: number; unit: 'count' | 'number' }
  | { code: 'not_finite' };

export const MAX_TEXT_VALUE = 2000;

/**
 * Plausibility bounds (absolute values) beyond the unit's own range: no count an académie reports
 * reaches ten million (France has about twelve million pupils), and no score, rate or barometer a
 * billion. A value past them is a typo (extra zeros, a pasted identifier), refused with the reason.
 */
export const VALUE_BOUNDS = { count: 10_000_000, number: 1_000_000_000 } as const;

/** Checks a value against its indicator's unit; undefined when it is acceptable. */
export function checkValue(
  unit: MeasureUnit,
  value: number | string | undefined,
  percentMarker = false,
): ValueProblem | undefined {
  if (unit === 'text') {
    if (typeof value !== 'string' || !value.trim()) return { code: 'missing_text' };
    if (value.length > MAX_TEXT_VALUE) return { code: 'text_too_long', length: value.length };
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'not_finite' };
  if (unit === 'percent' && (value < 0 || value > 100)) return { code: 'percent_range', value };
  if (unit === 'count') {
    if (percentMarker) return { code: 'not_a_percent', value };
    if (value < 0) return { code: 'count_negative', value };
    if (!Number.isInteger(value)) return { code: 'count_integer', value };
  }
  if ((unit === 'count' || unit === 'number') && Math.abs(value) > VALUE_BOUNDS[unit])
    return { code: 'too_large', value, max: VALUE_BOUNDS[unit], unit };
  return undefined;
}

export function describeValueProblem(problem: ValueProblem, lang: Lang): string {
  const n = (value: number) => formatNumber(value, lang);
  const t = messages(lang).measurements.problems;
  switch (problem.code) {
    case 'percent_range':
      return t.percentRange(n(problem.value));
    case 'count_integer':
      return t.countInteger(n(problem.value));
    case 'count_negative':
      return t.countNegative(n(problem.value));
    case 'not_a_percent':
      return t.notAPercent;
    case 'missing_text':
      return t.missingText;
    case 'text_too_long':
      return t.textTooLong(problem.length, MAX_TEXT_VALUE);
    case 'too_large':
      return t.tooLarge(n(problem.value), problem.unit, n(problem.max));
    case 'not_finite':
      return t.notFinite;
  }
}

/** 62.5 -> "62,5" in French, "62.5" in English; thousands grouped. */
const NUMBER_FORMATS: Record<Lang, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

export function formatNumber(value: number, lang: Lang): string {
  // Built once: a formatter costs far more to create than to use.
  return NUMBER_FORMATS[lang].format(value).replace(/\u202f/gu, '\u00a0');
}

export function formatValue(value: number | string, unit: MeasureUnit, lang: Lang): string {
  if (typeof value === 'string') return messages(lang).format.quote(value);
  const text = formatNumber(value, lang);
  return unit === 'percent' ? messages(lang).format.percent(text) : text;
}
