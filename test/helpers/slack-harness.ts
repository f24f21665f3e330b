import { Writable } from 'node:stream';
import { webApi } from '@slack/bolt';
import { type SlackHandle, type SlackOptions, startSlack } from '../../src/adapters/slack/index.ts';
import type { Router } from '../../src/core/kernel/types.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { type Db, openDatabase } from '../../src/store/db.ts';
import type { SlackStateStore } from '../../src/store/ports.ts';
import { createSlackStateStore } from '../../src/store/slack-state-store.ts';
import { createFakeSlackStateStore } from '../fakes/slack-state-store.ts';
import { FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from './slack-fake-api.ts';

export const SIGNING_SECRET = 'test-signing-secret-5f2a9c';

export interface SlackHarness {
  fake: FakeSlackApi;
  slack: SlackHandle;
  /** What the adapter keeps: in memory, or in SQLite when the test gave a database. */
  store: SlackStateStore;
  /** http://127.0.0.1:<port>/slack/events */
  eventsUrl: string;
  base: string;
  /** Everything Boussole logged, as JSON lines. */
  logs: string[];
  /** Stops the app (not the fake nor the database), e.g. to restart it on the same database. */
  restart(router?: Router): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real adapter as `npm start` runs it, on 127.0.0.1 port 0, against a fake Slack Web API:
 * startSlack with the real Bolt HTTP receiver and an injected router. Its state is kept in memory
 * (test/fakes) unless the test gives a database (`db`, or `dbFile`).
 */
export async function startSlackHarness(
  router: Router,
  options: {
    db?: Db;
    dbFile?: string;
    slack?: SlackOptions;
    logLevel?: string;
    health?: () => Promise<string | null>;
  } = {},
): Promise<SlackHarness> {
  const fake = await startFakeSlackApi();
  const own = options.dbFile ? openDatabase(options.dbFile) : undefined;
  const db = options.db ?? own;
  const store = db ? createSlackStateStore(db) : createFakeSlackStateStore();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    BOUSSOLE_DB: ':memory:',
    BOUSSOLE_HTTP_HOST: '127.0.0.1',
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_PORT: '0',
    SLACK_API_URL: fake.apiUrl,
  });
  const log = createLogger(options.logLevel ?? 'info', sink);
  const slackOptions: SlackOptions = {
    retryConfig: webApi.retryPolicies.rapidRetryPolicy,
    delivery: { baseDelayMs: 20, perChannelIntervalMs: 50 },
    drainMs: 2000,
    ...options.slack,
  };
  const start = (r: Router) =>
    startSlack(
      { config, router: r, log, store, ...(options.health ? { health: options.health } : {}) },
      slackOptions,
    );
  let slack = await start(router);
  const harness: SlackHarness = {
    fake,
    slack,
    store,
    logs,
    get base() {
      return `http://127.0.0.1:${harness.slack.port}`;
    },
    get eventsUrl() {
      return `http://127.0.0.1:${harness.slack.port}/slack/events`;
    },
    async restart(next = router) {
      await slack.stop();
      slack = await start(next);
      harness.slack = slack;
    },
    async close() {
      await slack.stop();
      await fake.close();
      if (own?.open) own.close();
    },
  };
  return harness;
}
