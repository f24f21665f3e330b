import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack } from '../../../src/adapters/slack/index.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { createLogger } from '../../../src/platform/log.ts';
import { createFakeSlackStateStore } from '../../fakes/slack-state-store.ts';
import { FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../../helpers/slack-fake-api.ts';
import { createScriptedRouter } from '../../helpers/slack-router.ts';

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake?.close();
});

const deps = (env: Record<string, string>) => ({
  config: loadConfig({ BOUSSOLE_DB: ':memory:', BOUSSOLE_HTTP_HOST: '127.0.0.1', SLACK_PORT: '0', ...env }),
  router: createScriptedRouter(),
  log: createLogger('silent'),
  store: createFakeSlackStateStore(),
});

describe('starting the Slack app', () => {
  it('stops with an error naming SLACK_BOT_TOKEN when Slack refuses the token', async () => {
    const start = startSlack(
      deps({ SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: 's3cret', SLACK_API_URL: fake.apiUrl }),
    );
    await expect(start).rejects.toMatchObject({
      code: 'auth_not_authed',
      message: expect.stringMatching(/SLACK_BOT_TOKEN/u),
    });
  });

  it('stops with an error when Slack cannot be reached, instead of crashing later', async () => {
    const start = startSlack(
      deps({
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_SIGNING_SECRET: 's3cret',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      }),
    );
    await expect(start).rejects.toMatchObject({ code: 'auth_network', retryable: true });
  });

  it('listens on the configured host and stops cleanly, twice if asked', async () => {
    const slack = await startSlack(
      deps({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: 's3cret', SLACK_API_URL: fake.apiUrl }),
    );
    expect(slack.port).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${slack.port}/healthz`)).status).toBe(200);
    await slack.stop();
    await slack.stop();
    await expect(fetch(`http://127.0.0.1:${slack.port}/healthz`)).rejects.toThrow();
  });
});
