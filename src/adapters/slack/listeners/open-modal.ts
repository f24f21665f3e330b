import type { Reply } from '../../../core/kernel/types.ts';
import { type ActionTarget, encodeTarget } from '../actions.ts';
import { describeError } from '../errors.ts';
import { renderFormModal } from '../render.ts';
import type { ListenerDeps } from './deps.ts';

/**
 * Opens the modal of `reply.form`. The trigger_id is only valid three seconds after the click, so
 * false (not an exception) tells the caller to fall back on an "Ouvrir le formulaire" button.
 */
export async function openFormModal(
  deps: ListenerDeps,
  triggerId: string | undefined,
  reply: Pick<Reply, 'lang' | 'text' | 'status' | 'form'>,
  target: Omit<ActionTarget, 'buttonId'>,
): Promise<boolean> {
  const form = reply.form;
  if (!form || !triggerId) return false;
  const metadata = encodeTarget({ ...target, buttonId: form.submitId });
  try {
    await deps.client.views.open({ trigger_id: triggerId, view: renderFormModal(form, reply, metadata) });
    return true;
  } catch (error) {
    deps.log.warn({ err: describeError(error) }, 'slack: views.open failed, offering a button instead');
    return false;
  }
}
