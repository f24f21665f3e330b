import type { TurnContext } from 'botbuilder';
import { messages } from '../../../core/kernel/messages/index.ts';
import type { Reply } from '../../../core/kernel/types.ts';
import { actorOf, conversationOf, langOfLocale, type Submit } from '../inbound.ts';
import { noteActivity, replyActivity } from '../outbound.ts';
import { releaseCardSubmits, submitKeys } from '../submits.ts';
import type { HandlerDeps } from './shared.ts';

/**
 * An Adaptive Card Action.Submit (a button, or a form with its values). Handled once: a
 * redelivered activity is dropped silently, a second click on the same card gets a short note,
 * so "Confirmer" records a measurement a single time. On a step of an entry flow (a preview…)
 * the result replaces the card clicked, as Slack does, so its buttons do not stay live.
 */
export async function handleCardSubmit(
  context: TurnContext,
  submit: Submit,
  deps: HandlerDeps,
): Promise<void> {
  const activity = context.activity;
  const conversation = conversationOf(activity);
  const keys = submitKeys({
    ...(activity.id ? { activityId: activity.id } : {}),
    conversationId: conversation.conversationId,
    ...(activity.replyToId ? { replyToId: activity.replyToId } : {}),
    buttonId: submit.buttonId,
    values: submit.values,
  });
  // Claimed before it is handled, so a second delivery arriving meanwhile is refused too.
  const claim = await deps.stores.submits.claim(keys, new Date());
  if (!claim.ok) {
    deps.log.info(
      { buttonId: submit.buttonId, duplicateOf: claim.duplicateOf },
      'Teams card submit already handled',
    );
    if (claim.duplicateOf === 'card') {
      // In the card's language: the note sits under it, whatever the client's locale.
      const lang = submit.lang ?? langOfLocale(activity.locale);
      await context.sendActivity(noteActivity(messages(lang).adapters.teams.alreadyHandled, lang));
    }
    return;
  }
  const values = Object.keys(submit.values).length > 0 ? submit.values : undefined;
  let reply: Reply;
  try {
    reply = await deps.router.handleClick(actorOf(activity), conversation, submit.buttonId, values);
  } catch (error) {
    // Nothing was done: let the user press the button again.
    await deps.stores.submits.release(keys);
    throw error;
  }
  // A private reply (someone else's entry) is for the clicker: the card stays as its owner left it.
  if (submit.replace && activity.replyToId && !reply.private) {
    try {
      await context.updateActivity({ ...replyActivity(reply), id: activity.replyToId });
      await releaseCardSubmits(
        deps.stores.submits,
        conversation.conversationId,
        activity.replyToId,
        keys.card,
      );
      return;
    } catch (error) {
      deps.log.warn({ err: error }, 'Teams card could not be updated, answering below it');
    }
  }
  await context.sendActivity(replyActivity(reply));
}
