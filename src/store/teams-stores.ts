import type { Db } from './db.ts';
import type { TeamsFileStore, TeamsReferenceStore, TeamsStores, TeamsSubmitStore } from './ports.ts';

/** An offer left unanswered this long is refused, even before the daily purge (retention.ts). */
export const OFFER_KEEP_MS = 24 * 60 * 60 * 1000;

/** The Teams adapter's tables (migrations 010_teams.sql, 020_teams_files.sql) over SQLite. */
export function createTeamsStores(db: Db): TeamsStores {
  return {
    references: createTeamsReferenceStore(db),
    submits: createTeamsSubmitStore(db),
    files: createTeamsFileStore(db),
  };
}

export function createTeamsReferenceStore(db: Db): TeamsReferenceStore {
  const parsed = (row: { reference: string } | undefined) => (row ? JSON.parse(row.reference) : null);
  return {
    async save(conversation) {
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
        conversation.conversationId,
        conversation.kind,
        conversation.userId,
        conversation.aadObjectId,
        conversation.teamId,
        conversation.tenantId,
        JSON.stringify(conversation.reference),
        conversation.updatedAt.toISOString(),
      );
    },
    async forget(conversationId) {
      db.prepare('DELETE FROM teams_conversations WHERE conversation_id = ?').run(conversationId);
    },
    async findPersonal(userId) {
      return parsed(
        db
          .prepare(
            `SELECT reference FROM teams_conversations
             WHERE kind = 'personal' AND (user_id = ? OR aad_object_id = ?)
             ORDER BY updated_at DESC LIMIT 1`,
          )
          .get(userId, userId) as { reference: string } | undefined,
      );
    },
    async findShared(channelId, conversationId) {
      return parsed(
        db
          .prepare(
            `SELECT reference FROM teams_conversations
             WHERE kind IN ('channel', 'groupChat') AND conversation_id IN (?, ?)
             LIMIT 1`,
          )
          .get(channelId, conversationId) as { reference: string } | undefined,
      );
    },
  };
}

export function createTeamsSubmitStore(db: Db): TeamsSubmitStore {
  return {
    // IMMEDIATE: a second delivery arriving while the first is being handled is refused too.
    async claim(keys, at) {
      return db
        .transaction(() => {
          const seen = db.prepare('SELECT 1 FROM teams_handled_submits WHERE key = ?');
          if (keys.activity && seen.get(keys.activity))
            return { ok: false, duplicateOf: 'activity' } as const;
          if (keys.card && seen.get(keys.card)) return { ok: false, duplicateOf: 'card' } as const;
          const insert = db.prepare('INSERT INTO teams_handled_submits (key, handled_at) VALUES (?, ?)');
          for (const key of [keys.activity, keys.card]) if (key) insert.run(key, at.toISOString());
          return { ok: true } as const;
        })
        .immediate();
    },
    async release(keys) {
      const remove = db.prepare('DELETE FROM teams_handled_submits WHERE key = ?');
      for (const key of [keys.activity, keys.card]) if (key) remove.run(key);
    },
    async releaseByPrefix(prefix, keep) {
      db.prepare(
        'DELETE FROM teams_handled_submits WHERE substr(key, 1, length(?)) = ? AND key IS NOT ?',
      ).run(prefix, prefix, keep);
    },
    async prune(before) {
      return db.prepare('DELETE FROM teams_handled_submits WHERE handled_at < ?').run(before.toISOString())
        .changes;
    },
  };
}

export function createTeamsFileStore(db: Db): TeamsFileStore {
  return {
    async offer(file) {
      db.prepare(
        'INSERT INTO teams_offered_files (token, user_id, filename, data, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(file.token, file.userId, file.filename, file.data, file.at.toISOString());
    },
    async take(token, userId, at) {
      const row = db
        .prepare(
          'SELECT user_id, filename, data FROM teams_offered_files WHERE token = ? AND created_at >= ?',
        )
        .get(token, new Date(at.getTime() - OFFER_KEEP_MS).toISOString()) as
        | { user_id: string; filename: string; data: Buffer }
        | undefined;
      if (!row || row.user_id !== userId) return undefined;
      db.prepare('DELETE FROM teams_offered_files WHERE token = ?').run(token);
      return { filename: row.filename, data: row.data };
    },
  };
}
