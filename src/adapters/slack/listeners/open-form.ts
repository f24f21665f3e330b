import type { App, BlockButtonAction } from '@slack/bolt';
import { messages } from '../../../core/kernel/messages/index.ts';
import { ACTION } from '../actions.ts';
import { escapeMrkdwn } from '../render-text.ts';
import type { FormStash } from './answer.ts';
import { forRequest, type ListenerDeps } from './deps.ts';
import { openFormModal } from './open-modal.ts';

/** "Ouvrir le formulaire": a form that came with a message (no trigger_id then) opens on this click. */
export function registerOpenForm(app: App, base: ListenerDeps): void {
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ACTION.openForm },
    async ({ ack, body, action, respond, context }) => {
      const deps = forRequest(base, context);
      await ack();
      const stashed = await deps.state.unstash<FormStash>('form', action.value ?? '');
      const opened =
        stashed !== undefined &&
        (await openFormModal(deps, body.trigger_id, stashed.reply, {
          conversation: stashed.conversation,
          replacesPreview: false,
          ephemeral: stashed.ephemeral,
          ...(body.response_url ? { responseUrl: body.response_url } : {}),
        }));
      if (opened) return;
      const text = escapeMrkdwn(messages(stashed?.reply.lang ?? 'fr').adapters.slack.formExpired);
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((error: unknown) =>
        deps.log.warn({ err: String(error) }, 'slack: could not say the form expired'),
      );
    },
  );
}
