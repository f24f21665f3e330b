import { messages } from '../kernel/messages/index.ts';
import { type Actor, actorKey, type Button, type Lang, type Reply } from '../kernel/types.ts';
import type { MeasurementDeps } from './deps.ts';
import type { IndicatorInfo, IndicatorMatch } from './indicators.ts';
import { normalisePeriod, schoolYearOf } from './periods.ts';
import type { Draft, DraftFields, NewMeasurement } from './ports.ts';
import { initialStatus, isAllowed } from './rights.ts';
import type { Measurement, MeasureUnit } from './types.ts';
import { checkValue, describeValueProblem } from './units.ts';

/** A draft complete and valid: what confirming it would save. */
export interface ReadyDraft {
  kind: 'ready';
  indicator: IndicatorInfo;
  measurement: NewMeasurement;
  previous?: Measurement;
}

/** The form field a problem is about, when there is one (a modal marks it in place). */
export type DraftField = 'value' | 'period' | 'scope';

export type Evaluation =
  | ReadyDraft
  | { kind: 'reply'; reply: Reply; fields: DraftFields; field?: DraftField };

/** A match is taken without asking when it leads the next one by this much. */
const CLEAR_LEAD = 0.03;
const MIN_SCORE = 0.45;

/**
 * Decides what a draft still needs, in a fixed order: the indicator, the scope (and the right to
 * record there), the period, then a value that fits the indicator. Returns the reply asking for
 * the first missing or wrong piece, or the draft ready to preview and save.
 */
export async function evaluateDraft(draft: Draft, actor: Actor, deps: MeasurementDeps): Promise<Evaluation> {
  const fields: DraftFields = { ...draft.fields };
  const lang = fields.lang;
  const t = messages(lang).measurements;
  const catalog = deps.catalog();
  const scopes = deps.library().scopes;
  const reply = (status: Reply['status'], text: string, buttons: Button[] = [], field?: DraftField) => ({
    kind: 'reply' as const,
    fields,
    reply: { status, lang, text, buttons },
    ...(field ? { field } : {}),
  });
  const keep: Button[] = [
    { id: `edit:${draft.id}`, label: t.edit },
    { id: `cancel:${draft.id}`, label: t.cancel, style: 'danger' },
  ];

  let indicator = fields.indicatorId ? catalog.get(fields.indicatorId) : undefined;
  if (!indicator) {
    if (fields.indicatorId) {
      const id = fields.indicatorId;
      delete fields.indicatorId;
      return reply('invalid', unknownIndicatorText(id, suggest(deps, fields), lang), keep);
    }
    if (!fields.indicatorText?.trim()) {
      return reply('needs_input', t.askIndicator, [keep[1] as Button]);
    }
    const matches = catalog.search(fields.indicatorText, {
      scope: fields.scope,
      unit: unitHint(fields),
    });
    const top = matches[0];
    const close = matches.filter((m) => top && m.score >= MIN_SCORE && top.score - m.score < 0.1).slice(0, 3);
    if (
      top &&
      top.score >= MIN_SCORE &&
      (close.length === 1 || top.score - (close[1]?.score ?? 0) >= CLEAR_LEAD)
    ) {
      indicator = top.indicator;
      fields.indicatorId = indicator.node.id;
    } else if (close.length > 1) {
      fields.candidates = close.map((m) => m.indicator.node.id);
      const buttons = close.map((m, i) => ({
        id: `pick:${draft.id}:${shortId(m.indicator.node.id)}`,
        label: `${i + 1}. ${clip(m.indicator.node.text, 70)}`,
      }));
      const lines = close.map((m, i) => `${i + 1}. ${m.indicator.node.text} (${planTitle(deps, m)})`);
      return reply('needs_input', [t.pick, '', ...lines].join('\n'), [...buttons, keep[1] as Button]);
    } else {
      return reply(
        'invalid',
        unknownIndicatorText(fields.indicatorText ?? '', suggest(deps, fields), lang),
        keep,
      );
    }
  }

  if (!fields.scope) {
    const own = scopes.get(indicator.node.scope);
    if (own?.kind === 'departement') fields.scope = own.key;
    else {
      const options = scopes.all.filter(
        (s) => s.key === indicator?.academie || s.academie === indicator?.academie,
      );
      const buttons = options.map((s) => ({ id: `scope:${draft.id}:${s.key}`, label: s.shortName }));
      return reply('needs_input', t.askScope, [...buttons, keep[1] as Button]);
    }
  }
  const scope = fields.scope;
  if (!scopes.get(scope)) {
    delete fields.scope;
    return reply('invalid', `${t.unknownScope(scope)}\n\n${t.draftKept}`, keep, 'scope');
  }
  if (!catalog.accepts(indicator, scope)) {
    const academie = scopes.get(indicator.academie)?.name ?? indicator.academie;
    const text = t.otherAcademie(academie, scopes.displayName(scope));
    return reply('invalid', `${text}\n\n${t.draftKept}`, keep, 'scope');
  }

  const userKey = actorKey(actor);
  const grants = await deps.repo.grants();
  if (!isAllowed(grants, deps.admins, userKey, 'record', scope, scopes)) {
    await deps.repo.audit({
      actor: userKey,
      action: 'record',
      target: `${indicator.node.id}|${scope}`,
      outcome: 'refused',
      requestId: actor.requestId,
    });
    deps.log?.('measurement refused', { actor: userKey, scope, indicator: indicator.node.id });
    const text = t.notAllowed(scopes.displayName(scope), scope, userKey);
    // On the server's own console, whoever types is the operator: the CLI grants without an admin.
    const local = actor.platform === 'console' ? t.grantOnThisMachine(actor.userId, scope) : '';
    return reply('refused', `${text}${local}`, [keep[1] as Button], 'scope');
  }

  // An unreadable value is said first: asking the period before would leave the user thinking
  // the value was understood.
  if (indicator.unit !== 'text' && fields.value === undefined && fields.valueText) {
    const spelled = !/\d/u.test(fields.valueText);
    const typed = fields.valueText.slice(0, 40);
    const problem = spelled
      ? t.spelledValue(typed)
      : t.unreadableValue(describeValueProblem({ code: 'not_finite' }, lang), typed);
    return reply('invalid', `${problem}\n\n${t.draftKept}`, keep, 'value');
  }

  if (!fields.period) {
    const current = schoolYearOf(deps.now().toISOString().slice(0, 10));
    const start = Number(current.slice(0, 4));
    const buttons = [current, `${start - 1}-${start}`].map((p) => ({
      id: `period:${draft.id}:${p}`,
      label: p,
    }));
    return reply('needs_input', t.askPeriod, [...buttons, keep[1] as Button]);
  }
  if (normalisePeriod(fields.period) !== fields.period) {
    const text = t.unknownPeriod(fields.period);
    delete fields.period;
    return reply('invalid', `${text}\n\n${t.draftKept}`, keep, 'period');
  }
  if (isFuturePeriod(fields.period, deps.now())) {
    return reply('invalid', `${t.futurePeriod(fields.period)}\n\n${t.draftKept}`, keep, 'period');
  }

  const unit = indicator.unit;
  const value = unit === 'text' ? (fields.textValue ?? fields.valueText) : fields.value;
  if (value === undefined || value === '') {
    return reply('needs_input', unit === 'text' ? t.askText : t.askValue, keep, 'value');
  }
  const problem = checkValue(unit, value, fields.percent === true);
  if (problem)
    return reply('invalid', `${describeValueProblem(problem, lang)}\n\n${t.draftKept}`, keep, 'value');

  const measurement: NewMeasurement = {
    indicatorId: indicator.node.id,
    scope,
    period: fields.period,
    value,
    unit,
    ...(fields.comment ? { comment: fields.comment } : {}),
    ...(fields.source ? { source: fields.source } : {}),
    author: {
      platform: actor.platform,
      userId: actor.userId,
      ...(actor.displayName ? { displayName: actor.displayName } : {}),
    },
    status: initialStatus(grants, deps.admins, userKey, scope, scopes),
  };
  const previous = await deps.repo.current(indicator.node.id, scope, fields.period);
  return { kind: 'ready', indicator, measurement, ...(previous ? { previous } : {}) };
}

