import { ActivityTypes, type TurnContext } from 'botbuilder';
import { offerFile } from '../files.ts';
import { actorOf, conversationOf, messageTextOf } from '../inbound.ts';
import type { HandlerDeps } from './shared.ts';

/**
 * A text message: personal chat, or a channel / group chat where the bot was @mentioned (Teams
 * only delivers those). The router sees the text without the mention. The turn ends once
 * "typing" is shown; the answer follows on its own (see later.ts), so a slow answer never runs
 * into Bot Framework's 15 s limit.
 */
export async function handleTextMessage(context: TurnContext, deps: HandlerDeps): Promise<void> {
  const activity = context.activity;
  const message = {
    actor: actorOf(activity),
    conversation: conversationOf(activity),
    text: messageTextOf(activity),
    ...(activity.id ? { messageId: activity.id } : {}),
  };
  await context.sendActivity({ type: ActivityTypes.Typing });
  deps.later.start(
    context,
    async () => await offerFile(deps.stores.files, activity, await deps.router.handleMessage(message)),
  );
}
