import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../src/app/app-router.ts';
import { testContext } from '../../helpers/plans.ts';
import { seedProgress } from '../../helpers/progress.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';
import { buttonClick, buttonsOf, mentionEvent, sendToSlackApp } from '../../helpers/slack-requests.ts';

// Issue 19 in Slack: the real Bolt receiver, signed requests, the fake Web API on loopback, the
// app's router on a database holding values, targets and deadlines.
let ctx: ReturnType<typeof testContext>;
let h: SlackHarness;
beforeAll(async () => {
  ctx = testContext();
  await seedProgress(ctx);
  h = await startSlackHarness(createAppRouter(ctx), { db: ctx.db });
});
afterAll(async () => {
  await h?.close();
  ctx?.cleanup();
});

describe('a progress question in Slack', () => {
  it('answers in the thread with the figures, the verdict and the sources; its chart button posts the chart', async () => {
    const ts = '1715001900.000100';
    await sendToSlackApp(
      h.eventsUrl,
      SIGNING_SECRET,
      'event',
      mentionEvent({ text: '<@U0BOT> Où en est le Cantal sur les faits numériques ?', ts }),
    );
    const post = await h.fake.waitFor(
      () => h.fake.find('chat.postMessage').find((p) => p.body.thread_ts === ts),
      15_000,
    );
    const blocks = JSON.stringify(post.body.blocks);
    // Block Kit mrkdwn: bold is one star, and the text is escaped for Slack.
    expect(blocks).toContain('*62,5 %* (proposée, en attente de validation)');
    expect(blocks).toContain('→ *dans les temps*');
    expect(blocks).toContain('↗ +2,5 pts depuis 2024-2025 (60 %)');
    expect(blocks).toMatch(
      /\[1(?:, \d+)*\] Feuille de route CASF 2025-2030 › [^"]+ — Académie de Clermont-Ferrand/u,
    );
    const chart = buttonsOf(post.body.blocks).find((b) => b.text.text === 'Graphique');
    expect(chart).toBeDefined();
    await sendToSlackApp(
      h.eventsUrl,
      SIGNING_SECRET,
      'interaction',
      buttonClick(chart as never, { response_url: h.fake.responseUrl('chart') }),
    );
    const upload = await h.fake.waitFor(() => h.fake.find('files.getUploadURLExternal')[0], 15_000);
    expect(upload.body.filename).toBe('i0ab56d1.png');
    const done = await h.fake.waitFor(() => h.fake.find('files.completeUploadExternal')[0], 15_000);
    expect(JSON.parse(done.body.files)[0].title).toContain('faits numériques');
  });
});
