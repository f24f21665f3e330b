import type { App } from '@slack/bolt';
import type { ConversationRef } from '../../../core/kernel/types.ts';
import { toPlainText } from '../inbound.ts';
import { workspaceOf } from '../users.ts';
import { answer } from './answer.ts';
import { forRequest, type ListenerDeps } from './deps.ts';

/** "@Boussole …" in a channel: answered in the thread of the message (which starts one if needed). */
export function registerAppMention(app: App, base: ListenerDeps): void {
  app.event('app_mention', async ({ event, context }) => {
    const deps = forRequest(base, context);
    const user = event.user;
    if (!user || event.bot_id || user === deps.botUserId) return;
    const threadTs = event.thread_ts ?? event.ts;
    const conversation: ConversationRef = {
      platform: 'slack',
      conversationId: event.channel,
      threadId: threadTs,
    };
    const text = toPlainText(event.text, deps.botUserId);
    await answer(deps, {
      surface: 'app_mention',
      destination: { kind: 'channel', channel: event.channel, threadTs },
      conversation,
      asker: user,
      langHint: text,
      produce: async () =>
        deps.router.handleMessage({
          actor: await deps.actorOf(user, workspaceOf(context)),
          conversation,
          text,
          messageId: `${event.channel}:${event.ts}`,
        }),
    });
  });
}
