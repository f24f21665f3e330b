import type { TurnContext } from 'botbuilder';
import type { Reply } from '../../../core/router/types.ts';
import { actorOf, conversationOf, type Submit } from '../inbound.ts';
import { labelsFor, langOfLocale } from '../labels.ts';
import { noteActivity, replyActivity } from '../outbound.ts';
import { claimSubmit, releaseSubmit, submitKeys } from '../submits.ts';
import type { HandlerDeps } from './shared.ts';

/**
 * An Adaptive Card Action.Submit (a button, or a form with its values). Handled once: a
 * redelivered activity is dropped silently, a second click on the same card gets a short note,
 * so "Confirmer" records a measurement a single time.
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
  const claim = claimSubmit(deps.db, keys);
  if (!claim.ok) {
    deps.log.info(
      { buttonId: submit.buttonId, duplicateOf: claim.duplicateOf },
      'Teams card submit already handled',
    );
    if (claim.duplicateOf === 'card') {
      const lang = langOfLocale(activity.locale);
      await context.sendActivity(noteActivity(labelsFor(lang).alreadyHandled, lang));
    }
    return;
  }
  const values = Object.keys(submit.values).length > 0 ? submit.values : undefined;
  let reply: Reply;
  try {
    reply = await deps.router.handleClick(actorOf(activity), conversation, submit.buttonId, values);
  } catch (error) {
    // Nothing was done: let the user press the button again.
    releaseSubmit(deps.db, keys);
    throw error;
  }
  await context.sendActivity(replyActivity(reply));
}
