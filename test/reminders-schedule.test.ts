import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.ts';
import { checkCronExpression, scheduleReminders } from '../src/reminders/schedule.ts';

describe('the reminder schedule', () => {
  it('sweeps once at start-up, never two at a time, and stop() waits for the sweep in progress', async () => {
    let running = 0;
    let overlapped = false;
    const finished: number[] = [];
    const schedule = scheduleReminders({
      cronExpression: '* * * * * *',
      timeZone: 'Europe/Paris',
      log: createLogger('silent'),
      sweep: async () => {
        running++;
        if (running > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 1500));
        running--;
        finished.push(Date.now());
      },
    });
    // A tick every second while each sweep takes 1.5 s: ticks during a sweep are skipped.
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const stopping = Date.now();
    await schedule.stop();
    expect(overlapped).toBe(false);
    expect(running).toBe(0);
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(finished.at(-1)).toBeGreaterThanOrEqual(stopping - 10);
    const count = finished.length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(finished.length).toBe(count);
  }, 15_000);

  it('names the variable when the cron expression is invalid', () => {
    expect(checkCronExpression('*/5 * * * *')).toBeUndefined();
    expect(checkCronExpression('every five minutes')).toMatch(/BOUSSOLE_REMINDER_CRON/u);
  });
});
