import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import type { Db } from '../../store/db.ts';
import { channelKey } from './inbound.ts';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';
export type StoredReference = Partial<ConversationReference>;

function kindOf(activity: Activity): ConversationKind {
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
export function saveConversationReference(db: Db, activity: Activity, now = new Date()): string {
  const kind = kindOf(activity);
  const reference: StoredReference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  const key = referenceKey(activity);
  if (reference.conversation) reference.conversation = { ...reference.conversation, id: key };
  // In a personal chat the other party is the user; updates sent by the bot itself carry no user.
  const user =
    kind === 'personal' && activity.from?.id !== activity.recipient?.id ? activity.from : undefined;
  db.prepare(
    `INSERT INTO teams_conversations
       (conversation_id, kind, user_id, aad_object_id, team_id, tenant_id, reference, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET
       kind = excluded.kind,
       user_id = COALESCE(excluded.user_id, user_id),
       aad_object_id = COALESCE(excluded.aad_object_id, aad_object_id),
       team_id = COALESCE(excluded.team_id, team_id),
       tenant_id = COALESCE(excluded.tenant_id, tenant_id),
       reference = excluded.reference,
       updated_at = excluded.updated_at`,
  ).run(
    key,
    kind,
    user?.id ?? null,
    user?.aadObjectId ?? null,
    teamsDataOf(activity).team?.id ?? null,
    activity.conversation.tenantId ?? null,
    JSON.stringify(reference),
    now.toISOString(),
  );
  return key;
}

/** The app was removed: posting there would only fail. */
export function forgetConversationReference(db: Db, activity: Activity): void {
  db.prepare('DELETE FROM teams_conversations WHERE conversation_id = ?').run(referenceKey(activity));
}

/** The personal chat of a user, by Teams user id or Entra object id (the most recent one). */
export function findUserReference(db: Db, userId: string): StoredReference | null {
  const row = db
    .prepare(
      `SELECT reference FROM teams_conversations
       WHERE kind = 'personal' AND (user_id = ? OR aad_object_id = ?)
       ORDER BY updated_at DESC LIMIT 1`,
    )
    .get(userId, userId) as { reference: string } | undefined;
  return row ? (JSON.parse(row.reference) as StoredReference) : null;
}

/** A channel (a thread id is accepted: its channel is used) or a group chat. */
export function findChannelReference(db: Db, conversationId: string): StoredReference | null {
  const row = db
    .prepare(
      `SELECT reference FROM teams_conversations
       WHERE kind IN ('channel', 'groupChat') AND conversation_id IN (?, ?)
       LIMIT 1`,
    )
    .get(channelKey(conversationId), conversationId) as { reference: string } | undefined;
  return row ? (JSON.parse(row.reference) as StoredReference) : null;
}
