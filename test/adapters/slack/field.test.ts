import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../src/app/app-router.ts';
import { testContext } from '../../helpers/plans.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';
import {
  buttonClick,
  buttonsOf,
  mentionEvent,
  sendToSlackApp,
  slashCommand,
  viewSubmission,
} from '../../helpers/slack-requests.ts';

// Issue 15, Slack: the real Bolt receiver with signed requests, the fake Web API, the app's router.
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
beforeEach(() => h.fake.reset());

const interact = (payload: Record<string, unknown>) =>
  sendToSlackApp(h.eventsUrl, SIGNING_SECRET, 'interaction', payload);
const responses = (name: string) => h.fake.find(`/respond/${name}`);

/** Alice (or another user) mentions the bot in a channel; returns the first message posted in the thread. */
async function mention(text: string, ts: string, user = 'U0ALICE') {
  await sendToSlackApp(
    h.eventsUrl,
    SIGNING_SECRET,
    'event',
    mentionEvent({ user, text: `<@U0BOT> ${text}`, ts }),
  );
  return h.fake.waitFor(() => h.fake.find('chat.postMessage').find((p) => p.body.thread_ts === ts));
}

function button(blocks: unknown, label: string) {
  const found = buttonsOf(blocks as never[]).find((b) => b.text.text === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(blocks)}`);
  return found;
}

const bobClicks = (target: Record<string, unknown>, url: string) =>
  interact(
    buttonClick(target, {
      user: { id: 'U0BOB', username: 'bob', name: 'bob', team_id: 'T0BOUSSOLE' },
      response_url: h.fake.responseUrl(url),
    }),
  );

describe('a measurement preview in a channel thread', () => {
  it('is left untouched by a stranger’s click, who alone is told why, with the verb of the button', async () => {
    const preview = await mention(
      "Cantal 2025-2026 : 62,5 % d'élèves groupe 3 faits numériques",
      '1716000000.000100',
    );
    await bobClicks(button(preview.body.blocks, 'Annuler'), 'bob-cancel');
    await bobClicks(button(preview.body.blocks, 'Confirmer'), 'bob-confirm');
    const [cancel] = await h.fake.waitFor(
      () => responses('bob-cancel').length > 0 && responses('bob-cancel'),
    );
    const [confirm] = await h.fake.waitFor(
      () => responses('bob-confirm').length > 0 && responses('bob-confirm'),
    );
    for (const answer of [cancel, confirm]) {
      expect(answer?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    }
    expect(cancel?.body.text).toMatch(/vous ne pouvez pas l’annuler/u);
    expect(confirm?.body.text).toMatch(/vous ne pouvez pas la confirmer/u);

    // Alice's preview still works: her click records the value and replaces it.
    await interact(
      buttonClick(button(preview.body.blocks, 'Confirmer'), { response_url: h.fake.responseUrl('alice') }),
    );
    const [saved] = await h.fake.waitFor(() => responses('alice').length > 0 && responses('alice'));
    expect(saved?.body).toMatchObject({ replace_original: true });
    expect(saved?.body.text).toMatch(/Valeur enregistrée/u);
    expect(await ctx.measurements().repo.list()).toHaveLength(1);
  });
});

describe('the notification text of a message', () => {
  it('is the first line of the answer, without the buttons or the citations', async () => {
    const preview = await mention(
      "Cantal 2024-2025 : 61 % d'élèves groupe 3 faits numériques",
      '1716000100.000100',
    );
    expect(preview.body.text).toBe('*Aperçu de la valeur — à confirmer*');
    const answer = await mention(
      'Quelles actions visent les faits numériques dans le Cantal ?',
      '1716000200.1',
    );
    expect(answer.body.text).not.toMatch(/\[1\]|\[👍\]|\n/u);
    expect(answer.body.text.length).toBeGreaterThan(10);
    expect(JSON.stringify(answer.body.blocks)).toContain('[1]');
  });
});

describe('the Modifier modal', () => {
  it('keeps the modal open with the error under the value field when 140 % is submitted', async () => {
    const preview = await mention(
      "Cantal 2023-2024 : 60 % d'élèves groupe 3 faits numériques",
      '1716000300.000100',
    );
    await interact(
      buttonClick(button(preview.body.blocks, 'Modifier'), {
        response_url: h.fake.responseUrl('edit140'),
        trigger_id: 'trigger-140',
      }),
    );
    const open = await h.fake.waitFor(() =>
      h.fake.find('views.open').find((v) => v.body.trigger_id === 'trigger-140'),
    );
    const view = open.body.view;
    const submitted = await interact(
      viewSubmission(view, { value: '140 %', period: '2023-2024', scope: 'cantal' }),
    );
    expect(submitted.status).toBe(200);
    const ack = JSON.parse(submitted.text);
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors)).toEqual(['value']);
    expect(ack.errors.value).toMatch(/140 % n’est pas un pourcentage possible.*entre 0 et 100/u);
    // The preview was not replaced by the error; once fixed, the new preview replaces it.
    expect(responses('edit140')).toEqual([]);
    await interact(viewSubmission(view, { value: '64 %', period: '2023-2024', scope: 'cantal' }));
    const [next] = await h.fake.waitFor(() => responses('edit140').length > 0 && responses('edit140'));
    expect(next?.body).toMatchObject({ replace_original: true });
    expect(JSON.stringify(next?.body.blocks)).toMatch(/64 %/u);
  });
});

describe('/boussole échéances and /boussole export', () => {
  const command = (text: string, url: string) =>
    sendToSlackApp(
      h.eventsUrl,
      SIGNING_SECRET,
      'command',
      slashCommand({ text, response_url: h.fake.responseUrl(url) }),
    );

  it('lists the deadlines the user owns, with their next date, indicator and scope', async () => {
    const { context } = ctx.deadlines();
    const [indicator] = ctx.measurements().catalog.search('faits numériques', { scope: 'cantal' });
    const { addDeadline } = await import('../../../src/core/deadlines/service.ts');
    const added = await addDeadline(
      {
        indicator: indicator?.indicator.node.id,
        yearly: '06-30',
        scope: 'cantal',
        owners: ['slack:U0ALICE'],
      },
      'test',
      context,
    );
    expect(added.ok).toBe(true);
    await command('échéances', 'deadlines');
    const [reply] = await h.fake.waitFor(() => responses('deadlines').length > 0 && responses('deadlines'));
    const text = JSON.stringify(reply?.body.blocks);
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(text).toContain('Vos échéances');
    expect(text).toMatch(/30 juin 20\d\d — .*faits numériques.* — Cantal/u);
    expect(text).not.toMatch(/éléments sur/u);
  });

  it('sends the tracking table as a file in the user’s DM, since an ephemeral reply cannot carry one', async () => {
    await command('export csv', 'export');
    const [reply] = await h.fake.waitFor(() => responses('export').length > 0 && responses('export'));
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply?.body.blocks)).toMatch(/Tableau de suivi.*CSV/u);
    expect(JSON.stringify(reply?.body.blocks)).toContain('envoyé en message direct');
    const complete = await h.fake.waitFor(() => h.fake.find('files.completeUploadExternal')[0]);
    expect(h.fake.find('conversations.open')[0]?.body.users).toBe('U0ALICE');
    expect(complete.body.channel_id).toBe('D0ALICE');
    expect(JSON.parse(complete.body.files)[0].title).toBe('Tableau de suivi');
    const [request] = h.fake.find('files.getUploadURLExternal');
    expect(request?.body.filename).toMatch(/^suivi-indicateurs-\d{4}-\d{2}-\d{2}\.csv$/u);
    expect(Number(request?.body.length)).toBeGreaterThan(100);
  });

  it('says which format or scope it did not understand', async () => {
    await command('export pdf', 'export-pdf');
    const [reply] = await h.fake.waitFor(() => responses('export-pdf').length > 0 && responses('export-pdf'));
    expect(JSON.stringify(reply?.body.blocks)).toContain('Format ou périmètre inconnu « pdf »');
    expect(h.fake.find('files.getUploadURLExternal')).toEqual([]);
  });
});
