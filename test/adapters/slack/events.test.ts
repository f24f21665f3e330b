import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT, FAKE_BOT_TOKEN } from '../../helpers/slack-fake-api.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';
import { eventCallback, mentionEvent, sendToSlackApp } from '../../helpers/slack-requests.ts';
import { CANTAL_QUESTION, createScriptedRouter, type ScriptedRouter } from '../../helpers/slack-router.ts';

let h: SlackHarness;
let router: ScriptedRouter;

beforeAll(async () => {
  router = createScriptedRouter();
  h = await startSlackHarness(router);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.fake.reset();
});

const send = (body: Record<string, unknown>, options = {}) =>
  sendToSlackApp(h.eventsUrl, SIGNING_SECRET, 'event', body, options);
const posts = () => h.fake.find('chat.postMessage');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the Slack HTTP endpoint', () => {
  it('rejects a request signed with the wrong secret with 401 and answers nothing', async () => {
    const response = await send(mentionEvent({ ts: '1715000001.000001' }), { secret: 'not-the-secret' });
    expect(response.status).toBe(401);
    await sleep(100);
    expect(posts()).toHaveLength(0);
  });

  it('rejects a correctly signed request older than five minutes with 401', async () => {
    const stale = Math.floor(Date.now() / 1000) - 301;
    const response = await send(mentionEvent({ ts: '1715000002.000001' }), { timestamp: stale });
    expect(response.status).toBe(401);
  });

  it('answers the health check', async () => {
    const response = await fetch(`${h.base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers the URL verification challenge Slack sends when the app is configured', async () => {
    const response = await send({ type: 'url_verification', token: 'x', challenge: 'défi-42' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: 'défi-42' });
  });
});

describe('a mention in a channel', () => {
  it('is acknowledged at once and answered in its thread with the cited Cantal actions', async () => {
    const body = mentionEvent({}, 'Ev0CANTAL');
    const started = performance.now();
    const response = await send(body);
    const ackMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(ackMs).toBeLessThan(3000);

    const [post] = await h.fake.waitFor(() => posts().length > 0 && posts());
    expect(post?.headers.authorization).toBe(`Bearer ${FAKE_BOT_TOKEN}`);
    expect(post?.body.channel).toBe('C0PILOTAGE');
    expect(post?.body.thread_ts).toBe('1715000000.000100');
    const blocks = post?.body.blocks as {
      type: string;
      text?: { text: string };
      elements?: { text: string }[];
    }[];
    const section = blocks.find((b) => b.type === 'section')?.text?.text ?? '';
    expect(section).toContain('Former les équipes à la prévention du cyberharcèlement [1]');
    const citations = blocks.filter((b) => b.type === 'context').map((b) => b.elements?.[0]?.text);
    expect(citations).toEqual([
      '[1] Projet départemental du Cantal 2023-2027 › Axe 2 — Climat scolaire › Objectif 3 — Prévenir le harcèlement — Cantal, p. 14',
      '[2] Projet départemental du Cantal 2023-2027 › Axe 2 — Climat scolaire — Cantal',
    ]);
    expect(post?.body.text).toContain('Deux actions du plan du Cantal');

    const asked = router.messages.at(-1);
    expect(asked?.text).toBe(CANTAL_QUESTION);
    expect(asked?.conversation).toEqual({
      platform: 'slack',
      conversationId: 'C0PILOTAGE',
      threadId: '1715000000.000100',
    });
    // The workspace of the install the event came from: the académie with BOUSSOLE_TENANTS.
    expect(asked?.actor).toEqual({
      platform: 'slack',
      userId: 'U0ALICE',
      displayName: 'Nom de U0ALICE',
      workspace: 'T0BOUSSOLE',
      // Slack's event id: the audit rows the core writes for this message carry it.
      requestId: 'slack:Ev0CANTAL',
    });
  });

  it('is answered once when Slack retries the same event (X-Slack-Retry-Num)', async () => {
    const body = mentionEvent({ ts: '1715000010.000100', text: `<@U0BOT> ${CANTAL_QUESTION}` }, 'Ev0RETRY');
    expect((await send(body)).status).toBe(200);
    await h.fake.waitFor(() => posts().length === 1);
    const retry = await send(body, {
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    const duplicate = await send(body);
    expect(retry.status).toBe(200);
    expect(duplicate.status).toBe(200);
    // A later event is answered: by then the retries have been through the adapter too.
    await send(mentionEvent({ ts: '1715000011.000100', text: '<@U0BOT> aide' }));
    await h.fake.waitFor(() => posts().length === 2);
    await sleep(100);
    expect(posts().map((p) => p.body.thread_ts)).toEqual(['1715000010.000100', '1715000011.000100']);
  });

  it('is not answered again after a restart when Slack redelivers it', async () => {
    const body = mentionEvent({ ts: '1715000020.000100' }, 'Ev0RESTART');
    await send(body);
    await h.fake.waitFor(() => posts().length === 1);
    await h.restart(router);
    await send(body, { headers: { 'X-Slack-Retry-Num': '2', 'X-Slack-Retry-Reason': 'http_error' } });
    await send(mentionEvent({ ts: '1715000021.000100', text: '<@U0BOT> aide' }));
    await h.fake.waitFor(() => posts().length === 2);
    await sleep(100);
    expect(posts().filter((p) => p.body.thread_ts === '1715000020.000100')).toHaveLength(1);
  });

  it('gets a short apology in the thread when the router fails, not silence', async () => {
    await send(mentionEvent({ ts: '1715000030.000100', text: '<@U0BOT> panne générale' }));
    const [post] = await h.fake.waitFor(() => posts().length > 0 && posts());
    expect(post?.body.thread_ts).toBe('1715000030.000100');
    expect(post?.body.text).toMatch(/Désolé/u);
  });

  it('waits for the Retry-After Slack sends with a 429, then answers', async () => {
    h.fake.failNext('chat.postMessage', [
      { status: 429, headers: { 'Retry-After': '1' }, body: { ok: false, error: 'ratelimited' } },
    ]);
    await send(mentionEvent({ ts: '1715000035.000100', text: '<@U0BOT> aide' }));
    const answered = await h.fake.waitFor(() => posts().length === 2 && posts());
    expect(answered[1]?.body.thread_ts).toBe('1715000035.000100');
    expect((answered[1]?.at ?? 0) - (answered[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('never lets model or user text ping the whole channel', async () => {
    await send(mentionEvent({ ts: '1715000040.000100', text: '<@U0BOT> cri <!channel> @here & <b>' }));
    const [post] = await h.fake.waitFor(() => posts().length > 0 && posts());
    const text = JSON.stringify(post?.body.blocks) + post?.body.text;
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('@here');
    expect(text).toContain('&lt;b&gt;');
    expect(text).toContain('&amp;');
  });
});

describe('follow-ups and direct messages', () => {
  it('answers a later message in a thread the bot answered, without a new mention', async () => {
    await send(mentionEvent({ ts: '1715000050.000100' }));
    await h.fake.waitFor(() => posts().length === 1);
    await send(
      eventCallback('message_thread', {
        thread_ts: '1715000050.000100',
        ts: '1715000051.000100',
        text: 'aide',
      }),
    );
    await h.fake.waitFor(() => posts().length === 2);
    expect(posts()[1]?.body.thread_ts).toBe('1715000050.000100');
    expect(router.messages.at(-1)?.conversation.threadId).toBe('1715000050.000100');
  });

  it('ignores threads the bot never answered, its own messages and other bots', async () => {
    const asked = router.messages.length;
    await send(eventCallback('message_thread', { thread_ts: '1715000060.000100', ts: '1715000061.000100' }));
    await send(mentionEvent({ ts: '1715000062.000100' }));
    await h.fake.waitFor(() => posts().length === 1);
    const thread = { thread_ts: '1715000062.000100' };
    await send(
      eventCallback('message_thread', {
        ...thread,
        ts: '1.1',
        user: FAKE_BOT.botUserId,
        bot_id: FAKE_BOT.botId,
      }),
    );
    await send(
      eventCallback('message_thread', { ...thread, ts: '1.2', user: 'U0OTHERBOT', bot_id: 'B0OTHER' }),
    );
    await send(eventCallback('message_thread', { ...thread, ts: '1.3', subtype: 'message_changed' }));
    // Tagged in the thread: app_mention answers it, the message event must not answer it twice.
    await send(eventCallback('message_thread', { ...thread, ts: '1.4', text: '<@U0BOT> aide' }));
    await sleep(300);
    expect(posts()).toHaveLength(1);
    expect(router.messages.length).toBe(asked + 1);
  });

  it('answers a direct message in the DM, outside any thread', async () => {
    await send(eventCallback('message_im'));
    const [post] = await h.fake.waitFor(() => posts().length > 0 && posts());
    expect(post?.body.channel).toBe('D0ALICE');
    expect(post?.body.thread_ts).toBeUndefined();
    expect(JSON.stringify(post?.body.blocks)).toContain('[1] Projet départemental du Cantal');
    expect(router.messages.at(-1)?.conversation).toEqual({
      platform: 'slack',
      conversationId: 'D0ALICE',
      direct: true,
    });
  });

  it('uploads a chart in the same thread with files.uploadV2', async () => {
    await send(mentionEvent({ ts: '1715000070.000100', text: '<@U0BOT> graphique du taux' }));
    const complete = await h.fake.waitFor(() => h.fake.find('files.completeUploadExternal')[0]);
    expect(complete.body.channel_id).toBe('C0PILOTAGE');
    expect(complete.body.thread_ts).toBe('1715000070.000100');
    expect(h.fake.find('files.getUploadURLExternal')[0]?.body.filename).toBe('evolution.png');
    expect(h.fake.find('/upload/F0CHART')).toHaveLength(1);
  });
});

describe('logs', () => {
  it('never contain the bot token or the signing secret', () => {
    const all = h.logs.join('\n');
    expect(h.logs.length).toBeGreaterThan(0);
    expect(all).not.toContain(FAKE_BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
  });
});
