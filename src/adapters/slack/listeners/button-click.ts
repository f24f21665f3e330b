import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION, decodeTarget } from '../actions.ts';
import type { Destination } from '../post.ts';
import { workspaceOf } from '../users.ts';
import { answer } from './answer.ts';
import { forRequest, type ListenerDeps } from './deps.ts';
import { openFormModal } from './open-modal.ts';

/**
 * A router button (Confirmer / Modifier / Annuler, "Saisir maintenant", 👍/👎…): the button id and
 * the conversation come back in the value. The result replaces a preview, goes to the clicker
 * alone for feedback and ephemeral exchanges, and is posted in the thread otherwise. A result
 * carrying a form opens it in a modal while the click's trigger_id is still valid.
 */
export function registerButtonClick(app: App, base: ListenerDeps): void {
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ACTION.click },
    async ({ ack, body, action, respond, context }) => {
      const deps = forRequest(base, context);
      await ack();
      const target = decodeTarget(action.value);
      if (!target) {
        deps.log.warn({ actionId: action.action_id }, 'slack: click on a button this adapter did not render');
        return;
      }
      const { conversation } = target;
      const feedback = target.buttonId.startsWith('feedback:');
      let destination: Destination;
      if (target.replacesPreview && body.response_url)
        destination = { kind: 'respond', respond, replaceOriginal: true };
      else if ((target.ephemeral || feedback) && body.response_url) {
        destination = { kind: 'respond', respond, replaceOriginal: false };
      } else {
        destination = {
          kind: 'channel',
          channel: conversation.conversationId,
          ...(conversation.threadId ? { threadTs: conversation.threadId } : {}),
          ...(conversation.direct ? { direct: true } : {}),
        };
      }
      let modalOpened = false;
      await answer(deps, {
        surface: 'button',
        destination,
        conversation,
        asker: body.user.id,
        produce: async () => {
          const reply = await deps.router.handleClick(
            await deps.actorOf(body.user.id, workspaceOf(context)),
            conversation,
            target.buttonId,
          );
          if (reply.form) {
            modalOpened = await openFormModal(deps, body.trigger_id, reply, {
              conversation,
              replacesPreview: target.replacesPreview,
              ephemeral: target.ephemeral,
              ...(body.response_url ? { responseUrl: body.response_url } : {}),
            });
          }
          return reply;
        },
        formOpened: () => modalOpened,
        extras: () => ({ ephemeral: target.ephemeral }),
      });
    },
  );
}
