import { randomBytes } from 'node:crypto';
import type { AuditEntry, MeasurementRepository, NewMeasurement } from '../core/measurements/ports.ts';
import type { Measurement } from '../core/measurements/types.ts';
import { currentRequestId } from '../platform/request-context.ts';
import type { Db } from './db.ts';
import {
  auditValues,
  type DraftRow,
  draftValues,
  type GrantRow,
  type MeasurementRow,
  measurementRow,
  sameValue,
  type TargetRow,
  toDraft,
  toGrant,
  toMeasurement,
  toTarget,
} from './measurement-rows.ts';

/** Drafts older than this are forgotten by follow-up messages (their buttons still work). */
export const DRAFT_FOLLOW_UP_MINUTES = 60;

/** Short, unguessable ids: they travel in button values and people read them in CLI output. */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

export function createMeasurementStore(db: Db, now: () => Date = () => new Date()): MeasurementRepository {
  const stamp = () => now().toISOString();
  const q = {
    insertDraft: db.prepare(
      `INSERT INTO measurement_drafts (id, actor, actor_name, conversation, message, fields, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
    ),
    replaceOpen: db.prepare(
      "UPDATE measurement_drafts SET state = 'replaced', updated_at = ? WHERE actor = ? AND conversation = ? AND state = 'open'",
    ),
    draft: db.prepare('SELECT * FROM measurement_drafts WHERE id = ?'),
    openDraft: db.prepare(
      `SELECT * FROM measurement_drafts WHERE actor = ? AND conversation = ? AND state = 'open' AND updated_at >= ?
       ORDER BY updated_at DESC, rowid DESC LIMIT 1`,
    ),
    updateDraft: db.prepare(
      "UPDATE measurement_drafts SET fields = ?, message = ?, updated_at = ? WHERE id = ? AND state = 'open'",
    ),
    cancelDraft: db.prepare(
      "UPDATE measurement_drafts SET state = 'cancelled', updated_at = ? WHERE id = ? AND state = 'open'",
    ),
    saveDraft: db.prepare(
      "UPDATE measurement_drafts SET state = 'saved', measurement_id = ?, updated_at = ? WHERE id = ? AND state = 'open'",
    ),
    insert: db.prepare(
      `INSERT INTO measurements (id, indicator_id, scope, period, value_num, value_text, unit, comment, source,
         author_platform, author_id, author_name, recorded_at, status, supersedes, draft_id)
       VALUES (@id, @indicator_id, @scope, @period, @value_num, @value_text, @unit, @comment, @source,
         @author_platform, @author_id, @author_name, @recorded_at, @status, @supersedes, @draft_id)`,
    ),
    byId: db.prepare('SELECT * FROM measurements WHERE id = ?'),
    byDraft: db.prepare('SELECT * FROM measurements WHERE draft_id = ?'),
    current: db.prepare(
      `SELECT * FROM measurements WHERE indicator_id = ? AND scope = ? AND period = ? AND status != 'rejected'
       ORDER BY recorded_at DESC, rowid DESC LIMIT 1`,
    ),
    list: db.prepare(
      `SELECT * FROM measurements WHERE (@indicator IS NULL OR indicator_id = @indicator)
       AND (@scope IS NULL OR scope = @scope) ORDER BY recorded_at, rowid`,
    ),
    setStatus: db.prepare('UPDATE measurements SET status = ? WHERE id = ?'),
    insertReview: db.prepare(
      'INSERT INTO measurement_reviews (measurement_id, status, actor, reviewed_at) VALUES (?, ?, ?, ?)',
    ),
    targets: db.prepare(
      `SELECT indicator_id, scope, period, kind, value FROM targets t
       WHERE (@indicator IS NULL OR indicator_id = @indicator)
       AND seq = (SELECT MAX(seq) FROM targets u WHERE u.indicator_id = t.indicator_id AND u.scope = t.scope
                  AND u.period = t.period AND u.kind = t.kind)
       ORDER BY indicator_id, scope, period, kind`,
    ),
    insertTarget: db.prepare(
      'INSERT INTO targets (indicator_id, scope, period, kind, value, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    grants: db.prepare('SELECT user_key, role, scope FROM roles ORDER BY user_key, role, scope'),
    grant: db.prepare(
      'INSERT OR IGNORE INTO roles (user_key, role, scope, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)',
    ),
    revoke: db.prepare('DELETE FROM roles WHERE user_key = ? AND role = ? AND scope = ?'),
    audit: db.prepare(
      'INSERT INTO audit_log (at, actor, action, target, outcome, detail, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
  };

  const insertOne = (m: NewMeasurement, draftId: string | null): Measurement => {
    const previous = q.current.get(m.indicatorId, m.scope, m.period) as MeasurementRow | undefined;
    const id = newId('m');
    q.insert.run(measurementRow(id, m, stamp(), previous?.id ?? null, draftId));
    return toMeasurement(q.byId.get(id) as MeasurementRow);
  };

  const confirm = db.transaction((id: string, measurement: NewMeasurement) => {
    const saved = q.byDraft.get(id) as MeasurementRow | undefined;
    if (saved) return { measurement: toMeasurement(saved), created: false };
    const draft = q.draft.get(id) as DraftRow | undefined;
    if (draft?.state !== 'open') return { error: 'not_open' as const };
    const created = insertOne(measurement, id);
    q.saveDraft.run(created.id, stamp(), id);
    return { measurement: created, created: true };
  });

  return {
    async createDraft(draft) {
      const id = newId('d');
      const at = stamp();
      db.transaction(() => {
        q.replaceOpen.run(at, draft.actor, draft.conversation);
        q.insertDraft.run(...draftValues(id, draft, at));
      })();
      return toDraft(q.draft.get(id) as DraftRow);
    },
    async getDraft(id) {
      const row = q.draft.get(id) as DraftRow | undefined;
      return row && toDraft(row);
    },
    async openDraft(actor, conversation) {
      const since = new Date(now().getTime() - DRAFT_FOLLOW_UP_MINUTES * 60_000).toISOString();
      const row = q.openDraft.get(actor, conversation, since) as DraftRow | undefined;
      return row && toDraft(row);
    },
    async updateDraft(id, fields, addedMessage) {
      const row = q.draft.get(id) as DraftRow | undefined;
      if (row?.state !== 'open') return undefined;
      const message = addedMessage ? `${row.message}\n${addedMessage}` : row.message;
      q.updateDraft.run(JSON.stringify(fields), message, stamp(), id);
      return toDraft(q.draft.get(id) as DraftRow);
    },
    async cancelDraft(id) {
      return q.cancelDraft.run(stamp(), id).changes > 0;
    },
    // IMMEDIATE: this transaction reads before it writes, and in WAL mode a deferred one would fail
    // at once (SQLITE_BUSY_SNAPSHOT, no waiting) if another process committed in between.
    confirmDraft: async (id, measurement) => confirm.immediate(id, measurement),
    importMeasurements: async (measurements, audit) =>
      db
        .transaction(() => {
          const saved: Measurement[] = [];
          let unchanged = 0;
          for (const m of measurements) {
            const current = q.current.get(m.indicatorId, m.scope, m.period) as MeasurementRow | undefined;
            if (current && sameValue(current, m)) unchanged++;
            else saved.push(insertOne(m, null));
          }
          // Same transaction: no imported row without the audit row that says who imported it.
          writeAudit({
            ...audit,
            detail: `${audit.detail ? `${audit.detail} : ` : ''}${saved.length} enregistrée(s), ${unchanged} inchangée(s)`,
          });
          return { saved, unchanged };
        })
        .immediate(),
    async getMeasurement(id) {
      const row = q.byId.get(id) as MeasurementRow | undefined;
      return row && toMeasurement(row);
    },
    async current(indicatorId, scope, period) {
      const row = q.current.get(indicatorId, scope, period) as MeasurementRow | undefined;
      return row && toMeasurement(row);
    },
    async list(filter = {}) {
      return (
        q.list.all({ indicator: filter.indicatorId ?? null, scope: filter.scope ?? null }) as MeasurementRow[]
      ).map(toMeasurement);
    },
    async review(id, status, actor) {
      return db
        .transaction(() => {
          const row = q.byId.get(id) as MeasurementRow | undefined;
          if (!row) return undefined;
          if (row.status !== status) {
            q.setStatus.run(status, id);
            q.insertReview.run(id, status, actor, stamp());
          }
          return toMeasurement(q.byId.get(id) as MeasurementRow);
        })
        .immediate();
    },
    async targets(indicatorId) {
      return (q.targets.all({ indicator: indicatorId ?? null }) as TargetRow[]).map(toTarget);
    },
    async setTarget(target, by) {
      q.insertTarget.run(
        target.indicatorId,
        target.scope,
        target.period,
        target.kind,
        target.value,
        by,
        stamp(),
      );
    },
    async grants() {
      return (q.grants.all() as GrantRow[]).map(toGrant);
    },
    async grant(grant, by) {
      return q.grant.run(grant.userKey, grant.role, grant.scope, by, stamp()).changes > 0;
    },
    async revoke(grant) {
      return q.revoke.run(grant.userKey, grant.role, grant.scope).changes > 0;
    },
    audit: async (entry) => writeAudit(entry),
  };

  function writeAudit(entry: AuditEntry): void {
    q.audit.run(...auditValues(entry, stamp(), entry.requestId ?? currentRequestId()));
  }
}
