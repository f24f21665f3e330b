import { type Activity, TurnContext } from 'botbuilder';
import { DEFAULT_LANG, isLang } from '../../core/kernel/messages/index.ts';
import type { Actor, ConversationRef, Lang } from '../../core/kernel/types.ts';
import { FIELD_PREFIX } from './render.ts';

/**
 * The user as the core knows them: their Entra ID object id when Teams sends it (stable across
 * apps, and what an administrator can look up), else the Teams user id ("29:…").
 */
export function actorOf(activity: Activity): Actor {
  const from = activity.from;
  const tenant = tenantOf(activity);
  const requestId = requestIdOf(activity);
  return {
    platform: 'teams',
    userId: from.aadObjectId || from.id,
    ...(from.name ? { displayName: from.name } : {}),
    ...(tenant ? { workspace: tenant } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/**
 * The activity's id as the request id of its log lines and audit rows ("teams:…"). Passed, not
 * ambient: an AsyncLocalStorage turned on Node 20's promise hooks for every promise of the
 * process (~0.5 ms of CPU per message).
 */
export function requestIdOf(activity: Partial<Activity> | undefined): string | undefined {
  return typeof activity?.id === 'string' && activity.id ? `teams:${activity.id}` : undefined;
}

/**
 * The Microsoft Entra tenant the person writes from (conversation.tenantId, or channelData.tenant
 * in channels): it decides their académie (BOUSSOLE_TENANTS). Requests are authenticated by the
 * Bot Framework before they get here (cloud-adapter.ts), so the tenant is the connector's word.
 */
function tenantOf(activity: Activity): string | undefined {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const id = activity.conversation?.tenantId ?? data?.tenant?.id;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * Memory is per chat: a personal chat, a group chat, or a channel reply chain (Teams puts
 * ";messageid=…" in the conversation id of a channel thread, so each thread is its own).
 */
export function conversationOf(activity: Activity): ConversationRef {
  return {
    platform: 'teams',
    conversationId: activity.conversation.id,
    direct: activity.conversation.conversationType === 'personal',
  };
}

/** A channel's id without the reply chain suffix: where a new post (a reminder) goes. */
export function channelKey(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The message text with the bot's own mention removed (channels and group chats) and the other
 * mentions reduced to the person's name. Teams may also send a few HTML entities (&nbsp; after a
 * mention), which are decoded.
 */
export function messageTextOf(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  // Mutates activity.text, which nothing reads after this point.
  const withoutBot = activity.recipient ? TurnContext.removeRecipientMention(activity) : activity.text;
  return (withoutBot ?? '')
    .replace(/<at>([^<]*)<\/at>/giu, '$1')
    .replace(
      /&(nbsp|amp|lt|gt|quot|apos|#39);/gu,
      (_, name: string) => (name === '#39' ? "'" : ENTITIES[name]) ?? '',
    )
    .replace(/[ \t\u00A0]+/gu, ' ')
    .replace(/ *\n */gu, '\n')
    .trim();
}

export interface Submit {
  buttonId: string;
  values: Record<string, string>;
  /** The language of the card clicked (older cards and the Playground send none). */
  lang?: Lang;
  /** The card was a step of an entry flow: the result replaces it. */
  replace: boolean;
}

/** An Action.Submit arrives as a message whose `value` holds the card data and the inputs. */
export function submitOf(activity: Activity): Submit | null {
  const value = activity.value as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const data = value as Record<string, unknown>;
  if (typeof data.buttonId !== 'string' || data.buttonId === '') return null;
  const values: Record<string, string> = {};
  for (const [key, raw] of Object.entries(data)) {
    if (!key.startsWith(FIELD_PREFIX) || raw === undefined || raw === null) continue;
    values[key.slice(FIELD_PREFIX.length)] = String(raw);
  }
  const lang = isLang(data.lang) ? data.lang : undefined;
  return { buttonId: data.buttonId, values, replace: data.replace === 1, ...(lang ? { lang } : {}) };
}

/** Teams sends the client's locale ("fr-FR", "en-US"); French unless the client is in English. */
export function langOfLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LANG;
}
