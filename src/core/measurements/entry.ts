import { messages } from '../kernel/messages/index.ts';
import { type Actor, actorKey, type Lang, type Reply } from '../kernel/types.ts';
import type { MeasurementDeps } from './deps.ts';
import { commentOrSource, fillFromExtractor, readCorrection, readForm } from './entry-input.ts';
import { editFormReply, previewReply, savedReply } from './entry-replies.ts';
import { evaluateDraft, shortId } from './evaluate.ts';
import type { MeasurementReading } from './parse.ts';
import type { Draft, DraftFields } from './ports.ts';

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
    if (this.deps.extractor) Object.assign(fields, await fillFromExtractor(text, fields, this.deps));
    const draft = await this.deps.repo.createDraft({
      actor: actorKey(actor),
      ...(actor.displayName ? { actorName: actor.displayName } : {}),
      conversation,
      message: text,
      fields,
    });
    return this.respond(draft, actor);
  }

  /**
   * A message while a draft is open: a piece that was asked for or corrected ("2025-2026",
   * "valeur 62,5 %", "oui", "annuler"). Undefined when the message is about something else.
   */
  async continueDraft(actor: Actor, conversation: string, text: string): Promise<Reply | undefined> {
    const draft = await this.deps.repo.openDraft(actorKey(actor), conversation);
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
    const changed = await this.deps.repo.updateDraft(draft.id, { ...draft.fields, ...update }, text);
    return changed ? this.respond(changed, actor) : undefined;
  }

  /** Buttons and form submissions of the entry flow; undefined for other buttons. */
  async click(
    actor: Actor,
    buttonId: string,
    values: Record<string, string> = {},
  ): Promise<Reply | undefined> {
    const match = /^(confirm|edit|cancel|update|pick|scope|period):(d[0-9a-f]{12})(?::(.+))?$/u.exec(
      buttonId,
    );
    if (!match) return undefined;
    const [, action, id, arg] = match as unknown as [string, string, string, string | undefined];
    const draft = await this.deps.repo.getDraft(id);
    if (!draft) return undefined;
    const lang = draft.fields.lang;
    if (draft.actor !== actorKey(actor)) {
      // A refusal is an audited outcome like any other: who tried to act on whose entry.
      await this.deps.repo.audit({
        actor: actorKey(actor),
        action: `${action}_draft`,
        target: draft.id,
        outcome: 'refused',
        detail: `saisie de ${draft.actor}`,
        requestId: actor.requestId,
      });
      // Said to the clicker alone, with the verb of the button they pressed.
      const key = action === 'confirm' ? 'notOwner' : action === 'cancel' ? 'notOwnerCancel' : 'notOwnerEdit';
      return { status: 'refused', lang, text: messages(lang).measurements[key], private: true };
    }
    if (action === 'confirm') return this.confirm(draft, actor);
    if (draft.state === 'saved') return this.confirm(draft, actor);
    if (draft.state !== 'open')
      return { status: 'invalid', lang, text: messages(lang).measurements.gone, private: true };
    if (action === 'cancel') return this.cancel(draft, actor);
    if (action === 'edit') return editFormReply(draft, this.deps);
    const fields: DraftFields = { ...draft.fields };
    if (action === 'pick' && arg) {
      const picked = this.deps.catalog().get(arg);
      if (picked) fields.indicatorId = picked.node.id;
      delete fields.candidates;
    } else if (action === 'scope' && arg) fields.scope = arg;
    else if (action === 'period' && arg) fields.period = arg;
    else if (action === 'update') Object.assign(fields, readForm(values, draft, this.deps));
    const changed = await this.deps.repo.updateDraft(draft.id, fields);
    if (!changed) return { status: 'invalid', lang, text: messages(lang).measurements.gone };
    return action === 'update' ? this.respondToForm(changed, actor) : this.respond(changed, actor);
  }

  /**
   * A submitted form whose value, period or scope is wrong comes back as the form again, with the
   * problem attached to its field: the user fixes it where they typed it.
   */
  private async respondToForm(draft: Draft, actor: Actor): Promise<Reply> {
    const evaluation = await evaluateDraft(draft, actor, this.deps);
    if (evaluation.kind !== 'reply' || !evaluation.field) return this.respond(draft, actor);
    const kept = (await this.deps.repo.updateDraft(draft.id, evaluation.fields)) ?? draft;
    const problem = evaluation.reply.text.split('\n\n')[0] ?? evaluation.reply.text;
    return {
      ...editFormReply(kept, this.deps),
      status: 'invalid',
      text: problem,
      fieldErrors: { [evaluation.field]: problem },
    };
  }

  /** "Saisir maintenant" from a reminder: a draft with everything but the value. */
  async enter(
    actor: Actor,
    conversation: string,
    indicatorId: string,
    scope: string,
    period: string,
    lang: Lang,
  ): Promise<Reply> {
    const draft = await this.deps.repo.createDraft({
      actor: actorKey(actor),
      ...(actor.displayName ? { actorName: actor.displayName } : {}),
      conversation,
      message: `saisir ${indicatorId} ${scope} ${period}`,
      fields: { lang, indicatorId, scope, period },
    });
    const reply = await this.respond(draft, actor);
    return reply.status === 'needs_input' ? { ...reply, form: editFormReply(draft, this.deps).form } : reply;
  }

  private async respond(draft: Draft, actor: Actor): Promise<Reply> {
    const evaluation = await evaluateDraft(draft, actor, this.deps);
    if (evaluation.kind === 'reply') {
      // Keep what was resolved on the way (the indicator chosen, the candidates offered).
      await this.deps.repo.updateDraft(draft.id, evaluation.fields);
      return evaluation.reply;
    }
    await this.deps.repo.updateDraft(draft.id, {
      ...draft.fields,
      indicatorId: evaluation.indicator.node.id,
    });
    return await previewReply(draft, evaluation, this.deps);
  }

  private async confirm(draft: Draft, actor: Actor): Promise<Reply> {
    const lang = draft.fields.lang;
    if (draft.state === 'saved' && draft.measurementId) {
      const saved = await this.deps.repo.getMeasurement(draft.measurementId);
      if (saved) return savedReply(saved, lang, true, this.deps);
    }
    if (draft.state !== 'open')
      return { status: 'invalid', lang, text: messages(lang).measurements.gone, private: true };
    // Rights and values are checked again: they may have changed since the preview.
    const evaluation = await evaluateDraft(draft, actor, this.deps);
    if (evaluation.kind === 'reply') return evaluation.reply;
    const result = await this.deps.repo.confirmDraft(draft.id, evaluation.measurement);
    if ('error' in result)
      return { status: 'invalid', lang, text: messages(lang).measurements.gone, private: true };
    if (result.created) {
      await this.deps.repo.audit({
        actor: actorKey(actor),
        action: 'record',
        target: result.measurement.id,
        outcome: 'ok',
        requestId: actor.requestId,
      });
    }
    return savedReply(result.measurement, lang, !result.created, this.deps);
  }

  private async cancel(draft: Draft, actor: Actor): Promise<Reply> {
    const lang = draft.fields.lang;
    if (draft.state === 'saved') return this.confirm(draft, actor);
    await this.deps.repo.cancelDraft(draft.id);
    return { status: 'cancelled', lang, text: messages(lang).measurements.cancelled };
  }
}

export { shortId };
