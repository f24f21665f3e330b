import type { DeliveryPort, Platform } from '../core/kernel/types.ts';
import type { Logger } from '../platform/log.ts';
import type { SweepDeps } from '../reminders/sweep.ts';
import type { AppContext } from './context.ts';

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
