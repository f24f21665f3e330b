import type { ClaimedSend, DeadlineRepository, Lease } from '../core/deadlines/ports.ts';
import type { Deadline, DueSend } from '../core/deadlines/types.ts';
import type { Db } from './db.ts';
import {
  type DeadlineRow,
  newDeadlineValues,
  ruleValues,
  type SnoozeRow,
  sendRow,
  toDeadline,
  toSnooze,
} from './deadline-rows.ts';

/** A failed delivery is tried again by later sweeps, up to this many attempts. */
export const MAX_ATTEMPTS = 5;

export function createDeadlineStore(db: Db, now: () => Date = () => new Date()): DeadlineRepository {
  const q = {
    list: db.prepare('SELECT * FROM deadlines WHERE active = 1 ORDER BY created_at, rowid'),
    get: db.prepare('SELECT * FROM deadlines WHERE id = ? AND active = 1'),
    insert: db.prepare(
      `INSERT INTO deadlines (id, indicator_id, scope, rule, owners, leads, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare(
      'UPDATE deadlines SET rule = ?, owners = ?, leads = ?, updated_at = ? WHERE id = ? AND active = 1',
    ),
    remove: db.prepare('UPDATE deadlines SET active = 0, updated_at = ? WHERE id = ? AND active = 1'),
    settled: db.prepare(
      `SELECT key FROM reminder_sends WHERE state IN ('sent', 'covered') OR attempts >= ${MAX_ATTEMPTS}
         OR (state = 'claimed' AND lease_until > ?)`,
    ),
    // A row is claimed again when its last attempt failed or its lease ran out (the process that
    // claimed it crashed or is gone), up to MAX_ATTEMPTS.
    claim: db.prepare(
      `INSERT INTO reminder_sends (key, ref, state, recipient, kind, deadline_id, due, payload, attempts, claimed_at,
         lease_until, owner)
       VALUES (@key, @ref, @state, @recipient, @kind, @deadline_id, @due, @payload, @attempts, @claimed_at,
         @lease_until, @owner)
       ON CONFLICT (key) DO UPDATE SET state = excluded.state, attempts = attempts + 1, claimed_at = excluded.claimed_at,
         payload = excluded.payload, lease_until = excluded.lease_until, owner = excluded.owner
       WHERE reminder_sends.attempts < ${MAX_ATTEMPTS} AND (reminder_sends.state = 'failed'
         OR (reminder_sends.state = 'claimed' AND COALESCE(reminder_sends.lease_until, '') <= excluded.claimed_at))`,
    ),
    refOf: db.prepare('SELECT ref, attempts FROM reminder_sends WHERE key = ?'),
    leaseOwners: db.prepare(
      "SELECT DISTINCT owner FROM reminder_sends WHERE state = 'claimed' AND lease_until > ? AND owner IS NOT NULL",
    ),
    release: db.prepare(
      "UPDATE reminder_sends SET lease_until = ? WHERE state = 'claimed' AND owner = ? AND lease_until > ?",
    ),
    sent: db.prepare(
      "UPDATE reminder_sends SET state = 'sent', sent_at = ?, last_error = NULL WHERE key = ?",
    ),
    failed: db.prepare("UPDATE reminder_sends SET state = 'failed', last_error = ? WHERE key = ?"),
    byRef: db.prepare('SELECT state, payload FROM reminder_sends WHERE ref = ?'),
    snoozes: db.prepare('SELECT deadline_id, due, recipient, until FROM reminder_snoozes'),
    snooze: db.prepare(
      `INSERT INTO reminder_snoozes (deadline_id, due, recipient, until) VALUES (?, ?, ?, ?)
       ON CONFLICT (deadline_id, due, recipient) DO UPDATE SET until = excluded.until`,
    ),
  };
  const claim = db.transaction((send: DueSend, at: Date, lease: Lease): ClaimedSend | undefined => {
    if (q.claim.run(sendRow(send, send.key, 'claimed', at, lease)).changes === 0) return undefined;
    for (const key of send.coveredKeys) q.claim.run(sendRow(send, key, 'covered', at, lease));
    const claimed = q.refOf.get(send.key) as { ref: string; attempts: number };
    return { ref: claimed.ref, send, redelivery: claimed.attempts > 1 };
  });
  const insert = (deadline: Omit<Deadline, 'id'>, by: string): Deadline => {
    const { id, values } = newDeadlineValues(deadline, by, now().toISOString());
    q.insert.run(...values);
    return { id, ...deadline };
  };
  const change = (id: string, next: Pick<Deadline, 'rule' | 'owners' | 'leads'>) =>
    q.update.run(...ruleValues(next), now().toISOString(), id).changes > 0;
  const apply = db.transaction(
    (changes: { add: Omit<Deadline, 'id'>[]; update: Deadline[] }, by: string) => ({
      added: changes.add.map((deadline) => insert(deadline, by)),
      changed: changes.update.filter((deadline) => change(deadline.id, deadline)),
    }),
  );
  return {
    list: async () => (q.list.all() as DeadlineRow[]).map(toDeadline),
    async get(id) {
      const row = q.get.get(id) as DeadlineRow | undefined;
      return row && toDeadline(row);
    },
    add: async (deadline, by) => insert(deadline, by),
    async update(id, changes) {
      const row = q.get.get(id) as DeadlineRow | undefined;
      if (!row) return undefined;
      const next = { ...toDeadline(row), ...changes };
      change(id, next);
      return next;
    },
    remove: async (id) => q.remove.run(now().toISOString(), id).changes > 0,
    apply: async (changes, by) => apply.immediate(changes, by),
    settledKeys: async (at) =>
      new Set((q.settled.all(at.toISOString()) as { key: string }[]).map((r) => r.key)),
    claim: async (send, at, lease) => claim(send, at, lease),
    leaseOwners: async (at) => q.leaseOwners.pluck().all(at.toISOString()) as string[],
    releaseLeases: async (owner, at) => q.release.run(at.toISOString(), owner, at.toISOString()).changes,
    markSent: async (key, at) => void q.sent.run(at.toISOString(), key),
    markFailed: async (key, error) => void q.failed.run(error.slice(0, 500), key),
    async sendByRef(ref) {
      const row = q.byRef.get(ref) as { state: string; payload: string } | undefined;
      return row && { ...(JSON.parse(row.payload) as DueSend), state: row.state };
    },
    snoozes: async () => (q.snoozes.all() as SnoozeRow[]).map(toSnooze),
    snooze: async (s) => void q.snooze.run(s.deadlineId, s.due, s.recipient, s.until),
  };
}
