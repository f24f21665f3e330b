import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../src/app/app-router.ts';
import { testContext } from '../../helpers/plans.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';
import {
  buttonClick,
  buttonsOf,
  mentionEvent,
  sendToSlackApp,
  viewSubmission,
} from '../../helpers/slack-requests.ts';

// Issue 5 in Slack: the real Bolt receiver, signed requests, the fake Web API, the app's router.
let ctx: ReturnType<typeof testContext>;
let h: SlackHarness;

beforeAll(async () => {
  ctx = testContext();
  await ctx
    .measurements()
    .repo.grant({ userKey: 'slack:U0ALICE', role: 'contributor', scope: 'cantal' }, 'test');
  h = await startSlackHarness(createAppRouter(ctx), { db: ctx.db });
});
afterAll(async () => {
  await h?.close();
  ctx?.cleanup();
});

const interact = (payload: Record<string, unknown>) =>
  sendToSlackApp(h.eventsUrl, SIGNING_SECRET, 'interaction', payload);
const responses = (name: string) => h.fake.find(`/respond/${name}`);

function button(blocks: unknown, label: string) {
  const found = buttonsOf(blocks as never[]).find((b) => b.text.text === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(blocks)}`);
  return found;
}

describe('recording a measurement in Slack', () => {
  it('previews, saves once on Confirm clicked twice, with the Slack user as author', async () => {
    await sendToSlackApp(
      h.eventsUrl,
      SIGNING_SECRET,
      'event',
      mentionEvent({
        text: "<@U0BOT> Cantal 2025-2026 : 62,5 % d'élèves groupe 3 faits numériques",
        ts: '1715000700.000100',
      }),
    );
    const preview = await h.fake.waitFor(() =>
      h.fake.find('chat.postMessage').find((p) => p.body.thread_ts === '1715000700.000100'),
    );
    expect(JSON.stringify(preview.body.blocks)).toContain('62,5');
    const confirm = button(preview.body.blocks, 'Confirmer');
    await interact(buttonClick(confirm, { response_url: h.fake.responseUrl('confirm1') }));
    await interact(buttonClick(confirm, { response_url: h.fake.responseUrl('confirm2') }));
    await h.fake.waitFor(() => responses('confirm1').length > 0 && responses('confirm2').length > 0);
    expect(responses('confirm1')[0]?.body.text).toMatch(/Valeur enregistrée/u);
    const saved = await ctx.measurements().repo.list();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      scope: 'cantal',
      value: 62.5,
      author: { platform: 'slack', userId: 'U0ALICE' },
    });
  });

  it('corrects a draft in the modal opened by "Modifier", then shows a new preview', async () => {
    await sendToSlackApp(
      h.eventsUrl,
      SIGNING_SECRET,
      'event',
      mentionEvent({
        text: "<@U0BOT> Cantal 2024-2025 : 140 % d'élèves groupe 3 faits numériques",
        ts: '1715000800.000100',
      }),
    );
    const invalid = await h.fake.waitFor(() =>
      h.fake.find('chat.postMessage').find((p) => p.body.thread_ts === '1715000800.000100'),
    );
    expect(JSON.stringify(invalid.body.blocks)).toMatch(/entre 0 et 100/u);
    const edit = button(invalid.body.blocks, 'Modifier');
    await interact(buttonClick(edit, { response_url: h.fake.responseUrl('edit'), trigger_id: 'trigger-m' }));
    const open = await h.fake.waitFor(() =>
      h.fake.find('views.open').find((v) => v.body.trigger_id === 'trigger-m'),
    );
    const view = open.body.view;
    const value = view.blocks.find((b: { block_id: string }) => b.block_id === 'value');
    expect(value.element.initial_value).toMatch(/140/u);
    await interact(viewSubmission(view, { value: '41,5 %', period: '2024-2025', scope: 'cantal' }));
    const [next] = await h.fake.waitFor(() => responses('edit').length > 0 && responses('edit'));
    expect(JSON.stringify(next?.body)).toMatch(/41,5/u);
    expect(JSON.stringify(next?.body)).toMatch(/Confirmer/u);
    expect(await ctx.measurements().repo.list()).toHaveLength(1);
  });

  it('traces a refused entry from the Slack event to the audit row by its request id', async () => {
    await sendToSlackApp(
      h.eventsUrl,
      SIGNING_SECRET,
      'event',
      mentionEvent(
        { user: 'U0BOB', text: '<@U0BOT> Cantal 2025-2026 : 10 constellations', ts: '1715000900.000100' },
        'Ev0REFUSED',
      ),
    );
    const refused = await h.fake.waitFor(() =>
      h.fake.find('chat.postMessage').find((p) => p.body.thread_ts === '1715000900.000100'),
    );
    expect(JSON.stringify(refused.body)).toMatch(/pas le droit/u);
    const row = ctx.db
      .prepare("SELECT actor, outcome, request_id FROM audit_log WHERE actor = 'slack:U0BOB'")
      .get() as { outcome: string; request_id: string };
    expect(row).toMatchObject({ outcome: 'refused', request_id: 'slack:Ev0REFUSED' });
    // The adapter logs its line once the post returned: wait for it rather than race it.
    const traced = await h.fake.waitFor(() =>
      h.logs.find(
        (line) => line.includes('"requestId":"slack:Ev0REFUSED"') && line.includes('slack: replied'),
      ),
    );
    expect(traced).toBeDefined();
  });
});
