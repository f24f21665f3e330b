import type { Reply } from '../core/kernel/types.ts';

/**
 * The ports through which the adapters reach the state they keep: the only part of src/store they
 * may import. The store owns the tables behind them (their migrations, their SQL, their retention);
 * the SQLite implementations live beside this file, the PostgreSQL ones in postgres/, in-memory
 * fakes in test/fakes/. Asynchronous because PostgreSQL is: the SQLite ones resolve at once. Every
 * method may reject when the database cannot be read or written: what to fall back to is the
 * adapter's call.
 */

/** Slack (migration 011_slack.sql): processed event ids, answered threads, stashed payloads. */
export interface SlackStateStore {
  /** Records an event id received at `at` (ms since epoch); false when it was recorded before. */
  claimEvent(eventId: string, at: number): Promise<boolean>;
  /** Notes that the bot answered in a thread at `at`. */
  rememberThread(channelId: string, threadTs: string, at: number): Promise<void>;
  /** Whether the bot answered in the thread recently enough, seen from `at`, to follow it still. */
  isAnsweredThread(channelId: string, threadTs: string, at: number): Promise<boolean>;
  /** Keeps a JSON payload under a token for a button or form to hand back (a day). */
  putStash(token: string, kind: string, payload: string, at: number): Promise<void>;
  /** The payload stashed under the token for that kind, unless expired at `at`. */
  getStash(token: string, kind: string, at: number): Promise<string | undefined>;
}

export type TeamsConversationKind = 'personal' | 'channel' | 'groupChat';

/** A conversation the Teams bot may post to on its own (migration 010_teams.sql). */
export interface TeamsConversation {
  /** The key: a personal or group chat's id, or a channel's id (never a thread's). */
  conversationId: string;
  kind: TeamsConversationKind;
  /** In a personal chat, the user (Teams id and Entra object id). */
  userId: string | null;
  aadObjectId: string | null;
  teamId: string | null;
  tenantId: string | null;
  /** The botbuilder ConversationReference, stored as JSON. */
  reference: unknown;
  updatedAt: Date;
}

/** Teams conversation references, for reminders sent without a message to answer. */
export interface TeamsReferenceStore {
  /** Saves or refreshes a conversation; ids already known are kept when the new one lacks them. */
  save(conversation: TeamsConversation): Promise<void>;
  forget(conversationId: string): Promise<void>;
  /** The reference of the user's most recent personal chat, by Teams user id or Entra object id. */
  findPersonal(userId: string): Promise<unknown | null>;
  /** The reference of a channel or group chat stored under one of the two ids. */
  findShared(channelId: string, conversationId: string): Promise<unknown | null>;
}

/** What identifies a card submit: its activity, and the button of the card with its values. */
export interface SubmitKeys {
  /** Same activity delivered again (the channel retries when the bot answered slowly). */
  activity: string | null;
  /** Same button of the same card pressed again, with the same form values. */
  card: string | null;
}

export type SubmitClaim = { ok: true } | { ok: false; duplicateOf: 'activity' | 'card' };

/** Teams card submits already handled (teams_handled_submits): each is handled once. */
export interface TeamsSubmitStore {
  /** Claims both keys at once; refused, naming the first key already claimed, if one is. */
  claim(keys: SubmitKeys, at: Date): Promise<SubmitClaim>;
  /** Gives the keys back (handling failed: the user may press again). */
  release(keys: SubmitKeys): Promise<void>;
  /** Gives back every claimed key starting with `prefix`, except `keep`. */
  releaseByPrefix(prefix: string, keep: string | null): Promise<void>;
  /** Forgets claims made before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** Files offered in a Teams personal chat, waiting for the user's consent (a day at most). */
export interface TeamsFileStore {
  offer(file: { token: string; userId: string; filename: string; data: Buffer; at: Date }): Promise<void>;
  /**
   * The file offered under `token`, removed, if it was offered to `userId` less than a day before
   * `at`; otherwise undefined, and the offer (if any) is left as it is.
   */
  take(token: string, userId: string, at: Date): Promise<{ filename: string; data: Buffer } | undefined>;
}

export interface TeamsStores {
  references: TeamsReferenceStore;
  submits: TeamsSubmitStore;
  files: TeamsFileStore;
}

/** Messages for console users (console_outbox): reminders wait there until the chat shows them. */
export interface ConsoleOutbox {
  /**
   * Adds a message for a recipient ("console:alice", "console:#canal"). A message with a send key
   * already in the outbox adds nothing: delivering a reminder twice shows it once.
   */
  add(recipient: string, reply: Omit<Reply, 'image'>, at: Date, sendKey: string | null): Promise<void>;
  /** The recipient's unread messages, oldest first, marked read. */
  take(recipient: string): Promise<Reply[]>;
}
