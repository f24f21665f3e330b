import cron from 'node-cron';
import type { Logger } from '../platform/log.ts';

export interface ReminderSchedule {
  /** Runs one sweep now (also used at start-up to catch up after downtime). */
  sweepNow(): Promise<void>;
  /** Stops the ticks and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Cron wiring only: ticks call `sweep(new Date())` in the configured time zone, once at start-up
 * too, never two at a time. What is due, and the never-twice guarantee, live in the sweep.
 */
export function scheduleReminders(options: {
  cronExpression: string;
  timeZone: string;
  sweep: (now: Date) => Promise<unknown>;
  log: Logger;
}): ReminderSchedule {
  let running: Promise<void> | null = null;
  let stopped = false;
  const sweepNow = () => {
    if (stopped) return Promise.resolve();
    if (running) return running;
    running = options
      .sweep(new Date())
      .then(
        () => undefined,
        (error: unknown) => options.log.error({ err: error }, 'reminder sweep failed'),
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task = cron.schedule(options.cronExpression, () => sweepNow(), {
    timezone: options.timeZone,
    name: 'boussole-reminders',
    noOverlap: true,
  });
  void sweepNow();
  return {
    sweepNow,
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      if (running) await running;
    },
  };
}

/** A clear start-up error for a bad BOUSSOLE_REMINDER_CRON, naming the variable. */
export function checkCronExpression(expression: string): string | undefined {
  return cron.validate(expression)
    ? undefined
    : `BOUSSOLE_REMINDER_CRON : expression cron invalide « ${expression} » (exemple : */5 * * * *).`;
}
