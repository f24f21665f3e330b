import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { listDueSends } from '../core/deadlines/due.ts';
import type { DeadlineRepository } from '../core/deadlines/ports.ts';
import type { DueSend } from '../core/deadlines/types.ts';
import type { DeliveryPort, DeliveryResult, Platform, Recipient, Reply } from '../core/kernel/types.ts';
import type { IndicatorCatalog } from '../core/measurements/indicators.ts';
import type { MeasurementRepository } from '../core/measurements/ports.ts';
import { scopeCovers } from '../core/measurements/rights.ts';
import type { PlanLibrary } from '../core/plans/library.ts';
import type { Logger } from '../platform/log.ts';
import { composeReminder } from './compose.ts';

export interface SweepDeps {
  deadlines: DeadlineRepository;
  measurements: MeasurementRepository;
  library(): PlanLibrary;
  catalog(): IndicatorCatalog;
  deliveries: Partial<Record<Platform, DeliveryPort>>;
  timeZone: string;
  log: Logger;
}

export interface SweepOutcome {
  send: DueSend;
  reply: Reply;
  ok: boolean;
  /** Left for another process: no delivery port for the recipient's platform here. */
  skipped?: boolean;
  /** Computed for `remind --dry-run`: neither claimed nor delivered. */
  dryRun?: boolean;
  error?: string;
}

/** "slack:#C123" -> a Slack channel; "teams:29:abc" -> a Teams user; "alice" -> the console user. */
export function parseRecipient(key: string): Recipient | undefined {
  const match = /^(slack|teams|console):(#?)(.+)$/u.exec(key);
  if (!match) return undefined;
  return { platform: match[1] as Platform, kind: match[2] ? 'channel' : 'user', id: match[3] as string };
}

/**
 * How long a claim is held before another sweep may send it again. Longer than the slowest delivery
 * (Slack's retries and per-channel pacing take minutes at worst); a process that is known to be gone
 * (same host, process no longer running) loses its claims at once, see releaseOrphanedClaims.
 */
export const LEASE_MS = 10 * 60_000;

/** This process, as the owner of the claims it makes: host, pid, and a token for this run. */
export const THIS_PROCESS = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * One sweep: computes what is due at `now`, claims each send in SQLite under a lease, delivers the
 * claimed ones concurrently (one slow or failing recipient does not hold the others) and marks them.
 * Delivery is at least once: a claim left by a crash is claimed again once its lease ends (at once
 * when its process is gone) and delivered with the same idempotency key, which the console outbox
 * and Slack honour (README, « Garantie de remise des rappels »). A failed send is retried by later
 * sweeps, up to MAX_ATTEMPTS.
 */
export async function runSweep(
  deps: SweepDeps,
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<SweepOutcome[]> {
  const deadlines = await deps.deadlines.list();
  if (!deadlines.length) return [];
  if (!options.dryRun) await releaseOrphanedClaims(deps, now);
  const recorded = (await deps.measurements.list())
    .filter((m) => m.status !== 'rejected')
    .map((m) => ({ indicatorId: m.indicatorId, scope: m.scope, period: m.period }));
  const scopes = deps.library().scopes;
  const validators = (await deps.measurements.grants()).filter((g) => g.role === 'validator');
  const escalation: Record<string, string[]> = {};
  for (const scope of new Set(deadlines.map((d) => d.scope))) {
    escalation[scope] = validators.filter((g) => scopeCovers(g.scope, scope, scopes)).map((g) => g.userKey);
  }
  const due = listDueSends({
    deadlines,
    recorded,
    sent: await deps.deadlines.settledKeys(now),
    snoozes: await deps.deadlines.snoozes(),
    escalation,
    now,
    timeZone: deps.timeZone,
  });
  if (options.dryRun) {
    // What would be sent, by whichever process has the platform: nothing claimed, nothing delivered.
    return due.map((send) => ({
      send,
      reply: composeReminder(send, '', deps.library(), deps.catalog()),
      ok: true,
      dryRun: true,
    }));
  }
  const outcomes = due.map(async (send): Promise<SweepOutcome | undefined> => {
    const recipient = parseRecipient(send.recipient);
    const port = recipient && deps.deliveries[recipient.platform];
    if (!recipient || !port) {
      // Not claimed: the process that runs this platform's adapter (npm start) will send it.
      const error = recipient ? `no ${recipient.platform} delivery in this process` : 'unreadable recipient';
      return {
        send,
        reply: composeReminder(send, '', deps.library(), deps.catalog()),
        ok: false,
        skipped: true,
        error,
      };
    }
    let claimed: Awaited<ReturnType<DeadlineRepository['claim']>>;
    try {
      claimed = await deps.deadlines.claim(send, now, {
        owner: THIS_PROCESS,
        until: new Date(now.getTime() + LEASE_MS),
      });
    } catch (error) {
      // Database busy or full: nothing was claimed, so a later sweep sends it.
      deps.log.warn({ err: error, key: send.key }, 'reminder not claimed, left for a later sweep');
      return undefined;
    }
    if (!claimed) return undefined;
    if (claimed.redelivery)
      deps.log.info({ key: send.key }, 'reminder claimed again after an earlier attempt');
    const reply = composeReminder(send, claimed.ref, deps.library(), deps.catalog());
    let result: DeliveryResult;
    try {
      result = await port.deliver(recipient, reply, {
        idempotencyKey: send.key,
        redelivery: claimed.redelivery,
      });
    } catch (error) {
      deps.log.error({ err: error, key: send.key }, 'reminder delivery failed');
      result = { ok: false, retryable: true, error: (error as Error).message };
    }
    try {
      if (result.ok) await deps.deadlines.markSent(send.key, new Date());
      else await deps.deadlines.markFailed(send.key, result.error);
    } catch (error) {
      // The claim stays: once its lease ends it is sent again under the same key (see README).
      deps.log.warn({ err: error, key: send.key }, 'reminder outcome not recorded');
    }
    if (!result.ok) {
      deps.log.warn(
        { recipient: send.recipient, key: send.key, error: result.error },
        'reminder not delivered',
      );
      return { send, reply, ok: false, error: result.error };
    }
    return { send, reply, ok: true };
  });
  return (await Promise.all(outcomes)).filter((o): o is SweepOutcome => o !== undefined);
}

/**
 * Ends the leases of processes on this host that no longer run (killed, crashed, restarted), so a
 * restart delivers what the previous run had claimed without waiting for LEASE_MS. Another host's
 * claims cannot be checked: they wait for their lease.
 */
async function releaseOrphanedClaims(deps: SweepDeps, now: Date): Promise<void> {
  for (const owner of await deps.deadlines.leaseOwners(now)) {
    if (owner === THIS_PROCESS || !isGone(owner)) continue;
    const released = await deps.deadlines.releaseLeases(owner, now);
    deps.log.warn({ owner, released }, 'reminders claimed by a process that is gone: sending them again');
  }
}

function isGone(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  // Same pid as ours but another token: an earlier run of a process that got our pid back.
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
