import type { App } from '@slack/bolt';
import type { ConversationRef } from '../../../core/kernel/types.ts';
import { mentionsBot, toPlainText } from '../inbound.ts';
import type { Destination } from '../post.ts';
import { workspaceOf } from '../users.ts';
import { answer } from './answer.ts';
import { forRequest, type ListenerDeps } from './deps.ts';

/**
 * Plain messages: every DM, and in channels only the follow-ups in a thread the bot already
 * answered. Edits, joins, bot posts and our own messages carry a subtype or a bot_id and are
 * skipped, which also prevents two bots from answering each other forever.
 */
export function registerMessage(app: App, base: ListenerDeps): void {
  app.event('message', async ({ event, context }) => {
    if (event.subtype !== undefined) return;
    if (event.bot_id || !event.user || event.user === base.botUserId) return;
    const { channel, user } = event;
    const direct = event.channel_type === 'im';
    let conversation: ConversationRef;
    let destination: Destination;
    if (direct) {
      conversation = { platform: 'slack', conversationId: channel, direct: true };
      destination = {
        kind: 'channel',
        channel,
        direct: true,
        ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
      };
    } else {
      const threadTs = event.thread_ts;
      // A tagged message also arrives as app_mention, which answers it.
      if (!threadTs || mentionsBot(event.text, base.botUserId)) return;
      if (!(await base.state.isAnsweredThread(channel, threadTs))) return;
      conversation = { platform: 'slack', conversationId: channel, threadId: threadTs };
      destination = { kind: 'channel', channel, threadTs };
    }
    const text = toPlainText(event.text, base.botUserId);
    if (!text) return;
    // Most messages of a channel are not for the bot: only those it answers get per-request deps.
    const deps = forRequest(base, context);
    await answer(deps, {
      surface: direct ? 'dm' : 'thread',
      destination,
      conversation,
      asker: user,
      langHint: text,
      produce: async () =>
        deps.router.handleMessage({
          actor: await deps.actorOf(user, workspaceOf(context)),
          conversation,
          text,
          messageId: `${channel}:${event.ts}`,
        }),
    });
  });
}
