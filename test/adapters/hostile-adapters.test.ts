import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../src/adapters/console/chat.ts';
import { encodeTarget } from '../../src/adapters/slack/actions.ts';
import { createAppRouter } from '../../src/app/app-router.ts';
import type { Router } from '../../src/core/kernel/types.ts';
import { hostileButtonIds, hostileMessages, hostileValues } from '../helpers/hostile.ts';
import { testContext } from '../helpers/plans.ts';
import type { FakeCall } from '../helpers/slack-fake-api.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';
import { buttonClick, mentionEvent, sendToSlackApp } from '../helpers/slack-requests.ts';
import { activity, cardSubmit, postActivity } from '../helpers/teams-activities.ts';
import { startTeamsHarness, type TeamsHarness } from '../helpers/teams-harness.ts';

// Issue 9, item 1: a sample of the hostile messages through Slack, Teams and the console chat.
const ALL = hostileMessages(10_000);
/** 300 messages: two of the huge ones and an even spread of the rest. */
const SAMPLE = [
  ...ALL.filter((m) => m.length >= 100_000).slice(0, 2),
  ...ALL.filter((m, i) => m.length < 100_000 && i % 33 === 0).slice(0, 298),
];
const BUTTONS = hostileButtonIds(400).filter((_, i) => i % 8 === 0);
const VALUES = hostileValues();
/** A broadcast the bot must never send: Slack's special mentions, or the words it would notify on. */
const BROADCAST = /<!(?:channel|here|everyone)|[@!](?:channel|here|everyone)\b/iu;

let ctx: ReturnType<typeof testContext>;
let router: Router;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  ctx = testContext({
    BOUSSOLE_ADMINS: 'slack:U0ROOT,teams:00000000-0000-0000-0000-0000000000a0,console:root',
  });
  const { repo } = ctx.measurements();
  for (const userKey of ['slack:U0ALICE', 'teams:00000000-0000-0000-0000-0000000000020', 'console:alice'])
    await repo.grant({ userKey, role: 'contributor', scope: 'cantal' }, 'test');
  router = createAppRouter(ctx);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  ctx?.cleanup();
});

const measurementCount = () =>
  (ctx.db.prepare('SELECT count(*) AS n FROM measurements').get() as { n: number }).n;

/** Slack escapes &, < and > in what people type; crafted markup arrives as is. Both are sent. */
const slackText = (text: string, i: number) =>
  i % 2 === 0 ? text : text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** What is wrong with one message the bot sent to Slack (chat.*, or a response_url post). */
function slackProblems(call: FakeCall): string[] {
  const { text, blocks } = call.body;
  const problems: string[] = [];
  if (typeof text !== 'string' || !text.trim()) problems.push('no text');
  if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 50) problems.push('blocks');
  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (typeof block?.type !== 'string') problems.push(`block ${JSON.stringify(block).slice(0, 100)}`);
    if (typeof block?.text?.text === 'string' && block.text.text.length > 3000)
      problems.push('section > 3000');
  }
  if (BROADCAST.test(JSON.stringify(call.body))) problems.push('broadcast mention');
  return problems;
}

