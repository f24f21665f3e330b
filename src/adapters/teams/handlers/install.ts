import type { TurnContext } from 'botbuilder';
import { messages } from '../../../core/kernel/messages/index.ts';
import { actorOf, langOfLocale } from '../inbound.ts';
import { noteActivity, replyActivity } from '../outbound.ts';
import { forgetConversationReference, saveConversationReference } from '../references.ts';
import type { HandlerDeps } from './shared.ts';

/** installationUpdate: the app was added to (or removed from) a personal chat, team or group chat. */
export async function handleInstallationUpdate(context: TurnContext, deps: HandlerDeps): Promise<void> {
  const activity = context.activity;
  if (activity.action?.startsWith('remove')) {
    await forgetConversationReference(deps.stores.references, activity);
    deps.log.info({ conversationType: activity.conversation.conversationType }, 'Teams app removed');
    return;
  }
  await saveConversationReference(deps.stores.references, activity);
  deps.log.info({ conversationType: activity.conversation.conversationType }, 'Teams app installed');
}

/**
 * conversationUpdate: when the bot itself joins, save the address and say hello (the personal
 * overview in a personal chat, how to mention the bot elsewhere); when it leaves, forget it.
 */
export async function handleConversationUpdate(context: TurnContext, deps: HandlerDeps): Promise<void> {
  const activity = context.activity;
  const botId = activity.recipient?.id;
  if (activity.membersRemoved?.some((member) => member.id === botId)) {
    await forgetConversationReference(deps.stores.references, activity);
    return;
  }
  if (!activity.membersAdded?.some((member) => member.id === botId)) return;
  await saveConversationReference(deps.stores.references, activity);
  if (activity.conversation.conversationType === 'personal') {
    await context.sendActivity(replyActivity(await deps.router.homeView(actorOf(activity))));
  } else {
    const lang = langOfLocale(activity.locale);
    await context.sendActivity(noteActivity(messages(lang).adapters.teams.installedInChat, lang));
  }
}
