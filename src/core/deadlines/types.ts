/**
 * Reporting deadlines and the reminders they cause. Everything here is plain data so that what is due
 * stays a pure function of (deadlines, measurements, sent log, now) — see due.ts.
 */

/** When an indicator must be reported. Dates are local dates in the configured time zone. */
export type DateRule =
  | { kind: 'yearly'; month: number; day: number } // "chaque année le 30 juin"
  | { kind: 'dates'; dates: string[] } // YYYY-MM-DD list
  | { kind: 'cron'; expr: string }; // 5-field cron (min hour dom mon dow), in the configured time zone

export interface Deadline {
  id: string;
  indicatorId: string;
  /** Scope key, e.g. 'cantal'. */
  scope: string;
  rule: DateRule;
  /**
   * Recipient keys: "console:alice", "slack:U123" (user), "slack:#C123" (channel), "teams:29:abc" (user),
   * "teams:#19:abc@thread.tacv2" (channel). A '#' right after the platform prefix means a channel.
   */
  owners: string[];
  /** Days before the due date at which owners are reminded; DEFAULT_LEADS when the config says nothing. */
  leads: number[];
}

/** An idempotency key already claimed or sent. */
export interface SentEntry {
  key: string;
}

/** "Remind me later": nothing for this (deadline, due date, recipient) before `until` (ISO instant). */
export interface Snooze {
  deadlineId: string;
  due: string;
  recipient: string;
  until: string;
}

/** Any non-rejected measurement; its presence means the occurrence has been reported. */
export interface RecordedValue {
  indicatorId: string;
  scope: string;
  period: string;
}

export type SendKind = 'reminder' | 'overdue' | 'digest';

export interface DigestItem {
  deadlineId: string;
  indicatorId: string;
  scope: string;
  period: string;
  due: string;
  missing: boolean;
}

export interface DueSend {
  /** Unique idempotency key, e.g. `${deadlineId}|${due}|${recipient}|lead:7`. */
  key: string;
  /** Other keys this send also settles (missed earlier stages collapsed into this one). */
  coveredKeys: string[];
  recipient: string;
  kind: SendKind;
  deadlineId?: string;
  indicatorId?: string;
  scope?: string;
  /** School year the occurrence covers, "2026-2027". */
  period?: string;
  /** YYYY-MM-DD local due date. */
  due?: string;
  /** 'lead:7' | 'overdue:1' | 'overdue:7' | 'escalate' | 'digest:2027-W26' */
  stage: string;
  /** Due date minus today's local date (negative when overdue). */
  daysLeft?: number;
  /** Digest content. */
  items?: DigestItem[];
  /**
   * Other occurrences of the same deadline this message stands for (their keys are in coveredKeys):
   * a frequent rule gives one message per sweep, not one per date.
   */
  others?: { dues: string[]; overdue: number; upcoming: number };
}
