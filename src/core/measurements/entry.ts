import type { Actor, Lang, Reply } from '../kernel/types.ts';
import { actorKey } from '../kernel/types.ts';
import { citationOf } from '../plans/citation.ts';
import type { MeasurementDeps } from './deps.ts';
import { commentOrSource, readCorrection, readForm } from './entry-input.ts';
import { evaluateDraft, type ReadyDraft, shortId } from './evaluate.ts';
import type { MeasurementReading } from './parse.ts';
import { normalisePeriod } from './periods.ts';
import type { Draft, DraftFields } from './ports.ts';
import { t } from './texts.ts';
import type { Measurement } from './types.ts';
import { formatValue } from './units.ts';

/**
 * Entering a measurement by message: every message or click updates a persisted draft, and the
 * draft is evaluated again from scratch, so a reply always reflects exactly what would be saved.
 */
export class MeasurementEntry {
  constructor(private readonly deps: MeasurementDeps) {}

  /**
   * A message that reads as a new measurement (`parsed`: readMeasurement's reading of `text`).
   * Replaces any open draft of the same conversation.
   */
  async start(
    actor: Actor,
    conversation: string,
    text: string,
    parsed: MeasurementReading,
    lang: Lang,
  ): Promise<Reply> {
    const fields: DraftFields = {
      lang: parsed.lang ?? lang,
      indicatorText: parsed.indicatorText,
      ...(parsed.indicatorId ? { indicatorId: parsed.indicatorId } : {}),
      ...(parsed.scope ? { scope: parsed.scope } : {}),
      ...(parsed.period ? { period: parsed.period } : {}),
      ...(parsed.value !== undefined ? { value: parsed.value } : {}),
      ...(parsed.valueText ? { valueText: parsed.valueText } : {}),
      ...(parsed.percent ? { percent: true } : {}),
      ...(parsed.textValue ? { textValue: parsed.textValue } : {}),
      ...commentOrSource(parsed.comment),
    };
    if (this.deps.extractor) Object.assign(fields, await this.askExtractor(text, fields));
    const draft = this.deps.repo.createDraft({
      actor: actorKey(actor),
      ...(actor.displayName ? { actorName: actor.displayName } : {}),
      conversation,
      message: text,
      fields,
    });
    return this.respond(draft, actor);
  }

