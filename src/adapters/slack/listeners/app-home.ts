import type { App } from '@slack/bolt';
import { messages } from '../../../core/kernel/messages/index.ts';
import type { ConversationRef, Reply } from '../../../core/kernel/types.ts';
import { describeError } from '../errors.ts';
import { renderHome } from '../render.ts';
import { workspaceOf } from '../users.ts';
import { forRequest, type ListenerDeps } from './deps.ts';

/**
 * The App Home tab: the router's personal overview (my indicators, upcoming deadlines, recent
 * measurements), published each time it is opened. Its buttons answer in the user's DM with the
 * app, which the event names as `channel`.
 */
export function registerAppHome(app: App, base: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    const deps = forRequest(base, context);
    if (event.tab !== 'home') return;
    const conversation: ConversationRef = { platform: 'slack', conversationId: event.channel, direct: true };
    let reply: Reply;
    try {
      reply = await deps.router.homeView(await deps.actorOf(event.user, workspaceOf(context)));
    } catch (error) {
      deps.log.error({ err: describeError(error) }, 'slack: homeView failed');
      reply = { status: 'error', lang: 'fr', text: messages('fr').adapters.slack.failure };
    }
    try {
      await client.views.publish({ user_id: event.user, view: renderHome(reply, conversation) });
    } catch (error) {
      deps.log.error({ err: describeError(error) }, 'slack: views.publish failed');
    }
  });
}
