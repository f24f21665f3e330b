/**
 * What is due now: a pure function of (deadlines, recorded values, sent log, snoozes, now). The
 * scheduler only calls it and delivers the result, claiming each key in the sent log, so a sweep that
 * runs twice, late or after downtime never sends the same stage twice nor a burst of stale reminders.
 */
import { dateOfDay, dayNumber, isoWeek, localDate, mondayOfDay, schoolYear, zonedTime } from './calendar.ts';
import { occurrenceDays } from './rules.ts';
import type { Deadline, DigestItem, DueSend, RecordedValue, SentEntry, Snooze } from './types.ts';

/** Leads used when a deadline's configuration gives none (the caller applies it; [] means none). */
export const DEFAULT_LEADS: readonly number[] = [14, 7, 1];
/** How long after its due date an unreported occurrence is still chased (and listed in digests). */
export const LOOKBACK_DAYS = 31;
/** How far ahead a digest lists upcoming deadlines. */
export const DIGEST_HORIZON_DAYS = 30;
/** Digests go out from this local time on the Monday of each ISO week. */
export const DIGEST_HOUR = 9;

const ESCALATE_AFTER = 8;
// Stage lists are shared constants: a sweep builds hundreds of thousands of sends, allocation is its cost.
const OVERDUE_1 = ['overdue:1'];
const OVERDUE_7 = ['overdue:1', 'overdue:7'];
const ESCALATE = ['escalate'];
const OVERDUE_ESCALATE = ['overdue:1', 'overdue:7', 'escalate'];

export interface DueInput {
  deadlines: Deadline[];
  recorded: RecordedValue[];
  sent: Set<string> | SentEntry[];
  snoozes: Snooze[];
  /** Scope key → validator or channel recipient keys told when an occurrence is 8 days late. */
  escalation: Record<string, string[]>;
  now: Date;
  timeZone: string;
  /** Channels that receive the weekly digest of every deadline, owners or not. */
  digestChannels?: string[];
}

/** A '#' right after the platform prefix marks a channel: "slack:#C123", "teams:#19:…@thread.tacv2". */
export function isChannelRecipient(recipient: string): boolean {
  const colon = recipient.indexOf(':');
  return colon > 0 && recipient[colon + 1] === '#';
}

/** One occurrence being decided, with what every send for it shares. */
interface Occurrence {
  deadline: Deadline;
  due: string;
  period: string;
  daysLeft: number;
  /** `${deadlineId}|${due}|`, the start of every key for this occurrence. */
  prefix: string;
}

/**
 * Sends due at `now`, each with an idempotency key to claim before delivering. Deterministic order:
 * by deadline id, then due date, then owners as listed, then escalation recipients; digests last, by
 * channel.
 */