function unitHint(fields: DraftFields): MeasureUnit | undefined {
  if (fields.percent) return 'percent';
  if (fields.value === undefined && fields.textValue) return 'text';
  return undefined;
}

/** Three indicators to offer when the words matched none well enough. */
function suggest(deps: MeasurementDeps, fields: DraftFields): IndicatorInfo[] {
  const catalog = deps.catalog();
  // Suggestions must be usable: within the scope named, when there is one.
  const words = fields.indicatorText ?? '';
  const loose = fields.scope ? catalog.search(words, { scope: fields.scope, limit: 3 }) : [];
  if (loose.length) return loose.map((m) => m.indicator);
  const anywhere = catalog.search(words, { limit: 3 });
  if (anywhere.length && !fields.scope) return anywhere.map((m) => m.indicator);
  const inScope = catalog.all.filter((i) => i.current && (!fields.scope || catalog.accepts(i, fields.scope)));
  return inScope.slice(0, 3);
}

function unknownIndicatorText(asked: string, suggestions: IndicatorInfo[], lang: Lang): string {
  const t = messages(lang).measurements;
  const lines = suggestions.map((s) => `• ${s.node.text} (\`${shortId(s.node.id)}\`)`);
  return [t.unknownIndicator(asked.trim() || '…'), ...lines, '', t.unknownIndicatorHow].join('\n');
}

function planTitle(deps: MeasurementDeps, match: IndicatorMatch): string {
  return deps.library().plan(match.indicator.node.planId)?.shortTitle ?? match.indicator.node.planId;
}

export function shortId(id: string): string {
  return id.split(':')[1] ?? id;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** True when a period starts after today: values are observations, not forecasts. */
export function isFuturePeriod(period: string, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  if (/^\d{4}-\d{4}$/u.test(period)) return `${period.slice(0, 4)}-09-01` > today;
  if (/^\d{4}$/u.test(period)) return `${period}-01-01` > today;
  return period > today;
}
