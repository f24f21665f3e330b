import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import type { TeamsConversationKind, TeamsReferenceStore } from '../../store/ports.ts';
import { channelKey } from './inbound.ts';

export type StoredReference = Partial<ConversationReference>;

function kindOf(activity: Activity): TeamsConversationKind {
  const type = activity.conversation.conversationType;
  if (type === 'channel' || type === 'groupChat' || type === 'personal') return type;
  return activity.conversation.isGroup ? 'groupChat' : 'personal';
}

function teamsDataOf(activity: Activity): { channel?: { id?: string }; team?: { id?: string } } {
  return (activity.channelData ?? {}) as { channel?: { id?: string }; team?: { id?: string } };
}

function referenceKey(activity: Activity): string {
  if (kindOf(activity) !== 'channel') return activity.conversation.id;
  return teamsDataOf(activity).channel?.id ?? channelKey(activity.conversation.id);
}

/**
 * Saves (or refreshes: the service URL can change) the address of the conversation an activity
 * came from, so the bot can later post there on its own. Returns the key it was stored under.
 */
export async function saveConversationReference(
  store: TeamsReferenceStore,
  activity: Activity,
  now = new Date(),
): Promise<string> {
  const kind = kindOf(activity);
  const reference: StoredReference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  const key = referenceKey(activity);
  if (reference.conversation) reference.conversation = { ...reference.conversation, id: key };
  // In a personal chat the other party is the user; updates sent by the bot itself carry no user.
  const user =
    kind === 'personal' && activity.from?.id !== activity.recipient?.id ? activity.from : undefined;
  await store.save({
    conversationId: key,
    kind,
    userId: user?.id ?? null,
    aadObjectId: user?.aadObjectId ?? null,
    teamId: teamsDataOf(activity).team?.id ?? null,
    tenantId: activity.conversation.tenantId ?? null,
    reference,
    updatedAt: now,
  });
  return key;
}

/** The app was removed: posting there would only fail. */
export async function forgetConversationReference(
  store: TeamsReferenceStore,
  activity: Activity,
): Promise<void> {
  await store.forget(referenceKey(activity));
}

/** The personal chat of a user, by Teams user id or Entra object id (the most recent one). */
export async function findUserReference(
  store: TeamsReferenceStore,
  userId: string,
): Promise<StoredReference | null> {
  return (await store.findPersonal(userId)) as StoredReference | null;
}

/** A channel (a thread id is accepted: its channel is used) or a group chat. */
export async function findChannelReference(
  store: TeamsReferenceStore,
  conversationId: string,
): Promise<StoredReference | null> {
  return (await store.findShared(channelKey(conversationId), conversationId)) as StoredReference | null;
}
