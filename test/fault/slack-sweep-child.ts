// Child process for the crash-during-delivery test: one reminder sweep delivered to a fake Slack Web
// API through the real Slack delivery port, as `npm start` does; the parent kills it mid-sweep.
import { webApi } from '@slack/bolt';
import { createSlackDelivery } from '../../src/adapters/slack/delivery.ts';
import { openContext } from '../../src/app/context.ts';
import { sweepDepsOf } from '../../src/app/sweep-deps.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { runSweep } from '../../src/reminders/sweep.ts';
import { FAKE_BOT_TOKEN } from '../helpers/slack-fake-api.ts';

const [dbFile, apiUrl, nowIso] = process.argv.slice(2) as [string, string, string];
const ctx = openContext(loadConfig({ BOUSSOLE_DB: dbFile }), createLogger('silent'));
const log = createLogger('silent');
const client = new webApi.WebClient(FAKE_BOT_TOKEN, {
  slackApiUrl: apiUrl,
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
});
const slack = createSlackDelivery({ client, log, tuning: { baseDelayMs: 20, perChannelIntervalMs: 10 } });
process.stdout.write('ready\n');
const outcomes = await runSweep(sweepDepsOf(ctx, { slack }, log), new Date(nowIso));
process.stdout.write(`done ${outcomes.filter((o) => o.ok).length}\n`);
ctx.close();