export function listDueSends(input: DueInput): DueSend[] {
  const today = dayNumber(localDate(input.now, input.timeZone));
  const nowMs = input.now.getTime();
  const sent = input.sent instanceof Set ? input.sent : new Set(input.sent.map((entry) => entry.key));
  const recorded = new Set(input.recorded.map((r) => `${r.indicatorId}|${r.scope}|${r.period}`));
  const snoozed = new Set<string>();
  for (const s of input.snoozes) {
    if (Date.parse(s.until) > nowMs) snoozed.add(`${s.deadlineId}|${s.due}|${s.recipient}`);
  }
  const digest = planDigest(input, today, nowMs, sent);
  const deadlines = [...input.deadlines].sort((a, b) => compareText(a.id, b.id));

  const sends: DueSend[] = [];
  // This deadline's sends, merged per recipient before they join `sends`.
  let batch: DueSend[] = [];
  const push = (at: Occurrence, recipient: string, stages: string[]) => {
    if (stages.length === 0) return;
    if (snoozed.size > 0 && snoozed.has(at.prefix + recipient)) return;
    const send = collapse(at, recipient, stages, sent);
    if (send) batch.push(send);
  };

  const stageLists = new Map<string, StageLists>();
  const validatorsByScope = new Map<string, Set<string>>();
  for (const deadline of deadlines) {
    const owners = deadline.owners.filter((owner, i, all) => all.indexOf(owner) === i);
    const lists = memo(stageLists, deadline.leads.join(','), () => leadStageLists(deadline.leads));
    const validators = memo(
      validatorsByScope,
      deadline.scope,
      () => new Set(input.escalation[deadline.scope]),
    );
    const digestTo = digest ? digest.targets(owners) : [];
    const ahead = Math.max(lists.leads[0] ?? 0, digestTo.length > 0 ? DIGEST_HORIZON_DAYS : 0);

    for (const dueDay of occurrenceDays(deadline.rule, today - LOOKBACK_DAYS, today + ahead)) {
      const due = dateOfDay(dueDay);
      const period = schoolYear(due);
      const isRecorded = recorded.has(`${deadline.indicatorId}|${deadline.scope}|${period}`);
      if (digest && (dueDay >= today ? dueDay <= today + DIGEST_HORIZON_DAYS : !isRecorded)) {
        const item = {
          deadlineId: deadline.id,
          indicatorId: deadline.indicatorId,
          scope: deadline.scope,
          period,
          due,
          missing: !isRecorded,
        };
        for (const channel of digestTo) digest.add(channel, item);
      }
      if (isRecorded || dueDay > today + (lists.leads[0] ?? -1)) continue;

      const prefix = `${deadline.id}|${due}|`;
      const at: Occurrence = { deadline, due, period, daysLeft: dueDay - today, prefix };
      const escalates = today >= dueDay + ESCALATE_AFTER;
      // Once the due date has passed a "J−7" reminder would be a lie: only overdue stages remain.
      let ownerStages = today >= dueDay + 7 ? OVERDUE_7 : OVERDUE_1;
      if (today <= dueDay) {
        let count = 0;
        while (count < lists.leads.length && dueDay - (lists.leads[count] ?? 0) <= today) count++;
        ownerStages = lists.prefixes[count] ?? [];
      }
      for (const recipient of owners) {
        // An owner who also validates the scope gets the escalation as the next step of the same thread.
        push(at, recipient, escalates && validators.has(recipient) ? OVERDUE_ESCALATE : ownerStages);
      }
      if (escalates) {
        for (const recipient of validators) if (!owners.includes(recipient)) push(at, recipient, ESCALATE);
      }
    }
    if (batch.length > 0) {
      for (const send of mergePerRecipient(batch)) sends.push(send);
      batch = [];
    }
  }
  return digest ? sends.concat(digest.sends()) : sends;
}

/**
 * At most one message per recipient for a deadline in a sweep. A daily or weekly rule has many
 * occurrences in the look-back and lead windows; each would be its own reminder (46 for a daily cron
 * after a month). The most urgent one is sent — the latest due date already reached, else the next
 * one — and the others become its coveredKeys, summarised in `others`, like a yearly catch-up.
 */
function mergePerRecipient(batch: DueSend[]): DueSend[] {
  if (batch.length === 1) return batch;
  const byRecipient = new Map<string, DueSend[]>();
  for (const send of batch) {
    const list = byRecipient.get(send.recipient);
    if (list) list.push(send);
    else byRecipient.set(send.recipient, [send]);
  }
  if (byRecipient.size === batch.length) return batch;
  const merged: DueSend[] = [];
  for (const list of byRecipient.values()) {
    if (list.length === 1) {
      merged.push(list[0] as DueSend);
      continue;
    }
    // Occurrences come in date order: the last one reached, or failing that the first ahead.
    const reached = list.filter((send) => (send.daysLeft ?? 0) <= 0);
    const primary = (reached.length > 0 ? reached[reached.length - 1] : list[0]) as DueSend;
    const rest = list.filter((send) => send !== primary);
    const dues = rest.map((send) => send.due ?? '').sort();
    merged.push({
      ...primary,
      coveredKeys: [...primary.coveredKeys, ...rest.flatMap((send) => [send.key, ...send.coveredKeys])],
      others: {
        dues,
        overdue: rest.filter((send) => (send.daysLeft ?? 0) < 0).length,
        upcoming: rest.filter((send) => (send.daysLeft ?? 0) >= 0).length,
      },
    });
  }
  return merged;
}

