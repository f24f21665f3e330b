import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';
import {
  buttonClick,
  buttonsOf,
  eventCallback,
  mentionEvent,
  sendToSlackApp,
  slashCommand,
  viewSubmission,
} from '../../helpers/slack-requests.ts';
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

const event = (body: Record<string, unknown>) => sendToSlackApp(h.eventsUrl, SIGNING_SECRET, 'event', body);
const command = (fields: Record<string, string>) =>
  sendToSlackApp(h.eventsUrl, SIGNING_SECRET, 'command', slashCommand(fields));
const interact = (payload: Record<string, unknown>) =>
  sendToSlackApp(h.eventsUrl, SIGNING_SECRET, 'interaction', payload);
const posts = () => h.fake.find('chat.postMessage');
const responses = (name: string) => h.fake.find(`/respond/${name}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Mentions the bot and returns the message it posted (with its rendered buttons). */
async function mentionAndWait(text: string, ts: string) {
  await event(mentionEvent({ text: `<@U0BOT> ${text}`, ts }));
  return h.fake.waitFor(() => posts().find((p) => p.body.thread_ts === ts));
}

function button(blocks: unknown[] | undefined, label: string) {
  const found = buttonsOf(blocks as never[]).find((b) => b.text.text === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

describe('the /boussole slash command', () => {
  it('answers through the response_url, ephemerally, with a button to share in the channel', async () => {
    const response = await command({ response_url: h.fake.responseUrl('cmd1') });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const [reply] = await h.fake.waitFor(() => responses('cmd1').length > 0 && responses('cmd1'));
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply?.body.blocks)).toContain('[1] Projet départemental du Cantal');
    expect(buttonsOf(reply?.body.blocks).map((b) => b.text.text)).toEqual([
      '👍',
      '👎',
      'Partager dans le canal',
    ]);
    expect(router.messages.at(-1)?.text).toBe(CANTAL_QUESTION);
    expect(router.messages.at(-1)?.conversation).toEqual({ platform: 'slack', conversationId: 'C0PILOTAGE' });

    const share = button(reply?.body.blocks, 'Partager dans le canal');
    const shareUrl = h.fake.responseUrl('share1');
    await interact(
      buttonClick(share, {
        response_url: shareUrl,
        container: {
          type: 'message',
          message_ts: '1715000400.1',
          channel_id: 'C0PILOTAGE',
          is_ephemeral: true,
        },
      }),
    );
    const shared = await h.fake.waitFor(() => responses('share1').length === 2 && responses('share1'));
    expect(shared[0]?.body.response_type).toBe('in_channel');
    expect(JSON.stringify(shared[0]?.body.blocks)).toContain('Former les équipes');
    expect(JSON.stringify(shared[0]?.body.blocks)).toContain('Partagé par <@U0ALICE>');
    expect(buttonsOf(shared[0]?.body.blocks).map((b) => b.text.text)).not.toContain('Partager dans le canal');
    expect(shared[1]?.body).toEqual({ delete_original: true });
  });

  it('maps its subcommands to what the router understands', async () => {
    const cases: [string, string][] = [
      ['', 'aide'],
      ['aide', 'aide'],
      ['échéances', 'échéances'],
      ['echeances', 'échéances'],
      ['saisir 42 élèves formés au Cantal', 'saisir 42 élèves formés au Cantal'],
      ['indicateur taux de formation', 'indicateur taux de formation'],
      ['export', 'export'],
    ];
    for (const [i, [text, expected]] of cases.entries()) {
      await command({ text, response_url: h.fake.responseUrl(`sub${i}`) });
      await h.fake.waitFor(() => responses(`sub${i}`).length > 0);
      expect(router.messages.at(-1)?.text).toBe(expected);
    }
  });

  it('labels its buttons in English for an English answer', async () => {
    await command({
      text: 'question What targets online incidents?',
      response_url: h.fake.responseUrl('en'),
    });
    const [reply] = await h.fake.waitFor(() => responses('en').length > 0 && responses('en'));
    expect(buttonsOf(reply?.body.blocks).map((b) => b.text.text)).toContain('Share in channel');
  });
});

describe('buttons', () => {
  it('confirming a preview calls the router and replaces the preview with the result', async () => {
    const preview = await mentionAndWait('saisir 42 élèves formés', '1715000500.000100');
    expect(buttonsOf(preview.body.blocks).map((b) => b.text.text)).toEqual([
      'Confirmer',
      'Modifier',
      'Annuler',
    ]);
    const confirm = button(preview.body.blocks, 'Confirmer');
    await interact(buttonClick(confirm, { response_url: h.fake.responseUrl('confirm') }));
    const [replaced] = await h.fake.waitFor(() => responses('confirm').length > 0 && responses('confirm'));
    expect(replaced?.body.replace_original).toBe(true);
    expect(replaced?.body.text).toContain('Mesure enregistrée : *42*');
    expect(router.clicks.at(-1)).toMatchObject({
      buttonId: expect.stringMatching(/^confirm:draft-\d+$/u),
      actor: { platform: 'slack', userId: 'U0ALICE' },
      conversation: { platform: 'slack', conversationId: 'C0PILOTAGE', threadId: '1715000500.000100' },
    });
  });

  it('posts the result of other buttons in the thread', async () => {
    const deadlines = await mentionAndWait('échéances', '1715000510.000100');
    const snooze = button(deadlines.body.blocks, 'Reporter d’une semaine');
    await interact(buttonClick(snooze, { response_url: h.fake.responseUrl('snooze') }));
    const post = await h.fake.waitFor(() => posts().find((p) => p.body.text?.includes('Rappel reporté')));
    expect(post.body.thread_ts).toBe('1715000510.000100');
    expect(post.body.channel).toBe('C0PILOTAGE');
    expect(responses('snooze')).toHaveLength(0);
  });

  it('sends 👍/👎 to the router with the answer id and thanks the clicker alone', async () => {
    const answer = await mentionAndWait(CANTAL_QUESTION, '1715000520.000100');
    const up = button(answer.body.blocks, '👍');
    await interact(buttonClick(up, { response_url: h.fake.responseUrl('feedback') }));
    const [thanks] = await h.fake.waitFor(() => responses('feedback').length > 0 && responses('feedback'));
    expect(router.clicks.at(-1)?.buttonId).toBe('feedback:up:answer-1');
    expect(thanks?.body.response_type).toBe('ephemeral');
    expect(thanks?.body.replace_original).toBe(false);
    expect(button(answer.body.blocks, '👎').value).toContain('feedback:down:answer-1');
  });
});

describe('the measurement modal', () => {
  it('opens on "Modifier", passes the typed values to the router and shows the saved result', async () => {
    const preview = await mentionAndWait('saisir 42 élèves formés', '1715000600.000100');
    const edit = button(preview.body.blocks, 'Modifier');
    await interact(
      buttonClick(edit, { response_url: h.fake.responseUrl('edit'), trigger_id: 'trigger-edit' }),
    );
    const open = await h.fake.waitFor(() => h.fake.find('views.open')[0]);
    expect(open.body.trigger_id).toBe('trigger-edit');
    const view = open.body.view;
    expect(view.type).toBe('modal');
    expect(view.title.text).toBe('Modifier la mesure');
    expect(view.submit.text).toBe('Enregistrer');
    const inputs = view.blocks.filter((b: { type: string }) => b.type === 'input');
    expect(inputs.map((b: { block_id: string }) => b.block_id)).toEqual(['value', 'period', 'comment']);
    expect(inputs[0].element.initial_value).toBe('42');
    expect(inputs[1].element.initial_option.value).toBe('2024');
    expect(inputs[2].optional).toBe(true);
    // The modal is the answer to the click: the preview stays until the form is submitted.
    expect(responses('edit')).toHaveLength(0);

    const invalid = await interact(viewSubmission(view, { value: 'beaucoup', period: '2024' }));
    expect(invalid.status).toBe(200);
    const update = JSON.parse(invalid.text);
    expect(update.response_action).toBe('update');
    expect(update.view.blocks[0].text.text).toContain('La valeur doit être un nombre');

    const saved = await interact(viewSubmission(view, { value: '57', period: '2025' }));
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    const [replaced] = await h.fake.waitFor(() => responses('edit').length > 0 && responses('edit'));
    expect(replaced?.body.replace_original).toBe(true);
    expect(replaced?.body.text).toContain('Mesure enregistrée : *57*');
    const draft = String(router.clicks.at(-1)?.buttonId).replace('submit:', '');
    expect(router.clicks.at(-1)).toMatchObject({
      buttonId: expect.stringMatching(/^submit:draft-\d+$/u),
      values: { value: '57', period: '2025' },
      conversation: { conversationId: 'C0PILOTAGE', threadId: '1715000600.000100' },
    });

    // Submitted twice: the router answers "already saved"; the adapter passes it on and saves nothing.
    await interact(viewSubmission(view, { value: '57', period: '2025' }));
    await h.fake.waitFor(() => responses('edit').length === 2);
    expect(responses('edit')[1]?.body.text).toContain('déjà enregistrée');
    expect(router.saved.filter((s) => s.draft === draft)).toEqual([{ draft, value: '57' }]);
  });

  it('offers "Ouvrir le formulaire" when a form comes with a message, and opens it on click', async () => {
    const message = await mentionAndWait('formulaire taux de formation', '1715000610.000100');
    const open = button(message.body.blocks, 'Ouvrir le formulaire');
    await interact(
      buttonClick(open, { response_url: h.fake.responseUrl('open'), trigger_id: 'trigger-open' }),
    );
    const opened = await h.fake.waitFor(() => h.fake.find('views.open')[0]);
    expect(opened.body.trigger_id).toBe('trigger-open');
    expect(JSON.parse(opened.body.view.private_metadata)).toMatchObject({
      b: expect.stringMatching(/^submit:draft-\d+$/u),
      c: 'C0PILOTAGE',
      t: '1715000610.000100',
    });
  });
});

describe('the App Home tab', () => {
  it('is published with the router’s overview when the user opens it', async () => {
    await event(eventCallback('app_home_opened'));
    const publish = await h.fake.waitFor(() => h.fake.find('views.publish')[0]);
    expect(publish.body.user_id).toBe('U0ALICE');
    expect(publish.body.view.type).toBe('home');
    expect(JSON.stringify(publish.body.view.blocks)).toContain('*Mes indicateurs*');
    expect(router.homes.at(-1)?.userId).toBe('U0ALICE');

    // Its "Saisir maintenant" button opens the form, for the user's DM with the app.
    const enter = button(publish.body.view.blocks, 'Saisir maintenant');
    await interact(
      buttonClick(enter, {
        container: { type: 'view', view_id: 'V0VIEW' },
        channel: undefined,
        message: undefined,
        response_url: undefined,
        view: { id: 'V0VIEW', type: 'home' },
        trigger_id: 'trigger-home',
      }),
    );
    const opened = await h.fake.waitFor(() => h.fake.find('views.open')[0]);
    expect(opened.body.trigger_id).toBe('trigger-home');
    expect(router.clicks.at(-1)?.conversation).toEqual({
      platform: 'slack',
      conversationId: 'D0ALICE',
      direct: true,
    });
  });

  it('ignores the messages tab', async () => {
    await event(eventCallback('app_home_opened', { tab: 'messages' }));
    await sleep(200);
    expect(h.fake.find('views.publish')).toHaveLength(0);
  });
});
