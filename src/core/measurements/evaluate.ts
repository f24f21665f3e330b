import type { Actor, Button, Lang, Reply } from '../kernel/types.ts';
import { actorKey } from '../kernel/types.ts';
import type { MeasurementDeps } from './deps.ts';
import type { IndicatorInfo, IndicatorMatch } from './indicators.ts';
import { normalisePeriod, schoolYearOf } from './periods.ts';
import type { Draft, DraftFields, NewMeasurement } from './ports.ts';
import { initialStatus, isAllowed } from './rights.ts';
import { t } from './texts.ts';
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
export function evaluateDraft(draft: Draft, actor: Actor, deps: MeasurementDeps): Evaluation {
  const fields: DraftFields = { ...draft.fields };
  const lang = fields.lang;
  const catalog = deps.catalog();
  const scopes = deps.library().scopes;
  const reply = (status: Reply['status'], text: string, buttons: Button[] = [], field?: DraftField) => ({
    kind: 'reply' as const,
    fields,
    reply: { status, lang, text, buttons },
    ...(field ? { field } : {}),
  });
  const keep: Button[] = [
    { id: `edit:${draft.id}`, label: t('edit', lang) },
    { id: `cancel:${draft.id}`, label: t('cancel', lang), style: 'danger' },
  ];

  let indicator = fields.indicatorId ? catalog.get(fields.indicatorId) : undefined;
  if (!indicator) {
    if (fields.indicatorId) {
      const id = fields.indicatorId;
      delete fields.indicatorId;
      return reply('invalid', unknownIndicatorText(id, suggest(deps, fields), lang), keep);
    }
    if (!fields.indicatorText?.trim()) {
      const text =
        lang === 'fr'
          ? 'Pour quel indicateur ? Répondez avec quelques mots de son intitulé (par exemple « faits numériques » ou « constellations »), ou son identifiant.'
          : 'For which indicator? Answer with a few words of its wording (for example “faits numériques” or “constellations”), or its id.';
      return reply('needs_input', text, [keep[1] as Button]);
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
      return reply('needs_input', [t('pick', lang), '', ...lines].join('\n'), [
        ...buttons,
        keep[1] as Button,
      ]);
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
      return reply('needs_input', t('askScope', lang), [...buttons, keep[1] as Button]);
    }
  }
  const scope = fields.scope;
  if (!scopes.get(scope)) {
    delete fields.scope;
    const text =
      lang === 'fr'
        ? `Je ne connais pas le périmètre « ${scope} ». Indiquez un département (Allier, Cantal, Haute-Loire, Puy-de-Dôme…) ou l’académie.`
        : `I don’t know the scope “${scope}”. Give a département (Allier, Cantal, Haute-Loire, Puy-de-Dôme…) or the académie.`;
    return reply('invalid', `${text}\n\n${t('draftKept', lang)}`, keep, 'scope');
  }
  if (!catalog.accepts(indicator, scope)) {
    const academie = scopes.get(indicator.academie)?.name ?? indicator.academie;
    const text =
      lang === 'fr'
        ? `Cet indicateur appartient à un plan de l’${academie.replace(/^Académie/u, 'académie')} : il ne peut pas recevoir de valeur pour ${scopes.displayName(scope)}. Indiquez un périmètre de cette académie.`
        : `This indicator belongs to a plan of the ${academie}: it cannot take a value for ${scopes.displayName(scope)}. Give a scope within that académie.`;
    return reply('invalid', `${text}\n\n${t('draftKept', lang)}`, keep, 'scope');
  }

  const userKey = actorKey(actor);
  const grants = deps.repo.grants();
  if (!isAllowed(grants, deps.admins, userKey, 'record', scope, scopes)) {
    deps.repo.audit({
      actor: userKey,
      action: 'record',
      target: `${indicator.node.id}|${scope}`,
      outcome: 'refused',
    });
    deps.log?.('measurement refused', { actor: userKey, scope, indicator: indicator.node.id });
    const name = scopes.displayName(scope);
    const text =
      lang === 'fr'
        ? `Vous n’avez pas le droit d’enregistrer des valeurs pour ${name} : il faut être contributeur ou validateur de ce périmètre. Un administrateur peut vous l’accorder avec « donner contributeur ${scope} à ${userKey} ». Votre saisie est conservée.`
        : `You are not allowed to record values for ${name}: you must be a contributor or validator for this scope. An admin can grant it with “grant ${userKey} contributor ${scope}”. Your entry is kept.`;
    // On the server's own console, whoever types is the operator: the CLI grants without an admin.
    const local =
      actor.platform === 'console'
        ? lang === 'fr'
          ? `\n\nSur cette machine : npm run --silent boussole -- grant ${actor.userId} contributeur ${scope}`
          : `\n\nOn this machine: npm run --silent boussole -- grant ${actor.userId} contributor ${scope}`
        : '';
    return reply('refused', `${text}${local}`, [keep[1] as Button], 'scope');
  }

  // An unreadable value is said first: asking the period before would leave the user thinking
  // the value was understood.
  if (indicator.unit !== 'text' && fields.value === undefined && fields.valueText) {
    const spelled = !/\d/u.test(fields.valueText);
    const problem = spelled
      ? lang === 'fr'
        ? `Je lis la valeur en toutes lettres (« ${fields.valueText.slice(0, 40)} ») : écrivez-la en chiffres, par exemple « valeur 62 % » ou « valeur 14 ».`
        : `I read the value in words (“${fields.valueText.slice(0, 40)}”): write it in digits, for example “value 62%” or “value 14”.`
      : `${describeValueProblem({ code: 'not_finite' }, lang)} (« ${fields.valueText.slice(0, 40)} »)`;
    return reply('invalid', `${problem}\n\n${t('draftKept', lang)}`, keep, 'value');
  }

  if (!fields.period) {
    const current = schoolYearOf(deps.now().toISOString().slice(0, 10));
    const start = Number(current.slice(0, 4));
    const buttons = [current, `${start - 1}-${start}`].map((p) => ({
      id: `period:${draft.id}:${p}`,
      label: p,
    }));
    return reply('needs_input', t('askPeriod', lang), [...buttons, keep[1] as Button]);
  }
  if (normalisePeriod(fields.period) !== fields.period) {
    const text =
      lang === 'fr'
        ? `Je ne reconnais pas la période « ${fields.period} ». Écrivez une année scolaire (« 2025-2026 »), une année (« 2026 ») ou une date (« 30/06/2026 »).`
        : `I don’t recognise the period “${fields.period}”. Write a school year (“2025-2026”), a year (“2026”) or a date (“2026-06-30”).`;
    delete fields.period;
    return reply('invalid', `${text}\n\n${t('draftKept', lang)}`, keep, 'period');
  }
  if (isFuturePeriod(fields.period, deps.now())) {
    const text =
      lang === 'fr'
        ? `La période ${fields.period} n’a pas encore commencé : on ne peut enregistrer qu’une valeur observée. Indiquez la bonne période (par exemple « période 2025-2026 »).`
        : `The period ${fields.period} has not started yet: only observed values can be recorded. Give the right period (for example “period 2025-2026”).`;
    return reply('invalid', `${text}\n\n${t('draftKept', lang)}`, keep, 'period');
  }

  const unit = indicator.unit;
  const value = unit === 'text' ? (fields.textValue ?? fields.valueText) : fields.value;
  if (value === undefined || value === '') {
    return reply('needs_input', t(unit === 'text' ? 'askText' : 'askValue', lang), keep, 'value');
  }
  const problem = checkValue(unit, value, fields.percent === true);
  if (problem)
    return reply(
      'invalid',
      `${describeValueProblem(problem, lang)}\n\n${t('draftKept', lang)}`,
      keep,
      'value',
    );

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
  const previous = deps.repo.current(indicator.node.id, scope, fields.period);
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
  const head =
    lang === 'fr'
      ? `Je n’ai pas trouvé d’indicateur qui corresponde à « ${asked.trim() || '…'} ». Vouliez-vous dire :`
      : `I found no indicator matching “${asked.trim() || '…'}”. Did you mean:`;
  const lines = suggestions.map((s) => `• ${s.node.text} (\`${shortId(s.node.id)}\`)`);
  const tail =
    lang === 'fr'
      ? 'Renvoyez la valeur avec les mots de l’indicateur, ou son identifiant : « saisir i0ab56d1 cantal 2025-2026 62,5 % ».'
      : 'Send the value again with the indicator’s words, or its id: “record i0ab56d1 cantal 2025-2026 62.5%”.';
  return [head, ...lines, '', tail].join('\n');
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
