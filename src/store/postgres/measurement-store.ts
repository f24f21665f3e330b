import type { Pool, PoolClient } from 'pg';
import type { AuditEntry, MeasurementRepository, NewMeasurement } from '../../core/measurements/ports.ts';
import type { Measurement } from '../../core/measurements/types.ts';
import { currentRequestId } from '../../platform/request-context.ts';
import {
  auditValues,
  type DraftRow,
  draftValues,
  type GrantRow,
  MEASUREMENT_COLUMNS,
  type MeasurementRow,
  measurementRow,
  sameValue,
  type TargetRow,
  toDraft,
  toGrant,
  toMeasurement,
  toTarget,
} from '../measurement-rows.ts';
import { DRAFT_FOLLOW_UP_MINUTES, newId } from '../measurement-store.ts';
import { inTransaction } from './transaction.ts';

type Db = Pool | PoolClient;

const CURRENT = `SELECT * FROM measurements WHERE indicator_id = $1 AND scope = $2 AND period = $3
  AND status != 'rejected' ORDER BY recorded_at COLLATE "C" DESC, seq DESC LIMIT 1`;

/**
 * The measurements over PostgreSQL, shared by every replica: the same rows and rules as the SQLite
 * store (src/store/measurement-store.ts), under the same contract test. Where SQLite serialises
 * writers, this store takes row locks: a draft confirmed from two replicas at once is saved once
 * (the draft row is locked, the second confirm finds it saved), and two values for one indicator,
 * scope and period are chained one after the other (an advisory lock on the key).
 */
