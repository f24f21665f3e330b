import { detectLanguage } from '../../../core/kernel/language.ts';
import type { ConversationRef, Reply } from '../../../core/kernel/types.ts';
import { describeError } from '../errors.ts';
import type { Destination } from '../post.ts';
import type { RenderOptions } from '../render.ts';
import type { ListenerDeps } from './deps.ts';

export interface AnswerRequest {
  destination: Destination;
  conversation: ConversationRef;
  /** Calls the router. */
  produce: () => Promise<Reply>;
  /** The user's words, to apologise in their language when the router gives no Reply. */
  langHint?: string;
  /** The asker, so that a private Reply in a channel goes to them alone. */
  asker?: string;
  /** Extra rendering (share button…), decided from the Reply. */
  extras?: (reply: Reply) => Partial<RenderOptions> | Promise<Partial<RenderOptions>>;
  /** True when the Reply's form is already open in a modal: the modal is the answer, nothing is posted. */
  formOpened?: () => boolean;
  /** For logs. */
  surface: string;
}

/**
 * The common path of every surface: ask the router, render, post; and when anything fails, log it
 * and tell the user in a short message instead of leaving them without an answer.
 */
export async function answer(deps: ListenerDeps, request: AnswerRequest): Promise<void> {
  const { log, poster } = deps;
  const started = performance.now();
  let reply: Reply;
  try {
    reply = await request.produce();
  } catch (error) {
    log.error({ err: describeError(error), surface: request.surface }, 'slack: the router failed');
    await poster.postFailure(request.destination, detectLanguage(request.langHint ?? ''));
    return;
  }
  if (request.formOpened?.()) return;
  const destination = privateIfNeeded(request.destination, reply, request.asker);
  try {
    const options: RenderOptions = { conversation: request.conversation, ...(await request.extras?.(reply)) };
    if (reply.form && !options.formToken) options.formToken = await stashForm(deps, reply, options);
    await poster.post(destination, reply, options, request.asker);
    // One line per answered request: with the request id (log mixin) it ties the event to the
    // router's work and to the rows it wrote.
    log.info(
      { surface: request.surface, status: reply.status, ms: Math.round(performance.now() - started) },
      'slack: replied',
    );
  } catch (error) {
    log.error({ err: describeError(error), surface: request.surface }, 'slack: could not post the reply');
    await poster.postFailure(destination, reply.lang);
  }
}

/**
 * A Reply marked private is shown to the asker only: in a shared channel it is ephemeral, and on
 * a click's response_url it never replaces the message clicked (a stranger's click on someone's
 * preview must leave it as it is for everyone).
 */
function privateIfNeeded(destination: Destination, reply: Reply, asker: string | undefined): Destination {
  if (!reply.private) return destination;
  if (destination.kind === 'respond') return { ...destination, replaceOriginal: false };
  if (!asker || destination.kind !== 'channel' || destination.direct) return destination;
  return {
    kind: 'ephemeral',
    channel: destination.channel,
    user: asker,
    ...(destination.threadTs ? { threadTs: destination.threadTs } : {}),
  };
}

/** What the "Ouvrir le formulaire" button needs to open the modal later. */
export interface FormStash {
  reply: Pick<Reply, 'lang' | 'text' | 'status'> & { form: NonNullable<Reply['form']> };
  conversation: ConversationRef;
  ephemeral: boolean;
}

/** A form that arrives without a trigger_id (a message, not a click) waits behind a button. */
export async function stashForm(
  deps: ListenerDeps,
  reply: Reply,
  options: RenderOptions,
): Promise<string | undefined> {
  if (!reply.form) return undefined;
  const payload: FormStash = {
    reply: { lang: reply.lang, text: reply.text, status: reply.status, form: reply.form },
    conversation: options.conversation,
    ephemeral: options.ephemeral === true,
  };
  return deps.state.stash('form', payload);
}
