import type {
  TeamsConversation,
  TeamsFileStore,
  TeamsReferenceStore,
  TeamsStores,
  TeamsSubmitStore,
} from '../../src/store/ports.ts';

const DAY = 24 * 60 * 60 * 1000;

/** TeamsReferenceStore in memory: references are copied as JSON, as the SQLite store stores them. */
export function createFakeTeamsReferenceStore(): TeamsReferenceStore & {
  rows: Map<string, TeamsConversation>;
} {
  const rows = new Map<string, TeamsConversation>();
  const copy = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  return {
    rows,
    async save(conversation) {
      const before = rows.get(conversation.conversationId);
      rows.set(conversation.conversationId, {
        ...conversation,
        userId: conversation.userId ?? before?.userId ?? null,
        aadObjectId: conversation.aadObjectId ?? before?.aadObjectId ?? null,
        teamId: conversation.teamId ?? before?.teamId ?? null,
        tenantId: conversation.tenantId ?? before?.tenantId ?? null,
        reference: copy(conversation.reference),
      });
    },
    async forget(conversationId) {
      rows.delete(conversationId);
    },
    async findPersonal(userId) {
      const personal = [...rows.values()]
        .filter((row) => row.kind === 'personal' && (row.userId === userId || row.aadObjectId === userId))
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
      return personal[0] ? copy(personal[0].reference) : null;
    },
    async findShared(channelId, conversationId) {
      const row = [channelId, conversationId]
        .map((id) => rows.get(id))
        .find((found) => found && found.kind !== 'personal');
      return row ? copy(row.reference) : null;
    },
  };
}

export function createFakeTeamsSubmitStore(): TeamsSubmitStore & { claimed: Map<string, Date> } {
  const claimed = new Map<string, Date>();
  return {
    claimed,
    async claim(keys, at) {
      if (keys.activity && claimed.has(keys.activity)) return { ok: false, duplicateOf: 'activity' };
      if (keys.card && claimed.has(keys.card)) return { ok: false, duplicateOf: 'card' };
      for (const key of [keys.activity, keys.card]) if (key) claimed.set(key, at);
      return { ok: true };
    },
    async release(keys) {
      for (const key of [keys.activity, keys.card]) if (key) claimed.delete(key);
    },
    async releaseByPrefix(prefix, keep) {
      for (const key of [...claimed.keys()]) if (key.startsWith(prefix) && key !== keep) claimed.delete(key);
    },
    async prune(before) {
      let pruned = 0;
      for (const [key, at] of claimed) {
        if (at < before) {
          claimed.delete(key);
          pruned++;
        }
      }
      return pruned;
    },
  };
}

export function createFakeTeamsFileStore(): TeamsFileStore & {
  offers: Map<string, { userId: string; filename: string; data: Buffer; at: Date }>;
} {
  const offers = new Map<string, { userId: string; filename: string; data: Buffer; at: Date }>();
  return {
    offers,
    async offer({ token, ...file }) {
      offers.set(token, file);
    },
    async take(token, userId, at) {
      const offer = offers.get(token);
      if (!offer || offer.at.getTime() < at.getTime() - DAY || offer.userId !== userId) return undefined;
      offers.delete(token);
      return { filename: offer.filename, data: offer.data };
    },
  };
}

/** The Teams adapter's stores in memory, for tests where the database is not the point. */
export function createFakeTeamsStores(): TeamsStores {
  return {
    references: createFakeTeamsReferenceStore(),
    submits: createFakeTeamsSubmitStore(),
    files: createFakeTeamsFileStore(),
  };
}