export function createPgMeasurementStore(
  pool: Pool,
  now: () => Date = () => new Date(),
): MeasurementRepository {
  const stamp = () => now().toISOString();

  const getDraft = async (db: Db, id: string) =>
    (await db.query<DraftRow>('SELECT * FROM measurement_drafts WHERE id = $1', [id])).rows[0];
  const getById = async (db: Db, id: string) =>
    (await db.query<MeasurementRow>('SELECT * FROM measurements WHERE id = $1', [id])).rows[0];
  const current = async (db: Db, indicatorId: string, scope: string, period: string) =>
    (await db.query<MeasurementRow>(CURRENT, [indicatorId, scope, period])).rows[0];

  /** Within a transaction: the key's lock, then the version in force, then the new version. */
  const insertOne = async (client: PoolClient, m: NewMeasurement, draftId: string | null) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `measurement|${m.indicatorId}|${m.scope}|${m.period}`,
    ]);
    const previous = await current(client, m.indicatorId, m.scope, m.period);
    const id = newId('m');
    const row = measurementRow(id, m, stamp(), previous?.id ?? null, draftId);
    await client.query(
      `INSERT INTO measurements (id, indicator_id, scope, period, value_num, value_text, unit, comment, source,
         author_platform, author_id, author_name, recorded_at, status, supersedes, draft_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      MEASUREMENT_COLUMNS.map((column) => row[column]),
    );
    return toMeasurement((await getById(client, id)) as MeasurementRow);
  };

  const writeAudit = async (db: Db, entry: AuditEntry) => {
    await db.query(
      'INSERT INTO audit_log (at, actor, action, target, outcome, detail, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [...auditValues(entry, stamp(), entry.requestId ?? currentRequestId())],
    );
  };

  return {
    createDraft: (draft) =>
      inTransaction(pool, async (client) => {
        const id = newId('d');
        const at = stamp();
        await client.query(
          "UPDATE measurement_drafts SET state = 'replaced', updated_at = $1 WHERE actor = $2 AND conversation = $3 AND state = 'open'",
          [at, draft.actor, draft.conversation],
        );
        await client.query(
          `INSERT INTO measurement_drafts (id, actor, actor_name, conversation, message, fields, state, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8)`,
          draftValues(id, draft, at),
        );
        return toDraft((await getDraft(client, id)) as DraftRow);
      }),
    async getDraft(id) {
      const row = await getDraft(pool, id);
      return row && toDraft(row);
    },
    async openDraft(actor, conversation) {
      const since = new Date(now().getTime() - DRAFT_FOLLOW_UP_MINUTES * 60_000).toISOString();
      const { rows } = await pool.query<DraftRow>(
        `SELECT * FROM measurement_drafts WHERE actor = $1 AND conversation = $2 AND state = 'open' AND updated_at >= $3
         ORDER BY updated_at COLLATE "C" DESC, seq DESC LIMIT 1`,
        [actor, conversation, since],
      );
      return rows[0] && toDraft(rows[0]);
    },
    updateDraft: (id, fields, addedMessage) =>
      inTransaction(pool, async (client) => {
        const row = (
          await client.query<DraftRow>('SELECT * FROM measurement_drafts WHERE id = $1 FOR UPDATE', [id])
        ).rows[0];
        if (row?.state !== 'open') return undefined;
        const message = addedMessage ? `${row.message}\n${addedMessage}` : row.message;
        await client.query(
          'UPDATE measurement_drafts SET fields = $1, message = $2, updated_at = $3 WHERE id = $4',
          [JSON.stringify(fields), message, stamp(), id],
        );
        return toDraft((await getDraft(client, id)) as DraftRow);
      }),
    async cancelDraft(id) {
      const result = await pool.query(
        "UPDATE measurement_drafts SET state = 'cancelled', updated_at = $1 WHERE id = $2 AND state = 'open'",
        [stamp(), id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    confirmDraft: (id, measurement) =>
      inTransaction(pool, async (client) => {
        // The draft row's lock orders concurrent confirms: the second reads the draft as saved.
        const draft = (
          await client.query<DraftRow>('SELECT * FROM measurement_drafts WHERE id = $1 FOR UPDATE', [id])
        ).rows[0];
        const saved = (
          await client.query<MeasurementRow>('SELECT * FROM measurements WHERE draft_id = $1', [id])
        ).rows[0];
        if (saved) return { measurement: toMeasurement(saved), created: false };
        if (draft?.state !== 'open') return { error: 'not_open' as const };
        const created = await insertOne(client, measurement, id);
        await client.query(
          "UPDATE measurement_drafts SET state = 'saved', measurement_id = $1, updated_at = $2 WHERE id = $3",
          [created.id, stamp(), id],
        );
        return { measurement: created, created: true };
      }),
    importMeasurements: (measurements, audit) =>
      inTransaction(pool, async (client) => {
        const saved: Measurement[] = [];
        let unchanged = 0;
        for (const m of measurements) {
          const inForce = await current(client, m.indicatorId, m.scope, m.period);
          if (inForce && sameValue(inForce, m)) unchanged++;
          else saved.push(await insertOne(client, m, null));
        }
        // Same transaction: no imported row without the audit row that says who imported it.
        await writeAudit(client, {
          ...audit,
          detail: `${audit.detail ? `${audit.detail} : ` : ''}${saved.length} enregistrée(s), ${unchanged} inchangée(s)`,
        });
        return { saved, unchanged };
      }),
    async getMeasurement(id) {
      const row = await getById(pool, id);
      return row && toMeasurement(row);
    },
    async current(indicatorId, scope, period) {
      const row = await current(pool, indicatorId, scope, period);
      return row && toMeasurement(row);
    },
    async list(filter = {}) {
      const { rows } = await pool.query<MeasurementRow>(
        `SELECT * FROM measurements WHERE ($1::text IS NULL OR indicator_id = $1)
         AND ($2::text IS NULL OR scope = $2) ORDER BY recorded_at COLLATE "C", seq`,
        [filter.indicatorId ?? null, filter.scope ?? null],
      );
      return rows.map(toMeasurement);
    },
    review: (id, status, actor) =>
      inTransaction(pool, async (client) => {
        const row = (
          await client.query<MeasurementRow>('SELECT * FROM measurements WHERE id = $1 FOR UPDATE', [id])
        ).rows[0];
        if (!row) return undefined;
        if (row.status !== status) {
          await client.query('UPDATE measurements SET status = $1 WHERE id = $2', [status, id]);
          await client.query(
            'INSERT INTO measurement_reviews (measurement_id, status, actor, reviewed_at) VALUES ($1, $2, $3, $4)',
            [id, status, actor, stamp()],
          );
        }
        return toMeasurement((await getById(client, id)) as MeasurementRow);
      }),
    async targets(indicatorId) {
      const { rows } = await pool.query<TargetRow>(
        `SELECT indicator_id, scope, period, kind, value FROM targets t
         WHERE ($1::text IS NULL OR indicator_id = $1)
         AND seq = (SELECT MAX(seq) FROM targets u WHERE u.indicator_id = t.indicator_id AND u.scope = t.scope
                    AND u.period = t.period AND u.kind = t.kind)
         ORDER BY indicator_id COLLATE "C", scope COLLATE "C", period COLLATE "C", kind COLLATE "C"`,
        [indicatorId ?? null],
      );
      return rows.map(toTarget);
    },
    async setTarget(target, by) {
      await pool.query(
        'INSERT INTO targets (indicator_id, scope, period, kind, value, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [target.indicatorId, target.scope, target.period, target.kind, target.value, by, stamp()],
      );
    },
    async grants() {
      const { rows } = await pool.query<GrantRow>(
        'SELECT user_key, role, scope FROM roles ORDER BY user_key COLLATE "C", role COLLATE "C", scope COLLATE "C"',
      );
      return rows.map(toGrant);
    },
    async grant(grant, by) {
      const result = await pool.query(
        'INSERT INTO roles (user_key, role, scope, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [grant.userKey, grant.role, grant.scope, by, stamp()],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async revoke(grant) {
      const result = await pool.query('DELETE FROM roles WHERE user_key = $1 AND role = $2 AND scope = $3', [
        grant.userKey,
        grant.role,
        grant.scope,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    audit: (entry) => writeAudit(pool, entry),
  };
}
