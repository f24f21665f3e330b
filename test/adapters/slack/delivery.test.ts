import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Recipient, Reply } from '../../../src/core/kernel/types.ts';
import type { FakeCall } from '../../helpers/slack-fake-api.ts';
import { type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';
import { buttonsOf } from '../../helpers/slack-requests.ts';
import { createScriptedRouter } from '../../helpers/slack-router.ts';

let h: SlackHarness;

const BACKOFF_MS = 300;
const CHANNEL_INTERVAL_MS = 250;

beforeAll(async () => {
  h = await startSlackHarness(createScriptedRouter(), {
    slack: { delivery: { attempts: 3, baseDelayMs: BACKOFF_MS, perChannelIntervalMs: CHANNEL_INTERVAL_MS } },
  });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.fake.reset();
});

const user = (id: string): Recipient => ({ platform: 'slack', kind: 'user', id });
const channel = (id: string): Recipient => ({ platform: 'slack', kind: 'channel', id });
const reminder: Reply = {
  status: 'info',
  lang: 'fr',
  text: '**Rappel** : la mesure « Taux de formation » est attendue pour le 30 juin.',
  buttons: [
    { id: 'remind:enter:ind-1', label: 'Saisir maintenant', style: 'primary' },
    { id: 'remind:snooze:ind-1', label: 'Reporter d’une semaine' },
  ],
};
const postsTo = (channelId: string) =>
  h.fake.find('chat.postMessage').filter((c) => c.body.channel === channelId);
const to = (channelId: string) => (call: FakeCall) => call.body.channel === channelId;

describe('reminders through the Slack DeliveryPort', () => {
  it('reach a user as a DM: conversations.open, then chat.postMessage with the buttons', async () => {
    const result = await h.slack.delivery.deliver(user('U0BOB'), reminder);
    expect(result).toEqual({ ok: true });
    expect(h.slack.delivery.platform).toBe('slack');
    expect(h.fake.find('conversations.open')[0]?.body.users).toBe('U0BOB');
    const [post] = postsTo('D0BOB');
    expect(post?.body.text).toContain('*Rappel*');
    const buttons = buttonsOf(post?.body.blocks);
    expect(buttons.map((b) => b.text.text)).toEqual(['Saisir maintenant', 'Reporter d’une semaine']);
    // A click on the DM's button reaches the router with the DM as its conversation.
    expect(JSON.parse(buttons[0]?.value)).toEqual({ b: 'remind:enter:ind-1', c: 'D0BOB', d: 1 });
  });

  it('reach a channel with chat.postMessage', async () => {
    expect(await h.slack.delivery.deliver(channel('C0PILOTAGE'), reminder)).toEqual({ ok: true });
    expect(h.fake.find('conversations.open')).toHaveLength(0);
    expect(postsTo('C0PILOTAGE')).toHaveLength(1);
  });

  it('retry a recipient after a 500 without holding up the others', async () => {
    h.fake.failNext('chat.postMessage', [{ status: 500 }], to('D0ALICE'));
    const started = performance.now();
    const [alice, bob] = await Promise.all([
      h.slack.delivery.deliver(user('U0ALICE'), reminder),
      h.slack.delivery.deliver(user('U0BOB'), reminder),
    ]);
    expect(alice).toEqual({ ok: true });
    expect(bob).toEqual({ ok: true });
    const aliceCalls = postsTo('D0ALICE');
    const bobCall = postsTo('D0BOB')[0];
    expect(aliceCalls).toHaveLength(2);
    expect((bobCall?.at ?? Infinity) - started).toBeLessThan(BACKOFF_MS);
    expect((aliceCalls[1]?.at ?? 0) - (aliceCalls[0]?.at ?? 0)).toBeGreaterThanOrEqual(BACKOFF_MS - 20);
  });

  it('wait for the Retry-After Slack gives with a 429', async () => {
    h.fake.failNext('chat.postMessage', [
      { status: 429, headers: { 'Retry-After': '1' }, body: { ok: false, error: 'ratelimited' } },
    ]);
    const result = await h.slack.delivery.deliver(channel('C0LIMIT'), reminder);
    expect(result).toEqual({ ok: true });
    const calls = postsTo('C0LIMIT');
    expect(calls).toHaveLength(2);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('give up after a bounded number of tries and say the failure is worth retrying later', async () => {
    h.fake.failNext('chat.postMessage', [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
    const result = await h.slack.delivery.deliver(channel('C0DOWN'), reminder);
    expect(result).toEqual({ ok: false, retryable: true, error: 'http_503' });
    expect(postsTo('C0DOWN')).toHaveLength(3);
  });

  it('do not retry what Slack refuses for good', async () => {
    h.fake.failNext('chat.postMessage', [{ status: 200, body: { ok: false, error: 'channel_not_found' } }]);
    const result = await h.slack.delivery.deliver(channel('C0GONE'), reminder);
    expect(result).toEqual({ ok: false, retryable: false, error: 'channel_not_found' });
    expect(postsTo('C0GONE')).toHaveLength(1);
  });

  it('space messages to one channel while other channels go at once', async () => {
    await Promise.all([
      h.slack.delivery.deliver(channel('C0BUSY'), reminder),
      h.slack.delivery.deliver(channel('C0BUSY'), reminder),
      h.slack.delivery.deliver(channel('C0CALM'), reminder),
    ]);
    const busy = postsTo('C0BUSY');
    expect(busy).toHaveLength(2);
    expect((busy[1]?.at ?? 0) - (busy[0]?.at ?? 0)).toBeGreaterThanOrEqual(CHANNEL_INTERVAL_MS - 20);
    expect((postsTo('C0CALM')[0]?.at ?? Infinity) - (busy[0]?.at ?? 0)).toBeLessThan(CHANNEL_INTERVAL_MS);
  });

  it('refuse a recipient of another platform without calling Slack', async () => {
    const result = await h.slack.delivery.deliver({ platform: 'teams', kind: 'user', id: 'x' }, reminder);
    expect(result).toEqual({ ok: false, retryable: false, error: 'not_a_slack_recipient' });
    expect(h.fake.calls).toHaveLength(0);
  });
});
