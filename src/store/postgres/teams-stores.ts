import type { Pool } from 'pg';
import type { TeamsFileStore, TeamsReferenceStore, TeamsStores, TeamsSubmitStore } from '../ports.ts';
import { OFFER_KEEP_MS } from '../teams-stores.ts';

/**
 * The Teams adapter's tables over PostgreSQL, shared by every replica. Dates are ISO-8601 strings
 * of one length, as in SQLite: their text order is their time order.
 */
export function createPgTeamsStores(pool: Pool): TeamsStores {
  return {
    references: createPgTeamsReferenceStore(pool),
    submits: createPgTeamsSubmitStore(pool),
    files: createPgTeamsFileStore(pool),
  };
}

function createPgTeamsReferenceStore(pool: Pool): TeamsReferenceStore {
  const first = (rows: { reference: string }[]) => (rows[0] ? JSON.parse(rows[0].reference) : null);
  return {
    async save(conversation) {
      await pool.query(
        `INSERT INTO teams_conversations AS t
           (conversation_id, kind, user_id, aad_object_id, team_id, tenant_id, reference, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (conversation_id) DO UPDATE SET
           kind = excluded.kind,
           user_id = COALESCE(excluded.user_id, t.user_id),
           aad_object_id = COALESCE(excluded.aad_object_id, t.aad_object_id),
           team_id = COALESCE(excluded.team_id, t.team_id),
           tenant_id = COALESCE(excluded.tenant_id, t.tenant_id),
           reference = excluded.reference,
           updated_at = excluded.updated_at`,
        [
          conversation.conversationId,
          conversation.kind,
          conversation.userId,
          conversation.aadObjectId,
          conversation.teamId,
          conversation.tenantId,
          JSON.stringify(conversation.reference),
          conversation.updatedAt.toISOString(),
        ],
      );
    },
    async forget(conversationId) {
      await pool.query('DELETE FROM teams_conversations WHERE conversation_id = $1', [conversationId]);
    },
    async findPersonal(userId) {
      const { rows } = await pool.query<{ reference: string }>(
        `SELECT reference FROM teams_conversations
         WHERE kind = 'personal' AND (user_id = $1 OR aad_object_id = $1)
         ORDER BY updated_at DESC LIMIT 1`,
        [userId],
      );
      return first(rows);
    },
    async findShared(channelId, conversationId) {
      const { rows } = await pool.query<{ reference: string }>(
        `SELECT reference FROM teams_conversations
         WHERE kind IN ('channel', 'groupChat') AND conversation_id IN ($1, $2)
         LIMIT 1`,
        [channelId, conversationId],
      );
      return first(rows);
    },
  };
}

function createPgTeamsSubmitStore(pool: Pool): TeamsSubmitStore {
  return {
    /**
     * Inserts the keys in one transaction, activity first. A replica claiming the same key at the
     * same moment waits on the uncommitted row, then conflicts: a submit is handled once overall.
     */
    async claim(keys, at) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const [which, key] of [
          ['activity', keys.activity],
          ['card', keys.card],
        ] as const) {
          if (!key) continue;
          const inserted = await client.query(
            'INSERT INTO teams_handled_submits (key, handled_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
            [key, at.toISOString()],
          );
          if (inserted.rowCount !== 1) {
            await client.query('ROLLBACK');
            return { ok: false, duplicateOf: which };
          }
        }
        await client.query('COMMIT');
        return { ok: true };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async release(keys) {
      const owned = [keys.activity, keys.card].filter((key): key is string => key !== null);
      await pool.query('DELETE FROM teams_handled_submits WHERE key = ANY($1)', [owned]);
    },
    async releaseByPrefix(prefix, keep) {
      await pool.query(
        'DELETE FROM teams_handled_submits WHERE starts_with(key, $1) AND key IS DISTINCT FROM $2::text',
        [prefix, keep],
      );
    },
    async prune(before) {
      const { rowCount } = await pool.query('DELETE FROM teams_handled_submits WHERE handled_at < $1', [
        before.toISOString(),
      ]);
      return rowCount ?? 0;
    },
  };
}

function createPgTeamsFileStore(pool: Pool): TeamsFileStore {
  return {
    async offer(file) {
      await pool.query(
        'INSERT INTO teams_offered_files (token, user_id, filename, data, created_at) VALUES ($1, $2, $3, $4, $5)',
        [file.token, file.userId, file.filename, file.data, file.at.toISOString()],
      );
    },
    async take(token, userId, at) {
      // One DELETE: of two replicas handed the same accept, only one gets the bytes.
      const { rows } = await pool.query<{ filename: string; data: Buffer }>(
        `DELETE FROM teams_offered_files WHERE token = $1 AND user_id = $2 AND created_at >= $3
         RETURNING filename, data`,
        [token, userId, new Date(at.getTime() - OFFER_KEEP_MS).toISOString()],
      );
      return rows[0];
    },
  };
}
