import type { Pool, PoolClient } from 'pg';
import type { ClaimedSend, DeadlineRepository } from '../../core/deadlines/ports.ts';
import type { Deadline, DueSend } from '../../core/deadlines/types.ts';
import {
  type DeadlineRow,
  newDeadlineValues,
  ruleValues,
  SEND_COLUMNS,
  type SnoozeRow,
  sendRow,
  toDeadline,
  toSnooze,
} from '../deadline-rows.ts';
import { MAX_ATTEMPTS } from '../deadline-store.ts';
import { inTransaction } from './transaction.ts';

// Same statement as the SQLite store: a row is claimed again when its last attempt failed or its
// lease ran out, up to MAX_ATTEMPTS. Two replicas claiming one key race on its primary key, and
// PostgreSQL re-checks the WHERE on the row the winner wrote: the loser claims nothing.
const CLAIM = `INSERT INTO reminder_sends (key, ref, state, recipient, kind, deadline_id, due, payload, attempts,
    claimed_at, lease_until, owner)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  ON CONFLICT (key) DO UPDATE SET state = excluded.state, attempts = reminder_sends.attempts + 1,
    claimed_at = excluded.claimed_at, payload = excluded.payload, lease_until = excluded.lease_until,
    owner = excluded.owner
  WHERE reminder_sends.attempts < ${MAX_ATTEMPTS} AND (reminder_sends.state = 'failed'
    OR (reminder_sends.state = 'claimed' AND COALESCE(reminder_sends.lease_until, '') <= excluded.claimed_at))
  RETURNING ref, attempts`;

/**
 * The deadlines and reminder claims over PostgreSQL, shared by every replica: the same rows and
 * rules as the SQLite store (src/store/deadline-store.ts), under the same contract test.
 */
export function createPgDeadlineStore(pool: Pool, now: () => Date = () => new Date()): DeadlineRepository {
  const insert = async (db: Pool | PoolClient, deadline: Omit<Deadline, 'id'>, by: string) => {
    const { id, values } = newDeadlineValues(deadline, by, now().toISOString());
    await db.query(
      `INSERT INTO deadlines (id, indicator_id, scope, rule, owners, leads, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      values,
    );
    return { id, ...deadline };
  };
  const change = async (
    db: Pool | PoolClient,
    id: string,
    next: Pick<Deadline, 'rule' | 'owners' | 'leads'>,
  ) =>
    ((
      await db.query(
        'UPDATE deadlines SET rule = $1, owners = $2, leads = $3, updated_at = $4 WHERE id = $5 AND active = 1',
        [...ruleValues(next), now().toISOString(), id],
      )
    ).rowCount ?? 0) > 0;
  const get = async (id: string) => {
    const { rows } = await pool.query<DeadlineRow>('SELECT * FROM deadlines WHERE id = $1 AND active = 1', [
      id,
    ]);
    return rows[0] && toDeadline(rows[0]);
  };
  return {
    async list() {
      const { rows } = await pool.query<DeadlineRow>(
        'SELECT * FROM deadlines WHERE active = 1 ORDER BY created_at COLLATE "C", seq',
      );
      return rows.map(toDeadline);
    },
    get,
    add: (deadline, by) => insert(pool, deadline, by),
    async update(id, changes) {
      const current = await get(id);
      if (!current) return undefined;
      const next = { ...current, ...changes };
      await change(pool, id, next);
      return next;
    },
    async remove(id) {
      const result = await pool.query(
        'UPDATE deadlines SET active = 0, updated_at = $1 WHERE id = $2 AND active = 1',
        [now().toISOString(), id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    apply: (changes, by) =>
      inTransaction(pool, async (client) => {
        const added: Deadline[] = [];
        for (const deadline of changes.add) added.push(await insert(client, deadline, by));
        const changed: Deadline[] = [];
        for (const deadline of changes.update)
          if (await change(client, deadline.id, deadline)) changed.push(deadline);
        return { added, changed };
      }),
    async settledKeys(at) {
      const { rows } = await pool.query<{ key: string }>(
        `SELECT key FROM reminder_sends WHERE state IN ('sent', 'covered') OR attempts >= ${MAX_ATTEMPTS}
           OR (state = 'claimed' AND lease_until > $1)`,
        [at.toISOString()],
      );
      return new Set(rows.map((r) => r.key));
    },
    claim: (send, at, lease) =>
      inTransaction(pool, async (client): Promise<ClaimedSend | undefined> => {
        const row = (key: string, state: 'claimed' | 'covered') => {
          const values = sendRow(send, key, state, at, lease);
          return SEND_COLUMNS.map((column) => values[column]);
        };
        const claimed = await client.query<{ ref: string; attempts: number }>(
          CLAIM,
          row(send.key, 'claimed'),
        );
        const won = claimed.rows[0];
        if (!won) return undefined;
        for (const key of send.coveredKeys) await client.query(CLAIM, row(key, 'covered'));
        return { ref: won.ref, send, redelivery: won.attempts > 1 };
      }),
    async leaseOwners(at) {
      const { rows } = await pool.query<{ owner: string }>(
        "SELECT DISTINCT owner FROM reminder_sends WHERE state = 'claimed' AND lease_until > $1 AND owner IS NOT NULL",
        [at.toISOString()],
      );
      return rows.map((r) => r.owner);
    },
    async releaseLeases(owner: string, at: Date) {
      const result = await pool.query(
        "UPDATE reminder_sends SET lease_until = $1 WHERE state = 'claimed' AND owner = $2 AND lease_until > $1",
        [at.toISOString(), owner],
      );
      return result.rowCount ?? 0;
    },
    async markSent(key, at) {
      await pool.query(
        "UPDATE reminder_sends SET state = 'sent', sent_at = $1, last_error = NULL WHERE key = $2",
        [at.toISOString(), key],
      );
    },
    async markFailed(key, error) {
      await pool.query("UPDATE reminder_sends SET state = 'failed', last_error = $1 WHERE key = $2", [
        error.slice(0, 500),
        key,
      ]);
    },
    async sendByRef(ref) {
      const { rows } = await pool.query<{ state: string; payload: string }>(
        'SELECT state, payload FROM reminder_sends WHERE ref = $1',
        [ref],
      );
      const row = rows[0];
      return row && { ...(JSON.parse(row.payload) as DueSend), state: row.state };
    },
    async snoozes() {
      const { rows } = await pool.query<SnoozeRow>(
        'SELECT deadline_id, due, recipient, until FROM reminder_snoozes',
      );
      return rows.map(toSnooze);
    },
    async snooze(s) {
      await pool.query(
        `INSERT INTO reminder_snoozes (deadline_id, due, recipient, until) VALUES ($1, $2, $3, $4)
         ON CONFLICT (deadline_id, due, recipient) DO UPDATE SET until = excluded.until`,
        [s.deadlineId, s.due, s.recipient, s.until],
      );
    },
  };
}
