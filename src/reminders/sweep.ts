import type { AppContext } from '../context.ts';
import { listDueSends } from '../core/deadlines/due.ts';
import type { DeadlineRepository } from '../core/deadlines/ports.ts';
import type { DueSend } from '../core/deadlines/types.ts';
import type { IndicatorCatalog } from '../core/measurements/indicators.ts';
import type { MeasurementRepository } from '../core/measurements/ports.ts';
import { scopeCovers } from '../core/measurements/rights.ts';
import type { PlanLibrary } from '../core/plans/library.ts';
import type { DeliveryPort, Platform, Recipient, Reply } from '../core/router/types.ts';
import type { Logger } from '../log.ts';
import { composeReminder } from './messages.ts';

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
 * One sweep: computes what is due at `now`, claims each send in SQLite, delivers the claimed ones
 * concurrently (one slow or failing recipient does not hold the others) and marks them. A send
 * claimed by an earlier run is never sent again; a failed one is retried by later sweeps.
 */
export async function runSweep(
  deps: SweepDeps,
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<SweepOutcome[]> {
  const deadlines = deps.deadlines.list();
  if (!deadlines.length) return [];
  const recorded = deps.measurements
    .list()
    .filter((m) => m.status !== 'rejected')
    .map((m) => ({ indicatorId: m.indicatorId, scope: m.scope, period: m.period }));
  const scopes = deps.library().scopes;
  const validators = deps.measurements.grants().filter((g) => g.role === 'validator');
  const escalation: Record<string, string[]> = {};
  for (const scope of new Set(deadlines.map((d) => d.scope))) {
    escalation[scope] = validators.filter((g) => scopeCovers(g.scope, scope, scopes)).map((g) => g.userKey);
  }
  const due = listDueSends({
    deadlines,
    recorded,
    sent: deps.deadlines.settledKeys(),
    snoozes: deps.deadlines.snoozes(),
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
    const claimed = deps.deadlines.claim(send, now);
    if (!claimed) return undefined;
    const reply = composeReminder(send, claimed.ref, deps.library(), deps.catalog());
    try {
      const result = await port.deliver(recipient, reply);
      if (result.ok) {
        deps.deadlines.markSent(send.key, new Date());
        return { send, reply, ok: true };
      }
      deps.deadlines.markFailed(send.key, result.error);
      deps.log.warn(
        { recipient: send.recipient, key: send.key, error: result.error },
        'reminder not delivered',
      );
      return { send, reply, ok: false, error: result.error };
    } catch (error) {
      deps.deadlines.markFailed(send.key, (error as Error).message);
      deps.log.error({ err: error, key: send.key }, 'reminder delivery failed');
      return { send, reply, ok: false, error: (error as Error).message };
    }
  });
  return (await Promise.all(outcomes)).filter((o): o is SweepOutcome => o !== undefined);
}

/** The sweep's dependencies from the app context, with the delivery ports that are running. */
export function sweepDepsOf(
  ctx: AppContext,
  deliveries: Partial<Record<Platform, DeliveryPort>>,
  log: Logger,
): SweepDeps {
  const { repo: measurements, deps } = ctx.measurements();
  return {
    deadlines: ctx.deadlines().repo,
    measurements,
    library: () => ctx.library(),
    catalog: () => deps.catalog(),
    deliveries,
    timeZone: ctx.config.timezone,
    log,
  };
}
