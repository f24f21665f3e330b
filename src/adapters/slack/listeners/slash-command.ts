import type { App } from '@slack/bolt';
import type { ConversationRef, Reply } from '../../../core/kernel/types.ts';
import { slashToText, toPlainText } from '../inbound.ts';
import { renderReply, type SlackMessage } from '../render.ts';
import { workspaceOf } from '../users.ts';
import { answer } from './answer.ts';
import { forRequest, type ListenerDeps } from './deps.ts';
import { openFormModal } from './open-modal.ts';

export const SLASH_COMMAND = '/boussole';

/** Answers worth showing to the whole channel; flows with buttons (a preview) are not. */
const SHAREABLE = new Set<Reply['status']>(['answered', 'not_found', 'info']);

/** What "Partager dans le canal" reposts. */
export interface ShareStash {
  messages: SlackMessage[];
  lang: Reply['lang'];
}

/**
 * /boussole aide | question … | saisir … | indicateur … | échéances | export. Acknowledged at once,
 * answered through the response_url, ephemeral, with a button to share the answer in the channel.
 */
export function registerSlashCommand(app: App, base: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, context }) => {
    const deps = forRequest(base, context);
    await ack();
    const direct = command.channel_id.startsWith('D');
    const conversation: ConversationRef = {
      platform: 'slack',
      conversationId: command.channel_id,
      ...(direct ? { direct: true } : {}),
    };
    const text = slashToText(toPlainText(command.text, deps.botUserId));
    let modalOpened = false;
    await answer(deps, {
      surface: 'slash_command',
      destination: { kind: 'respond', respond, replaceOriginal: false },
      conversation,
      asker: command.user_id,
      langHint: text,
      produce: async () => {
        const reply = await deps.router.handleMessage({
          actor: await deps.actorOf(command.user_id, workspaceOf(context)),
          conversation,
          text,
        });
        // A form straight away ("saisir …" with nothing to preview): the command's trigger_id opens it.
        if (reply.form) {
          modalOpened = await openFormModal(deps, command.trigger_id, reply, {
            conversation,
            replacesPreview: false,
            ephemeral: true,
            responseUrl: command.response_url,
          });
        }
        return reply;
      },
      extras: async (reply) => {
        const extras: { ephemeral: true; shareToken?: string } = { ephemeral: true };
        if (SHAREABLE.has(reply.status) && !reply.form && !reply.buttons?.length) {
          const share: ShareStash = { messages: renderReply(reply, { conversation }), lang: reply.lang };
          extras.shareToken = await deps.state.stash('share', share);
        }
        return extras;
      },
      formOpened: () => modalOpened,
    });
  });
}
