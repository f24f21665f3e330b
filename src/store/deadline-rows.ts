import type { Lease } from '../core/deadlines/ports.ts';
import type { DateRule, Deadline, DueSend, Snooze } from '../core/deadlines/types.ts';
import { newId } from './measurement-store.ts';

// Rows of the deadline tables (migrations 006, 015) and their conversion to the core's types, for
// both engines (src/store/deadline-store.ts and src/store/postgres/deadline-store.ts).

export interface DeadlineRow {
  id: string;
  indicator_id: string;
  scope: string;
  rule: string;
  owners: string;
  leads: string;
}

export interface SnoozeRow {
  deadline_id: string;
  due: string;
  recipient: string;
  until: string;
}

export function toDeadline(row: DeadlineRow): Deadline {
  return {
    id: row.id,
    indicatorId: row.indicator_id,
    scope: row.scope,
    rule: JSON.parse(row.rule) as DateRule,
    owners: JSON.parse(row.owners) as string[],
    leads: JSON.parse(row.leads) as number[],
  };
}

export function toSnooze(row: SnoozeRow): Snooze {
  return { deadlineId: row.deadline_id, due: row.due, recipient: row.recipient, until: row.until };
}

/** A new deadline's id (short: admins type it) and its row values, in INSERT column order. */
export function newDeadlineValues(deadline: Omit<Deadline, 'id'>, by: string, at: string) {
  const id = newId('e').slice(0, 9);
  return {
    id,
    values: [
      id,
      deadline.indicatorId,
      deadline.scope,
      JSON.stringify(deadline.rule),
      JSON.stringify(deadline.owners),
      JSON.stringify(deadline.leads),
      by,
      at,
      at,
    ],
  };
}

/** The changeable part of a deadline row, in UPDATE column order (rule, owners, leads). */
export function ruleValues(next: Pick<Deadline, 'rule' | 'owners' | 'leads'>): string[] {
  return [JSON.stringify(next.rule), JSON.stringify(next.owners), JSON.stringify(next.leads)];
}

/** Columns of a claim, in the order both engines' INSERT lists them. */
export const SEND_COLUMNS = [
  'key',
  'ref',
  'state',
  'recipient',
  'kind',
  'deadline_id',
  'due',
  'payload',
  'attempts',
  'claimed_at',
  'lease_until',
  'owner',
] as const;

/** The reminder_sends row claiming `key` for `send` (or covered by it), under `lease`. */
export function sendRow(
  send: DueSend,
  key: string,
  state: 'claimed' | 'covered',
  at: Date,
  lease: Lease,
): Record<(typeof SEND_COLUMNS)[number], string | number | null> {
  const claimed = state === 'claimed';
  return {
    key,
    ref: newId('r'),
    state,
    recipient: send.recipient,
    kind: send.kind,
    deadline_id: send.deadlineId ?? null,
    due: send.due ?? null,
    payload: JSON.stringify(send),
    attempts: claimed ? 1 : 0,
    claimed_at: at.toISOString(),
    lease_until: claimed ? lease.until.toISOString() : null,
    owner: claimed ? lease.owner : null,
  };
}
