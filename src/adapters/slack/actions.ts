import type { ConversationRef } from '../../core/kernel/types.ts';

/** Action ids of the buttons the adapter renders; Bolt routes on them. */
export const ACTION = {
  /** A router button (Reply.buttons or 👍/👎): the value carries the button id and its conversation. */
  click: /^bsl:click:/u,
  clickId: (index: number | string) => `bsl:click:${index}`,
  /** "Partager dans le canal" under an ephemeral answer: the value is a stash token. */
  share: 'bsl:share',
  /** A form shown outside a click (no trigger_id yet): the value is a stash token. */
  openForm: 'bsl:form',
} as const;

/** callback_id of the modal that renders a FormSpec. */
export const FORM_CALLBACK_ID = 'bsl:form';

/**
 * What a button click or a modal submission needs to reach the router again. Slack hands it back
 * verbatim, so the adapter keeps no state per rendered message. Short keys: a button value is
 * limited to 2,000 characters and private_metadata to 3,000.
 */
interface Encoded {
  /** Router button id (or the form's submitId). */
  b: string;
  c: string;
  t?: string;
  d?: 1;
  /** The message holding the button is a preview: the click's reply replaces it. */
  p?: 1;
  /** The conversation is an ephemeral exchange (slash command): answer the clicker only. */
  e?: 1;
  /** Modal metadata only: the response_url of the click or command that opened the modal. */
  r?: string;
}

export interface ActionTarget {
  buttonId: string;
  conversation: ConversationRef;
  replacesPreview: boolean;
  ephemeral: boolean;
  responseUrl?: string;
}

export function encodeTarget(target: ActionTarget): string {
  const { conversation } = target;
  const value: Encoded = { b: target.buttonId, c: conversation.conversationId };
  if (conversation.threadId) value.t = conversation.threadId;
  if (conversation.direct) value.d = 1;
  if (target.replacesPreview) value.p = 1;
  if (target.ephemeral) value.e = 1;
  if (target.responseUrl) value.r = target.responseUrl;
  return JSON.stringify(value);
}

/** Undefined for a value this adapter did not write (an old message, a forged payload). */
export function decodeTarget(raw: string | undefined): ActionTarget | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<Encoded>;
    if (typeof value.b !== 'string' || typeof value.c !== 'string') return undefined;
    const conversation: ConversationRef = { platform: 'slack', conversationId: value.c };
    if (typeof value.t === 'string') conversation.threadId = value.t;
    if (value.d === 1) conversation.direct = true;
    return {
      buttonId: value.b,
      conversation,
      replacesPreview: value.p === 1,
      ephemeral: value.e === 1,
      ...(typeof value.r === 'string' ? { responseUrl: value.r } : {}),
    };
  } catch {
    return undefined;
  }
}
