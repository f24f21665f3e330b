import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { type SlackHandle, startSlack } from '../../../src/adapters/slack/index.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { createLogger } from '../../../src/platform/log.ts';
import { createFakeSlackStateStore } from '../../fakes/slack-state-store.ts';
import {
  FAKE_APP_TOKEN,
  FAKE_BOT_TOKEN,
  type FakeSlackApi,
  startFakeSlackApi,
} from '../../helpers/slack-fake-api.ts';
import { mentionEvent } from '../../helpers/slack-requests.ts';
import { createScriptedRouter } from '../../helpers/slack-router.ts';

let fake: FakeSlackApi;
let sockets: WebSocketServer;
let slack: SlackHandle;
const received: unknown[] = [];
let connection: Promise<WebSocket>;

beforeAll(async () => {
  fake = await startFakeSlackApi();
  sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => sockets.once('listening', resolve));
  fake.setSocketUrl(`ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link`);
  connection = new Promise((resolve) => {
    sockets.on('connection', (socket) => {
      socket.on('message', (data) => received.push(JSON.parse(String(data))));
      // Slack greets every new Socket Mode connection before sending anything else.
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0BOUSSOLE' } }),
      );
      resolve(socket);
    });
  });
  const config = loadConfig({
    BOUSSOLE_DB: ':memory:',
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_APP_TOKEN: FAKE_APP_TOKEN,
    SLACK_API_URL: fake.apiUrl,
  });
  slack = await startSlack(
    {
      config,
      router: createScriptedRouter(),
      log: createLogger('silent'),
      store: createFakeSlackStateStore(),
    },
    { retryConfig: webApi.retryPolicies.rapidRetryPolicy },
  );
});

afterAll(async () => {
  await slack?.stop();
  for (const client of sockets?.clients ?? []) client.terminate();
  await new Promise((resolve) => sockets?.close(resolve));
  await fake?.close();
});

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  it('opens no HTTP port, acknowledges events on the socket and answers in the thread', async () => {
    expect(slack.port).toBeUndefined();
    expect(fake.find('apps.connections.open')[0]?.headers.authorization).toBe(`Bearer ${FAKE_APP_TOKEN}`);
    const socket = await connection;
    socket.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload: mentionEvent({ ts: '1715000900.000100' }),
      }),
    );
    const post = await fake.waitFor(() => fake.find('chat.postMessage')[0]);
    expect(post.body.thread_ts).toBe('1715000900.000100');
    expect(JSON.stringify(post.body.blocks)).toContain('[1] Projet départemental du Cantal');
    expect(received).toContainEqual(expect.objectContaining({ envelope_id: 'env-1' }));
  });
});
