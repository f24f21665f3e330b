import { ActivityTypes, type TurnContext } from 'botbuilder';
import { actorOf, conversationOf, messageTextOf } from '../inbound.ts';
import { replyActivity } from '../outbound.ts';
import type { HandlerDeps } from './shared.ts';

/**
 * A text message: personal chat, or a channel / group chat where the bot was @mentioned (Teams
 * only delivers those). The router sees the text without the mention.
 */
export async function handleTextMessage(context: TurnContext, deps: HandlerDeps): Promise<void> {
  const activity = context.activity;
  const message = {
    actor: actorOf(activity),
    conversation: conversationOf(activity),
    text: messageTextOf(activity),
    ...(activity.id ? { messageId: activity.id } : {}),
  };
  // Answers can take a few seconds (plan search, LLM): show that something is happening.
  await context.sendActivity({ type: ActivityTypes.Typing });
  const reply = await deps.router.handleMessage(message);
  await context.sendActivity(replyActivity(reply));
}
