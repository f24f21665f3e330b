import type { App, ViewStateValue } from '@slack/bolt';
import { decodeTarget, FORM_CALLBACK_ID } from '../actions.ts';
import type { Destination } from '../post.ts';
import { renderFormModal } from '../render.ts';
import { clip } from '../render-text.ts';
import { respondVia } from '../respond-url.ts';
import { workspaceOf } from '../users.ts';
import { answer } from './answer.ts';
import { forRequest, type ListenerDeps } from './deps.ts';

/** Slack closes a modal with an error after 3 s without ack; the router gets most of that budget. */
const ACK_BUDGET_MS = 2000;

/**
 * The measurement modal is submitted: its values go to router.handleClick with the form's
 * submitId. When the router answers in time with the form again (invalid input), the modal is
 * updated in place; otherwise the modal closes and the result replaces the preview (through the
 * response_url kept in private_metadata) or is posted in the conversation.
 */
export function registerFormSubmit(app: App, base: ListenerDeps): void {
  app.view(FORM_CALLBACK_ID, async ({ ack, body, view, context }) => {
    const deps = forRequest(base, context);
    const target = decodeTarget(view.private_metadata);
    if (!target) {
      await ack();
      deps.log.warn('slack: modal submitted without metadata');
      return;
    }
    const values = readValues(view.state.values);
    const pending = (async () =>
      deps.router.handleClick(
        await deps.actorOf(body.user.id, workspaceOf(context)),
        target.conversation,
        target.buttonId,
        values,
      ))();
    const early = await settleWithin(pending, ACK_BUDGET_MS);
    const fieldErrors = early.state === 'done' ? fieldErrorsOf(early.value.fieldErrors, view) : undefined;
    if (fieldErrors) {
      // Slack keeps the modal open and shows each message under its field.
      await ack({ response_action: 'errors', errors: fieldErrors });
      return;
    }
    if (early.state === 'done' && early.value.form && early.value.status === 'invalid') {
      await ack({
        response_action: 'update',
        view: renderFormModal(early.value.form, early.value, view.private_metadata),
      });
      return;
    }
    await ack();
    const { conversation } = target;
    let destination: Destination;
    if (target.responseUrl) {
      destination = {
        kind: 'respond',
        respond: respondVia(target.responseUrl),
        replaceOriginal: target.replacesPreview,
      };
    } else {
      destination = {
        kind: 'channel',
        channel: conversation.conversationId,
        ...(conversation.threadId ? { threadTs: conversation.threadId } : {}),
        ...(conversation.direct ? { direct: true } : {}),
      };
    }
    await answer(deps, {
      surface: 'form_submit',
      destination,
      conversation,
      asker: body.user.id,
      langHint: Object.values(values).join(' '),
      produce: () => pending,
      extras: () => ({ ephemeral: target.ephemeral }),
    });
  });
}

/** Field id → typed or chosen value; empty optional fields are left out. */
export function readValues(state: Record<string, Record<string, ViewStateValue>>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state)) {
    const input = actions.value;
    const value = input?.selected_option?.value ?? input?.value;
    if (typeof value === 'string' && value !== '') values[blockId] = value;
  }
  return values;
}

/** Shown under the field: a short paragraph at most, and only on fields this modal has. */
const FIELD_ERROR_CHARS = 300;

function fieldErrorsOf(
  errors: Record<string, string> | undefined,
  view: { blocks: { block_id?: string }[] },
): Record<string, string> | undefined {
  const blocks = new Set(view.blocks.map((block) => block.block_id));
  const kept = Object.entries(errors ?? {}).filter(([field]) => blocks.has(field));
  if (!kept.length) return undefined;
  return Object.fromEntries(kept.map(([field, message]) => [field, clip(message, FIELD_ERROR_CHARS)]));
}

type Settled<T> = { state: 'done'; value: T } | { state: 'failed' } | { state: 'pending' };

async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'pending' }), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value): Settled<T> => ({ state: 'done', value }),
        (): Settled<T> => ({ state: 'failed' }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