interface StageLists {
  /** Valid leads, largest first: the order in which their stages fall due. */
  leads: number[];
  /** prefixes[k] = the stages of the first k leads, shared by every occurrence with k leads passed. */
  prefixes: string[][];
}

function leadStageLists(raw: number[]): StageLists {
  const leads = raw.filter((l, i) => Number.isInteger(l) && l >= 0 && raw.indexOf(l) === i);
  leads.sort((a, b) => b - a);
  const stages = leads.map((l) => `lead:${l}`);
  return { leads, prefixes: stages.map((_, k) => stages.slice(0, k)).concat([stages]) };
}

/**
 * One message for the latest due stage, or nothing when that stage was already sent (an earlier stage
 * missed then is moot). The earlier unsent stages become coveredKeys, so a catch-up is one message.
 */
function collapse(
  at: Occurrence,
  recipient: string,
  stages: string[],
  sent: Set<string>,
): DueSend | undefined {
  const last = stages.length - 1;
  const stage = stages[last] ?? '';
  const key = `${at.prefix}${recipient}|${stage}`;
  if (sent.has(key)) return undefined;
  const coveredKeys: string[] = [];
  for (let i = 0; i < last; i++) {
    const earlier = `${at.prefix}${recipient}|${stages[i]}`;
    if (!sent.has(earlier)) coveredKeys.push(earlier);
  }
  return {
    key,
    coveredKeys,
    recipient,
    kind: stage.startsWith('lead:') ? 'reminder' : 'overdue',
    deadlineId: at.deadline.id,
    indicatorId: at.deadline.indicatorId,
    scope: at.deadline.scope,
    period: at.period,
    due: at.due,
    stage,
    daysLeft: at.daysLeft,
  };
}

function memo<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

// Code-unit order, not localeCompare: the order must not depend on the host's locale data.
function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

interface DigestPlan {
  /** Channels whose digest should list a deadline with these owners. */
  targets(owners: string[]): string[];
  add(channel: string, item: DigestItem): void;
  sends(): DueSend[];
}

/**
 * The week's digest is due from Monday 09:00 local until the week ends; a week missed entirely is not
 * caught up, because last week's list is stale. Undefined when no channel is owed a digest right now.
 */
function planDigest(
  input: DueInput,
  today: number,
  nowMs: number,
  sent: Set<string>,
): DigestPlan | undefined {
  const monday = dateOfDay(mondayOfDay(today));
  if (nowMs < zonedTime(monday, input.timeZone, DIGEST_HOUR).getTime()) return undefined;
  const week = isoWeek(monday);
  const keyOf = (channel: string) => `digest|${channel}|${week}`;
  const overview = [...new Set(input.digestChannels ?? [])].filter((c) => !sent.has(keyOf(c)));
  const owning = new Set<string>();
  for (const deadline of input.deadlines) {
    for (const owner of deadline.owners) if (isChannelRecipient(owner)) owning.add(owner);
  }
  if (overview.length === 0 && [...owning].every((c) => sent.has(keyOf(c)))) return undefined;

  const items = new Map<string, DigestItem[]>();
  return {
    targets: (owners) => {
      const mine = owners.filter((o) => isChannelRecipient(o) && !sent.has(keyOf(o)));
      return mine.length === 0 ? overview : [...new Set([...mine, ...overview])];
    },
    add: (channel, item) => {
      const list = items.get(channel);
      if (list) list.push(item);
      else items.set(channel, [item]);
    },
    sends: () =>
      [...items.keys()].sort().map((channel) => ({
        key: keyOf(channel),
        coveredKeys: [],
        recipient: channel,
        kind: 'digest' as const,
        stage: `digest:${week}`,
        items: (items.get(channel) ?? []).sort((a, b) =>
          compareText(a.due + a.deadlineId, b.due + b.deadlineId),
        ),
      })),
  };
}
