/**
 * The contract between the platform adapters (Slack, Teams, console) and the core.
 * Adapters turn their platform's events into these types and render `Reply` natively;
 * the router never sees a platform object.
 */

export type Platform = 'slack' | 'teams' | 'console';
export type Lang = 'fr' | 'en';

/** Who is talking: a user on a platform. `key` is "platform:userId" (e.g. "slack:U123"). */
export interface Actor {
  platform: Platform;
  userId: string;
  displayName?: string;
  /**
   * Where they write from: the Slack workspace (team id) or the Teams tenant id. With
   * BOUSSOLE_TENANTS it decides their académie; the console has none (the operator's own chat).
   */
  workspace?: string;
  /**
   * The platform request they act through (Slack event, Teams activity), for the audit rows the
   * core writes on their behalf; absent in the console and the CLI, whose request id is ambient
   * (platform/request-context.ts).
   */
  requestId?: string;
}

/** Where the exchange happens. A Slack thread or a Teams reply chain is its own conversation. */
export interface ConversationRef {
  platform: Platform;
  /** Slack channel or DM id, Teams conversation id, console session name. */
  conversationId: string;
  /** Slack thread_ts; undefined for DMs, Teams chats and the console. */
  threadId?: string;
  /** Direct message (personal chat) rather than a shared channel. */
  direct?: boolean;
}

export interface InboundMessage {
  actor: Actor;
  conversation: ConversationRef;
  /** Text with the bot mention already stripped. */
  text: string;
  /** Platform message id, used to answer a redelivered message once. */
  messageId?: string;
}

export interface Citation {
  /** The marker number used in the reply text: [n]. */
  n: number;
  id: string;
  /** Plan title (short form, e.g. "Feuille de route CASF 2025-2030"). */
  plan: string;
  planId: string;
  kind: string;
  /** Scope display name ("Cantal", "Académie de Clermont-Ferrand"). */
  scope: string;
  /** Section path: axis and objective titles. */
  path: string[];
  /** The cited item's full normalised text. */
  text: string;
  source: { file: string; lines: [number, number]; page: number | null };
}

export interface Button {
  /** Opaque id handed back to `Router.handleClick`; the confirm button's id starts with "confirm". */
  id: string;
  label: string;
  style?: 'primary' | 'danger';
}

/** A small form (measurement entry): Slack renders a modal, Teams an Adaptive Card with inputs. */
export interface FormSpec {
  title: string;
  /** Button id to send back with the field values. */
  submitId: string;
  submitLabel: string;
  fields: {
    id: string;
    label: string;
    value?: string;
    placeholder?: string;
    multiline?: boolean;
    optional?: boolean;
    options?: { value: string; label: string }[];
  }[];
}

export type ReplyStatus =
  | 'answered'
  | 'not_found'
  | 'preview'
  | 'saved'
  | 'invalid'
  | 'refused'
  | 'needs_input'
  | 'cancelled'
  | 'info'
  | 'error';

export interface Reply {
  status: ReplyStatus;
  lang: Lang;
  /**
   * Portable text: paragraphs separated by blank lines, "• " bullets, **bold**, and [n] citation
   * markers. User and plan text inside is NOT escaped: each renderer escapes for its platform.
   */
  text: string;
  citations?: Citation[];
  buttons?: Button[];
  /** A chart to show with the text. */
  image?: { png: Buffer; filename: string; title: string };
  /**
   * A file for the asker alone (the tracking table): Slack sends it in their DM, Teams asks them
   * to accept it in their personal chat, the console writes it to disk.
   */
  file?: { data: Buffer; filename: string; title: string; mime: string };
  form?: FormSpec;
  /**
   * Problems of a submitted form, by field id: a Slack modal shows them under the fields and
   * stays open instead of closing on an error.
   */
  fieldErrors?: Record<string, string>;
  /** One-line notice (e.g. "LLM indisponible : réponse hors ligne"). */
  notice?: string;
  /** Id of the logged answer, for 👍/👎 feedback. */
  answerId?: string;
  /** The reply is only useful to the asker (Slack: ephemeral in channels). */
  private?: boolean;
}

export interface Router {
  handleMessage(message: InboundMessage): Promise<Reply>;
  /** A personal overview (Slack App Home, Teams welcome): my indicators, deadlines, recent values. */
  homeView(actor: Actor): Promise<Reply>;
  /** A button press or a form submission (with its field values). */
  handleClick(
    actor: Actor,
    conversation: ConversationRef,
    buttonId: string,
    values?: Record<string, string>,
  ): Promise<Reply>;
}

/** A reminder's destination: a user (DM / personal chat) or a channel, on one platform. */
export interface Recipient {
  platform: Platform;
  kind: 'user' | 'channel';
  id: string;
}

export type DeliveryResult = { ok: true } | { ok: false; retryable: boolean; error: string };

/** What the scheduler tells a delivery port about the message it hands over. */
export interface DeliveryOptions {
  /** The reminder's idempotency key: the same key delivered twice must reach the person once. */
  idempotencyKey?: string;
  /** An earlier attempt with this key may have reached the platform (crash, timeout): look first. */
  redelivery?: boolean;
}

/**
 * How the scheduler reaches people: each adapter implements it for its platform. A port that can
 * tell whether a key was already delivered (console outbox, Slack message metadata) honours the
 * idempotency key; Teams cannot (README, « Garantie de remise des rappels »).
 */
export interface DeliveryPort {
  readonly platform: Platform;
  deliver(recipient: Recipient, reply: Reply, options?: DeliveryOptions): Promise<DeliveryResult>;
}

export function actorKey(actor: Pick<Actor, 'platform' | 'userId'>): string {
  return `${actor.platform}:${actor.userId}`;
}

export function conversationKey(conversation: ConversationRef): string {
  return `${conversation.platform}:${conversation.conversationId}:${conversation.threadId ?? ''}`;
}