  /**
   * With an LLM configured, free text the rules left incomplete (no clear indicator, or no value)
   * is read again by the model. Its answer only fills what is missing and is checked like typed
   * text; the user still confirms a preview.
   */
  private async askExtractor(text: string, fields: DraftFields): Promise<Partial<DraftFields>> {
    const catalog = this.deps.catalog();
    const scopes = this.deps.library().scopes;
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
    const found = await this.deps.extractor?.extract(text, candidates);
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

  /**
   * A message while a draft is open: a piece that was asked for or corrected ("2025-2026",
   * "valeur 62,5 %", "oui", "annuler"). Undefined when the message is about something else.
   */
  continueDraft(actor: Actor, conversation: string, text: string): Reply | undefined {
    const draft = this.deps.repo.openDraft(actorKey(actor), conversation);
    if (!draft) return undefined;
    const command = text
      .trim()
      .toLowerCase()
      .replace(/[.!\s]+$/u, '');
    if (/^(?:annuler|annule|cancel|stop|abandonner)$/u.test(command)) return this.cancel(draft, actor);
    if (/^(?:confirmer|confirme|je confirme|oui|ok|d'accord|confirm|yes)$/u.test(command))
      return this.confirm(draft, actor);
    const update = readCorrection(text, draft, this.deps);
    if (!update) return undefined;
    const changed = this.deps.repo.updateDraft(draft.id, { ...draft.fields, ...update }, text);
    return changed ? this.respond(changed, actor) : undefined;
  }

  /** Buttons and form submissions of the entry flow; undefined for other buttons. */
  click(actor: Actor, buttonId: string, values: Record<string, string> = {}): Reply | undefined {
    const match = /^(confirm|edit|cancel|update|pick|scope|period):(d[0-9a-f]{12})(?::(.+))?$/u.exec(
      buttonId,
    );
    if (!match) return undefined;
    const [, action, id, arg] = match as unknown as [string, string, string, string | undefined];
    const draft = this.deps.repo.getDraft(id);
    if (!draft) return undefined;
    const lang = draft.fields.lang;
    if (draft.actor !== actorKey(actor)) {
      // A refusal is an audited outcome like any other: who tried to act on whose entry.
      this.deps.repo.audit({
        actor: actorKey(actor),
        action: `${action}_draft`,
        target: draft.id,
        outcome: 'refused',
        detail: `saisie de ${draft.actor}`,
      });
      // Said to the clicker alone, with the verb of the button they pressed.
      const key = action === 'confirm' ? 'notOwner' : action === 'cancel' ? 'notOwnerCancel' : 'notOwnerEdit';
      return { status: 'refused', lang, text: t(key, lang), private: true };
    }
    if (action === 'confirm') return this.confirm(draft, actor);
    if (draft.state === 'saved') return this.confirm(draft, actor);
    if (draft.state !== 'open') return { status: 'invalid', lang, text: t('gone', lang), private: true };
    if (action === 'cancel') return this.cancel(draft, actor);
    if (action === 'edit') return this.editForm(draft);
    const fields: DraftFields = { ...draft.fields };
    if (action === 'pick' && arg) {
      const picked = this.deps.catalog().get(arg);
      if (picked) fields.indicatorId = picked.node.id;
      delete fields.candidates;
    } else if (action === 'scope' && arg) fields.scope = arg;
    else if (action === 'period' && arg) fields.period = arg;
    else if (action === 'update') Object.assign(fields, readForm(values, draft, this.deps));
    const changed = this.deps.repo.updateDraft(draft.id, fields);
    if (!changed) return { status: 'invalid', lang, text: t('gone', lang) };
    return action === 'update' ? this.respondToForm(changed, actor) : this.respond(changed, actor);
  }

  /**
   * A submitted form whose value, period or scope is wrong comes back as the form again, with the
   * problem attached to its field: the user fixes it where they typed it.
   */
  private respondToForm(draft: Draft, actor: Actor): Reply {
    const evaluation = evaluateDraft(draft, actor, this.deps);
    if (evaluation.kind !== 'reply' || !evaluation.field) return this.respond(draft, actor);
    const kept = this.deps.repo.updateDraft(draft.id, evaluation.fields) ?? draft;
    const problem = evaluation.reply.text.split('\n\n')[0] ?? evaluation.reply.text;
    return {
      ...this.editForm(kept),
      status: 'invalid',
      text: problem,
      fieldErrors: { [evaluation.field]: problem },
    };
  }

  /** "Saisir maintenant" from a reminder: a draft with everything but the value. */
  enter(
    actor: Actor,
    conversation: string,
    indicatorId: string,
    scope: string,
    period: string,
    lang: Lang,
  ): Reply {
    const draft = this.deps.repo.createDraft({
      actor: actorKey(actor),
      ...(actor.displayName ? { actorName: actor.displayName } : {}),
      conversation,
      message: `saisir ${indicatorId} ${scope} ${period}`,
      fields: { lang, indicatorId, scope, period },
    });
    const reply = this.respond(draft, actor);
    return reply.status === 'needs_input' ? { ...reply, form: this.editForm(draft).form } : reply;
  }

  private respond(draft: Draft, actor: Actor): Reply {
    const evaluation = evaluateDraft(draft, actor, this.deps);
    if (evaluation.kind === 'reply') {
      // Keep what was resolved on the way (the indicator chosen, the candidates offered).
      this.deps.repo.updateDraft(draft.id, evaluation.fields);
      return evaluation.reply;
    }
    this.deps.repo.updateDraft(draft.id, { ...draft.fields, indicatorId: evaluation.indicator.node.id });
    return this.preview(draft, evaluation);
  }

  private preview(draft: Draft, ready: ReadyDraft): Reply {
    const lang = draft.fields.lang;
    const { measurement: m, indicator } = ready;
    const scopes = this.deps.library().scopes;
    const lines = [
      `**${t('preview', lang)}**`,
      '',
      `• ${t('indicator', lang)}${colon(lang)} ${indicator.node.text} [1]`,
      `• ${t('scope', lang)}${colon(lang)} ${scopes.displayName(m.scope)}`,
      `• ${t('period', lang)}${colon(lang)} ${m.period}`,
      `• ${t('value', lang)}${colon(lang)} **${formatValue(m.value, m.unit, lang)}**`,
    ];
    if (m.comment) lines.push(`• ${t('comment', lang)}${colon(lang)} ${m.comment}`);
    if (m.source) lines.push(`• Source${colon(lang)} ${m.source}`);
    const target = this.deps.repo
      .targets(indicator.node.id)
      .find((x) => x.kind === 'target' && x.scope === m.scope && x.period === m.period);
    if (target) lines.push(`• ${t('target', lang)}${colon(lang)} ${formatValue(target.value, m.unit, lang)}`);
    if (ready.previous)
      lines.push(`• ${t('replaces', lang)}${colon(lang)} ${describe(ready.previous, lang)}`);
    lines.push('', t('nothingSaved', lang));
    return {
      status: 'preview',
      lang,
      text: lines.join('\n'),
      citations: [citationOf(this.deps.library(), indicator.node, 1)],
      buttons: [
        { id: `confirm:${draft.id}`, label: t('confirm', lang), style: 'primary' },
        { id: `edit:${draft.id}`, label: t('edit', lang) },
        { id: `cancel:${draft.id}`, label: t('cancel', lang), style: 'danger' },
      ],
    };
  }

  private confirm(draft: Draft, actor: Actor): Reply {
    const lang = draft.fields.lang;
    if (draft.state === 'saved' && draft.measurementId) {
      const saved = this.deps.repo.getMeasurement(draft.measurementId);
      if (saved) return this.saved(saved, lang, true);
    }
    if (draft.state !== 'open') return { status: 'invalid', lang, text: t('gone', lang), private: true };
    // Rights and values are checked again: they may have changed since the preview.
    const evaluation = evaluateDraft(draft, actor, this.deps);
    if (evaluation.kind === 'reply') return evaluation.reply;
    const result = this.deps.repo.confirmDraft(draft.id, evaluation.measurement);
    if ('error' in result) return { status: 'invalid', lang, text: t('gone', lang), private: true };
    if (result.created) {
      this.deps.repo.audit({
        actor: actorKey(actor),
        action: 'record',
        target: result.measurement.id,
        outcome: 'ok',
      });
    }
    return this.saved(result.measurement, lang, !result.created);
  }

  private saved(m: Measurement, lang: Lang, again: boolean): Reply {
    const indicator = this.deps.catalog().get(m.indicatorId);
    const scopes = this.deps.library().scopes;
    const status = t(m.status, lang);
    const head = again
      ? lang === 'fr'
        ? 'Cette valeur est déjà enregistrée (rien n’a été ajouté) :'
        : 'This value is already recorded (nothing was added):'
      : lang === 'fr'
        ? '✅ Valeur enregistrée :'
        : '✅ Value recorded:';
    const lines = [
      `${head} **${formatValue(m.value, m.unit, lang)}** — ${indicator?.node.text ?? m.indicatorId} — ${scopes.displayName(m.scope)}, ${m.period}.`,
      lang === 'fr'
        ? `Statut : ${status}. Référence : \`${m.id}\`.`
        : `Status: ${status}. Reference: \`${m.id}\`.`,
    ];
    if (m.supersedes && !again) {
      lines.push(
        lang === 'fr'
          ? 'Elle remplace la valeur précédente, qui reste dans l’historique.'
          : 'It replaces the previous value, which stays in the history.',
      );
    }
    return { status: 'saved', lang, text: lines.join('\n') };
  }

  private cancel(draft: Draft, actor: Actor): Reply {
    const lang = draft.fields.lang;
    if (draft.state === 'saved') return this.confirm(draft, actor);
    this.deps.repo.cancelDraft(draft.id);
    return { status: 'cancelled', lang, text: t('cancelled', lang) };
  }

  private editForm(draft: Draft): Reply {
    const f = draft.fields;
    const lang = f.lang;
    const scopes = this.deps.library().scopes;
    const indicator = f.indicatorId ? this.deps.catalog().get(f.indicatorId) : undefined;
    const options = scopes.all
      .filter((s) => !indicator || s.key === indicator.academie || s.academie === indicator.academie)
      .map((s) => ({ value: s.key, label: s.shortName }));
    const value =
      indicator?.unit === 'text' ? (f.textValue ?? '') : (f.valueText ?? f.value?.toString() ?? '');
    return {
      status: 'needs_input',
      lang,
      text: `${indicator ? `${indicator.node.text}\n\n` : ''}${t('editHelp', lang)}`,
      form: {
        title: lang === 'fr' ? 'Modifier la saisie' : 'Edit the entry',
        submitId: `update:${draft.id}`,
        submitLabel: lang === 'fr' ? 'Voir l’aperçu' : 'Preview',
        fields: [
          { id: 'value', label: t('value', lang), value, multiline: indicator?.unit === 'text' },
          { id: 'period', label: t('period', lang), value: f.period ?? '', placeholder: '2025-2026' },
          { id: 'scope', label: t('scope', lang), value: f.scope ?? '', options },
          {
            id: 'comment',
            label: t('comment', lang),
            value: f.comment ?? '',
            optional: true,
            multiline: true,
          },
        ],
      },
      buttons: [{ id: `cancel:${draft.id}`, label: t('cancel', lang), style: 'danger' }],
    };
  }
}

/** French puts a space before a colon, English does not. */
function colon(lang: Lang): string {
  return lang === 'fr' ? ' :' : ':';
}

function describe(m: Measurement, lang: Lang): string {
  const who = m.author.displayName ?? m.author.userId;
  const when = m.recordedAt.slice(0, 10);
  return lang === 'fr'
    ? `${formatValue(m.value, m.unit, lang)} enregistrée le ${when} par ${who} (conservée dans l’historique)`
    : `${formatValue(m.value, m.unit, lang)} recorded on ${when} by ${who} (kept in the history)`;
}

export { shortId };
