import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/log.ts';
import { checkCronExpression, scheduleReminders } from '../../src/reminders/schedule.ts';

describe('the reminder schedule', () => {
  it('sweeps once at start-up, never two at a time, and stop() waits for the sweep in progress', async () => {
    let running = 0;
    let overlapped = false;
    let finished = 0;
    const schedule = scheduleReminders({
      // Never fires during the test: only the start-up sweep and explicit ones run.
      cronExpression: '0 0 1 1 *',
      timeZone: 'Europe/Paris',
      log: createLogger('silent'),
      sweep: async () => {
        running++;
        if (running > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 400));
        running--;
        finished++;
      },
    });
    // The start-up sweep is running; asking for another meanwhile joins it instead of overlapping.
    expect(running).toBe(1);
    const joined = schedule.sweepNow();
    await schedule.stop();
    await joined;
    expect(overlapped).toBe(false);
    expect(running).toBe(0);
    expect(finished).toBe(1);
    // Stopped: no sweep starts any more.
    await schedule.sweepNow();
    expect(finished).toBe(1);
  }, 15_000);

  it('names the variable when the cron expression is invalid', () => {
    expect(checkCronExpression('*/5 * * * *')).toBeUndefined();
    expect(checkCronExpression('every five minutes')).toMatch(/BOUSSOLE_REMINDER_CRON/u);
  });
});
