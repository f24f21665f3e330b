// Child process for the kill -9 test: runs reminder sweeps whose console delivery appends each
// delivered key to a log file (synchronously) and takes a little time, like a real network call.
// It honours the idempotency key the way the real ports do: a key already in the log is not added.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { openContext } from '../../src/app/context.ts';
import { sweepDepsOf } from '../../src/app/sweep-deps.ts';
import type { DeliveryPort } from '../../src/core/kernel/types.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { runSweep } from '../../src/reminders/sweep.ts';

const [dbFile, deliveredLog, nowIso] = process.argv.slice(2) as [string, string, string];
const ctx = openContext(loadConfig({ BOUSSOLE_DB: dbFile }), createLogger('silent'));
const port: DeliveryPort = {
  platform: 'console',
  async deliver(recipient, reply, options) {
    // Spread over ~1.5 s so that the parent's kill lands while many sends are still in flight.
    const n = Number(/\d+/u.exec(recipient.id)?.[0] ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 5 + ((n * 37) % 1500)));
    const key = options?.idempotencyKey ?? '';
    const seen = existsSync(deliveredLog) ? readFileSync(deliveredLog, 'utf8') : '';
    if (key && seen.includes(`|${key}|`)) return { ok: true };
    appendFileSync(deliveredLog, `${recipient.id}|${key}|${reply.text.slice(0, 40).replace(/\n/gu, ' ')}\n`);
    return { ok: true };
  },
};
process.stdout.write('ready\n');
const outcomes = await runSweep(
  sweepDepsOf(ctx, { console: port }, createLogger('silent')),
  new Date(nowIso),
);
process.stdout.write(`done ${outcomes.length}\n`);
ctx.close();
