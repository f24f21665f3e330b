import { fold } from '../text/fold.ts';
import type { MeasurementDeps } from './deps.ts';
import { parseNumber } from './numbers.ts';
import { normalisePeriod } from './periods.ts';
import type { Draft, DraftFields } from './ports.ts';
import { MAX_TEXT_VALUE } from './units.ts';

/* What a user sends to fill or correct a draft: a follow-up message or the edit form's fields, and
   what an LLM reads in the first message when the rules left pieces missing. */

/** A follow-up message that fills or corrects one piece of the open draft. */
export function readCorrection(
  text: string,
  draft: Draft,
  deps: MeasurementDeps,
): Partial<DraftFields> | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.includes('?')) return undefined;
  const keyed =
    /^(valeur|value|p[ée]riode|period|ann[ée]e|year|p[ée]rim[èe]tre|scope|d[ée]partement|commentaire|comment|source)\s*[:=]?\s*(.+)$/iu.exec(
      trimmed,
    );
  if (keyed) {
    const key = (keyed[1] as string).toLowerCase();
    const rest = (keyed[2] as string).trim();
    if (/^(?:valeur|value)$/u.test(key)) return draftValue(rest, draft, deps);
    if (/^(?:p[ée]riode|period|ann[ée]e|year)$/u.test(key)) return { period: normalisePeriod(rest) ?? rest };
    if (/^(?:commentaire|comment)$/u.test(key)) return { comment: rest };
    if (key === 'source') return { source: rest };
    const scope = deps.library().scopes.resolve(rest);
    return scope ? { scope: scope.key } : undefined;
  }
  const candidates = draft.fields.candidates ?? [];
  const choice = /^([1-3])$/u.exec(trimmed);
  if (choice && candidates.length) {
    const id = candidates[Number(choice[1]) - 1];
    return id ? { indicatorId: id, candidates: [] } : undefined;
  }
  const period = normalisePeriod(trimmed);
  if (period && (!draft.fields.period || !/^\d+([.,]\d+)?\s*%?$/u.test(trimmed))) return { period };
  const scope = deps.library().scopes.resolve(trimmed);
  if (scope) return { scope: scope.key };
  if (/^[-+]?\d[\d\s\u00a0\u202f.,]*\s*(?:%|pour ?cent|percent)?$/iu.test(trimmed))
    return draftValue(trimmed, draft, deps);
  const indicator = draft.fields.indicatorId ? deps.catalog().get(draft.fields.indicatorId) : undefined;
  if (indicator?.unit === 'text' && !draft.fields.textValue && trimmed.length > 3)
    return { textValue: trimmed };
  // The draft was asked "which indicator?": a few words that are not a question name it.
  if (!indicator && !draft.fields.indicatorText?.trim() && trimmed.split(/\s+/u).length <= 12) {
    return { indicatorText: trimmed, candidates: [] };
  }
  return undefined;
}

function draftValue(text: string, draft: Draft, deps: MeasurementDeps): Partial<DraftFields> {
  const indicator = draft.fields.indicatorId ? deps.catalog().get(draft.fields.indicatorId) : undefined;
  if (indicator?.unit === 'text') return { textValue: text.replace(/^[«"“]\s*|\s*[»"”]$/gu, '') };
  const percent = /%|pour ?cent|percent/iu.test(text);
  const number = parseNumber(text.replace(/%|pour ?cent|percent/giu, '').trim());
  return number === null
    ? { value: undefined, valueText: text, percent }
    : { value: number, valueText: text, percent, textValue: undefined };
}

/** The edit form's labels, French and English, as people type them back (console, `say --value`). */
const FIELD_NAMES: Record<string, string> = {
  valeur: 'value',
  value: 'value',
  periode: 'period',
  period: 'period',
  perimetre: 'scope',
  scope: 'scope',
  commentaire: 'comment',
  comment: 'comment',
};

/** Field values from the edit form (Slack modal, Teams card, console). */
export function readForm(
  raw: Record<string, string>,
  draft: Draft,
  deps: MeasurementDeps,
): Partial<DraftFields> {
  // Form fields are user text like a message: bounded the same way (a value, a short comment).
  // Keys are field ids, or the labels people see ("Valeur", "période") when they type them.
  const values = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => {
      const field = FIELD_NAMES[fold(key).trim()] ?? key;
      return [field, String(value).slice(0, field === 'value' ? MAX_TEXT_VALUE + 1 : 1000)];
    }),
  ) as Record<string, string | undefined>;
  const update: Partial<DraftFields> = {};
  if (values.value?.trim()) Object.assign(update, draftValue(values.value, draft, deps));
  if (values.period?.trim()) update.period = normalisePeriod(values.period) ?? values.period.trim();
  if (values.scope?.trim())
    update.scope = deps.library().scopes.resolve(values.scope)?.key ?? values.scope.trim();
  if (values.comment !== undefined) update.comment = values.comment.trim() || undefined;
  return update;
}

/** "source : enquête IEN" names where the value comes from; any other remark is a comment. */
export function commentOrSource(comment: string | undefined): Pick<DraftFields, 'comment' | 'source'> {
  if (!comment) return {};
  const source = /^sources?\s*:\s*(.+)$/isu.exec(comment);
  return source ? { source: (source[1] as string).trim() } : { comment };
}

/**
 * With an LLM configured, free text the rules left incomplete (no clear indicator, or no value)
 * is read again by the model. Its answer only fills what is missing and is checked like typed
 * text; the user still confirms a preview.
 */
export async function fillFromExtractor(
  text: string,
  fields: DraftFields,
  deps: MeasurementDeps,
): Promise<Partial<DraftFields>> {
  const catalog = deps.catalog();
  const scopes = deps.library().scopes;
  const matches = fields.indicatorText ? catalog.search(fields.indicatorText, { scope: fields.scope }) : [];
  const [top, second] = matches;
  const clear =
    Boolean(fields.indicatorId) ||
    (top && top.score >= 0.45 && (!second || top.score - second.score >= 0.03));
  // A quoted or trailing text is only a candidate value (for qualitative indicators).
  const hasValue = fields.value !== undefined;
  if (clear && hasValue && fields.period) return {};
  const candidates = (
    matches.length
      ? matches.map((m) => m.indicator)
      : catalog.all.filter((i) => i.current && (!fields.scope || catalog.accepts(i, fields.scope)))
  )
    .slice(0, 30)
    .map((i) => ({ id: i.node.id, text: i.node.text }));
  const found = await deps.extractor?.extract(text, candidates);
  if (!found) return {};
  const update: Partial<DraftFields> = {};
  if (!clear && found.indicatorId) update.indicatorId = found.indicatorId;
  if (!fields.scope && found.scope) {
    const scope = scopes.resolve(found.scope);
    if (scope) update.scope = scope.key;
  }
  if (!fields.period && found.period) {
    const period = normalisePeriod(found.period);
    if (period) update.period = period;
  }
  if (!hasValue) {
    if (found.value !== undefined) {
      update.value = found.value;
      update.percent = found.percent === true;
    }
    if (found.textValue && !fields.textValue) update.textValue = found.textValue;
  }
  if (!fields.comment && found.comment) update.comment = found.comment;
  return update;
}
