import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../../src/core/router/router.ts';
import { testContext } from '../../helpers/plans.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';
import { mentionEvent, sendToSlackApp } from '../../helpers/slack-requests.ts';

// Issue 7's "done when", with the real router answering offline from the shipped plans.
let ctx: ReturnType<typeof testContext>;
let h: SlackHarness;

beforeAll(async () => {
  ctx = testContext();
  const router = createRouter({ library: () => ctx.library(), answerer: () => ctx.answerer() });
  h = await startSlackHarness(router, { db: ctx.db });
});
afterAll(async () => {
  await h?.close();
  ctx?.cleanup();
});

describe('Boussole in Slack, with the real router', () => {
  it('answers the Cantal question in the thread with the cited actions, once, and refuses forged requests', async () => {
    const body = mentionEvent({}, 'Ev0DONEWHEN');
    const send = (options = {}) => sendToSlackApp(h.eventsUrl, SIGNING_SECRET, 'event', body, options);
    expect((await send({ secret: 'forged' })).status).toBe(401);
    expect((await send({ timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    expect((await send()).status).toBe(200);

    const post = await h.fake.waitFor(() => h.fake.find('chat.postMessage')[0], 15_000);
    expect(post.body.channel).toBe('C0PILOTAGE');
    expect(post.body.thread_ts).toBe('1715000000.000100');
    const blocks = JSON.stringify(post.body.blocks);
    expect(blocks).toMatch(/faits numériques/u);
    expect(blocks).toMatch(/\[1\] [^"]+ — Cantal/u);

    await send({ headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } });
    await sendToSlackApp(
      h.eventsUrl,
      SIGNING_SECRET,
      'event',
      mentionEvent({ ts: '1715000001.000100', text: '<@U0BOT> aide' }),
    );
    await h.fake.waitFor(() => h.fake.find('chat.postMessage').length === 2, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      h.fake.find('chat.postMessage').filter((p) => p.body.thread_ts === '1715000000.000100'),
    ).toHaveLength(1);
  });
});
