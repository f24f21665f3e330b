import type { App, BlockButtonAction } from '@slack/bolt';
import { messages } from '../../../core/kernel/messages/index.ts';
import { ACTION } from '../actions.ts';
import { describeError } from '../errors.ts';
import { appendContext } from '../render.ts';
import { escapeMrkdwn } from '../render-text.ts';
import { forRequest, type ListenerDeps } from './deps.ts';
import type { ShareStash } from './slash-command.ts';

/**
 * "Partager dans le canal" under an ephemeral slash-command answer: reposts it for everyone
 * through the response_url (which works even where the bot is not a member) and removes the
 * ephemeral copy.
 */
export function registerShare(app: App, base: ListenerDeps): void {
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ACTION.share },
    async ({ ack, body, action, respond, context }) => {
      const deps = forRequest(base, context);
      await ack();
      const stashed = await deps.state.unstash<ShareStash>('share', action.value ?? '');
      try {
        if (!stashed) {
          const text = escapeMrkdwn(messages('fr').adapters.slack.shareExpired);
          await respond({ response_type: 'ephemeral', replace_original: false, text });
          return;
        }
        const l = messages(stashed.lang).adapters.slack;
        // The user id comes from Slack's signed payload: a real mention, not text to escape.
        const shared = appendContext(stashed.messages, `_${escapeMrkdwn(l.sharedBy)} <@${body.user.id}>_`);
        for (const message of shared) {
          await respond({
            response_type: 'in_channel',
            replace_original: false,
            text: message.text,
            blocks: message.blocks,
          });
        }
        await respond({ delete_original: true });
      } catch (error) {
        deps.log.error({ err: describeError(error) }, 'slack: share failed');
        await deps.poster.postFailure(
          { kind: 'respond', respond, replaceOriginal: false },
          stashed?.lang ?? 'fr',
        );
      }
    },
  );
}