describe('hostile messages through the Slack adapter', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness(router, { db: ctx.db });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('acknowledges every signed mention and answers each with well-formed Block Kit, never pinging', async () => {
    const users = ['U0BOB', 'U0ALICE', 'U0ROOT'];
    const threads: string[] = [];
    // Views echo what they were asked for: these make sure broadcasts reach a reply, defused.
    const echoes = ['fiche <!channel> <!here>', 'montre <!everyone>', 'fiche @channel @here'];
    for (const [i, text] of [...SAMPLE, ...echoes].entries()) {
      const ts = `1716000000.${String(i).padStart(6, '0')}`;
      threads.push(ts);
      const body = mentionEvent({ text: `<@U0BOT> ${slackText(text, i)}`, ts, user: users[i % 3] });
      const response = await sendToSlackApp(h.eventsUrl, SIGNING_SECRET, 'event', body);
      expect(response.status, JSON.stringify(text.slice(0, 80))).toBeLessThan(300);
    }
    const posted = () => [...h.fake.find('chat.postMessage'), ...h.fake.find('chat.postEphemeral')];
    await h.fake.waitFor(() => {
      const answered = new Set(posted().map((c) => c.body.thread_ts));
      return threads.every((ts) => answered.has(ts));
    }, 45_000);
    const problems = posted().flatMap((call) =>
      slackProblems(call).map((p) => `${call.body.thread_ts}: ${p}`),
    );
    expect(problems).toEqual([]);
    // The check has teeth: hostile mentions did reach the replies, defused.
    const defused = /[@!]\u200b(?:channel|here|everyone)|&lt;!(?:channel|here|everyone)/u;
    expect(posted().some((call) => defused.test(JSON.stringify(call.body)))).toBe(true);
    expect(h.logs.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
    expect(measurementCount()).toBe(0);
  }, 60_000);

  it('acknowledges garbage button values and ids and answers them without a broadcast', async () => {
    h.fake.reset();
    const raw = ['', '{}', 'null', '[]', '{"b":1,"c":2}', 'not json', '{"b":"confirm:d000000000000"}'];
    const targets = BUTTONS.map((id, i) =>
      encodeTarget({
        buttonId: id,
        conversation: { platform: 'slack', conversationId: 'C0PILOTAGE', threadId: `1716100000.${i}` },
        replacesPreview: i % 2 === 0,
        ephemeral: i % 3 === 0,
      }),
    );
    for (const [i, value] of [...raw, ...targets].entries()) {
      const click = buttonClick(
        { action_id: `bsl:click:${i}`, value, text: { type: 'plain_text', text: 'x' } },
        { response_url: h.fake.responseUrl(`click${i}`), user: { id: i % 2 ? 'U0ALICE' : 'U0BOB' } },
      );
      const response = await sendToSlackApp(h.eventsUrl, SIGNING_SECRET, 'interaction', click);
      expect(response.status).toBeLessThan(300);
    }
    const sent = () =>
      h.fake.calls.filter((c) => c.path.startsWith('/respond/') || /^chat\./u.test(c.method));
    await h.fake.waitFor(() => sent().length >= targets.length, 20_000);
    const problems = sent().flatMap((call) => slackProblems(call).map((p) => `${call.path}: ${p}`));
    expect(problems).toEqual([]);
    expect(h.logs.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
    expect(measurementCount()).toBe(0);
  }, 40_000);

  it('is still healthy afterwards', async () => {
    const response = await fetch(`${h.base}/healthz`);
    expect(response.status).toBe(200);
  });
});

describe('hostile messages through the Teams adapter', () => {
  let harness: TeamsHarness<Router>;
  beforeAll(async () => {
    harness = await startTeamsHarness({ router });
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** What is wrong with one activity the bot sent to the connector. */
  function teamsProblems(body: Record<string, unknown>): string[] {
    const problems: string[] = [];
    const [attachment, ...more] = (body.attachments as Record<string, unknown>[] | undefined) ?? [];
    const card = attachment?.content as Record<string, unknown> | undefined;
    if (more.length || attachment?.contentType !== 'application/vnd.microsoft.card.adaptive')
      problems.push('not one Adaptive Card');
    if (card?.type !== 'AdaptiveCard' || typeof card.version !== 'string' || !Array.isArray(card.body))
      problems.push('card shape');
    if ((card?.body as unknown[] | undefined)?.length === 0) problems.push('empty card');
    // A Teams mention needs an entity: the bot must never carry one.
    if (/"type":"mention"/u.test(JSON.stringify(body))) problems.push('a mention');
    return problems;
  }

  it('acknowledges every activity and answers each with one well-formed Adaptive Card', async () => {
    const users = [
      '00000000-0000-0000-0000-0000000000b0',
      '00000000-0000-0000-0000-0000000000020',
      '00000000-0000-0000-0000-0000000000a0',
    ];
    const ids: string[] = [];
    const sample = activity('personal-message', harness.connector.serviceUrl);
    for (const [i, text] of SAMPLE.entries()) {
      const id = `hostile-${i}`;
      ids.push(id);
      const message = activity('personal-message', harness.connector.serviceUrl, {
        id,
        text,
        from: { ...sample.from, id: `29:user-${i % 3}`, aadObjectId: users[i % 3] },
      });
      const response = await postActivity(harness.endpoint, message);
      expect(response.status, JSON.stringify(text.slice(0, 80))).toBeLessThan(300);
    }
    const replies = () => harness.connector.messages().filter((c) => c.replyToId?.startsWith('hostile-'));
    await harness.connector.waitForMessages(SAMPLE.length, 30_000);
    const answered = new Set(replies().map((c) => c.replyToId));
    expect(ids.filter((id) => !answered.has(id))).toEqual([]);
    const problems = replies().flatMap((c) => teamsProblems(c.body).map((p) => `${c.replyToId}: ${p}`));
    expect(problems).toEqual([]);
    expect(harness.logs.filter((line) => line.level >= 50)).toEqual([]);
    expect(measurementCount()).toBe(0);
  }, 60_000);

  it('acknowledges card submits with garbage button ids and inputs', async () => {
    const before = harness.connector.messages().length;
    for (const [i, buttonId] of BUTTONS.entries()) {
      const inputs = Object.fromEntries(
        Object.entries(VALUES[i % VALUES.length] ?? {}).map(([k, v]) => [`field.${k}`, v]),
      );
      const submit = cardSubmit(harness.connector.serviceUrl, {
        id: `submit-${i}`,
        replyToId: `card-${i}`,
        buttonId: buttonId || 'x',
        inputs,
      });
      const response = await postActivity(harness.endpoint, submit);
      expect(response.status).toBeLessThan(300);
    }
    const messages = await harness.connector.waitForMessages(before + BUTTONS.length, 20_000);
    const problems = messages.slice(before).flatMap((c) => teamsProblems(c.body));
    expect(problems).toEqual([]);
    expect(measurementCount()).toBe(0);
  }, 40_000);

  it('is still healthy afterwards', async () => {
    const response = await fetch(harness.endpoint.replace('/api/messages', '/healthz'));
    expect(response.status).toBe(200);
  });
});

describe('hostile messages through the console chat', () => {
  it('reads a stream of them, one per line, and ends normally on "quitter"', async () => {
    const lines = SAMPLE.map((m) => m.replace(/[\r\n]/gu, ' '));
    // A line that is an exit word would end the chat early and hide the rest.
    expect(lines.filter((l) => /^(?:quit|exit|quitter|q|:q|bye|au revoir)$/iu.test(l.trim()))).toEqual([]);
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk) => {
      written += chunk.toString();
    });
    const done = runConsoleChat({ router, input, output, user: 'alice' });
    input.end(`${lines.join('\n')}\nquitter\n`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('the console chat did not end')), 40_000);
    });
    await expect(Promise.race([done, timeout])).resolves.toBeUndefined();
    clearTimeout(timer);
    expect(written.trimEnd().endsWith('Au revoir.')).toBe(true);
    // One prompt before each line and one at the start: every line was read.
    expect(written.split('vous › ').length - 1).toBe(lines.length + 1);
    expect(measurementCount()).toBe(0);
  }, 60_000);

  it('leaves no promise rejected unhandled', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    expect(rejections).toEqual([]);
  });
});
