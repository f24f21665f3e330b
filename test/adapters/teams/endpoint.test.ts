import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Router } from '../../../src/core/kernel/types.ts';
import { tempDir } from '../../helpers/plans.ts';
import { activity, cardSubmit, postActivity } from '../../helpers/teams-activities.ts';
import type { ConnectorCall } from '../../helpers/teams-connector.ts';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.ts';
import { CANTAL_QUESTION, type ScriptedRouter } from '../../helpers/teams-router.ts';

const harnesses: TeamsHarness<Router>[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});
async function start<R extends Router = ScriptedRouter>(
  options: Parameters<typeof startTeamsHarness<R>>[0] = {},
) {
  const harness = await startTeamsHarness<R>(options);
  harnesses.push(harness);
  return harness;
}

/** The texts of every TextBlock of the Adaptive Card a connector call carries. */
function cardTexts(call: ConnectorCall | undefined): string[] {
  const attachment = call?.body?.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const walk = (items: Record<string, unknown>[] = []): string[] =>
    items.flatMap((item) => [
      ...(item.type === 'TextBlock' ? [String(item.text)] : []),
      ...walk(item.items as Record<string, unknown>[] | undefined),
    ]);
  return walk(attachment.content.body);
}

describe('the Teams endpoint', () => {
  it('answers a personal-chat question with a cited Adaptive Card posted to the connector', async () => {
    const { endpoint, connector, router } = await start();
    const question = activity('personal-message', connector.serviceUrl);

    const response = await postActivity(endpoint, question);
    expect(response.status).toBe(200);

    const [answer] = await connector.waitForMessages(1);
    expect(connector.calls[0]?.body.type).toBe('typing');
    expect(answer?.conversationId).toBe(question.conversation.id);
    expect(answer?.replyToId).toBe(question.id);
    expect(answer?.authorization).toBeNull();
    const texts = cardTexts(answer);
    expect(texts[0]).toMatch(/^Dans le Cantal/u);
    expect(texts.some((t) => t.includes('faits numériques') && t.endsWith('[1].'))).toBe(true);
    expect(texts).toContain(
      '[1, 2] Feuille de route CASF 2025-2030 › Axe stratégique 1 › Objectifs liés aux automatismes mathématiques — Cantal, p. 8',
    );
    expect(answer?.body.summary).toMatch(/^Dans le Cantal, la feuille de route CASF/u);

    expect(router.messages).toEqual([
      {
        actor: {
          platform: 'teams',
          userId: question.from.aadObjectId,
          displayName: 'Alex Wilber',
          workspace: question.conversation.tenantId,
          requestId: `teams:${question.id}`,
        },
        conversation: { platform: 'teams', conversationId: question.conversation.id, direct: true },
        text: CANTAL_QUESTION,
        messageId: question.id,
      },
    ]);
  });

  it('strips the bot mention from a channel message and keeps the reply chain as the conversation', async () => {
    const { endpoint, connector, router } = await start();
    const mention = activity('channel-mention', connector.serviceUrl);

    expect((await postActivity(endpoint, mention)).status).toBe(200);

    const [answer] = await connector.waitForMessages(1);
    expect(router.messages[0]?.text).toBe(CANTAL_QUESTION);
    expect(router.messages[0]?.conversation).toEqual({
      platform: 'teams',
      conversationId: mention.conversation.id,
      direct: false,
    });
    expect(answer?.conversationId).toBe(mention.conversation.id);
    expect(cardTexts(answer)[0]).toMatch(/^Dans le Cantal/u);
  });

  it('answers a group chat mention, with the other people mentioned kept as plain names', async () => {
    const { endpoint, connector, router } = await start();
    const mention = activity('group-chat-mention', connector.serviceUrl);

    expect((await postActivity(endpoint, mention)).status).toBe(200);

    await connector.waitForMessages(1);
    expect(router.messages[0]?.text).toBe(`et Dominique Petit : ${CANTAL_QUESTION}`);
    expect(router.messages[0]?.conversation.conversationId).toBe(
      '19:8d0f6b2a4c1e4b7d9f3a5c7e9b1d3f5a@thread.v2',
    );
    expect(router.messages[0]?.conversation.direct).toBe(false);
  });

  it('handles an Action.Submit once even when Teams delivers it twice', async () => {
    const { endpoint, connector, router } = await start();
    const submit = cardSubmit(connector.serviceUrl, {
      id: 'submit-1',
      replyToId: 'card-1',
      buttonId: 'confirm:m-1',
    });

    // The redelivery arrives while the first delivery may still be running.
    const responses = await Promise.all([postActivity(endpoint, submit), postActivity(endpoint, submit)]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);

    const [saved] = await connector.waitForMessages(1);
    expect(router.clicks).toHaveLength(1);
    expect(router.clicks[0]).toEqual({
      actor: {
        platform: 'teams',
        userId: submit.from.aadObjectId,
        displayName: 'Alex Wilber',
        workspace: submit.conversation.tenantId,
        requestId: `teams:${submit.id}`,
      },
      conversation: { platform: 'teams', conversationId: submit.conversation.id, direct: true },
      buttonId: 'confirm:m-1',
    });
    expect(cardTexts(saved)).toEqual(['Mesure enregistrée.']);
    expect(connector.messages()).toHaveLength(1);
  });

  it('answers a second click on the same card with a note instead of acting again', async () => {
    const { endpoint, connector, router } = await start();
    const first = cardSubmit(connector.serviceUrl, {
      id: 'click-1',
      replyToId: 'card-7',
      buttonId: 'confirm:m-7',
    });
    const second = cardSubmit(connector.serviceUrl, {
      id: 'click-2',
      replyToId: 'card-7',
      buttonId: 'confirm:m-7',
    });

    await postActivity(endpoint, first);
    await postActivity(endpoint, second);

    const [, note] = await connector.waitForMessages(2);
    expect(router.clicks).toHaveLength(1);
    expect(cardTexts(note)).toEqual(['This action has already been taken into account.']);
  });

  it('remembers handled submits across a restart', async () => {
    const scratch = tempDir('boussole-teams-submits-');
    try {
      const env = { BOUSSOLE_TEAMS_DEV: '1' };
      const dbFile = path.join(scratch.dir, 'teams.db');
      const before = await startTeamsHarness({ env, dbFile });
      const submit = cardSubmit(before.connector.serviceUrl, {
        id: 'once',
        replyToId: 'card-9',
        buttonId: 'confirm:9',
      });
      await postActivity(before.endpoint, submit);
      await before.connector.waitForMessages(1);
      await before.close();

      const after = await start({ env, dbFile });
      const again = await postActivity(after.endpoint, { ...submit, serviceUrl: after.connector.serviceUrl });
      expect(again.status).toBe(200);
      expect(after.router.clicks).toEqual([]);
      expect(after.connector.messages()).toEqual([]);
    } finally {
      scratch.cleanup();
    }
  });

  it('hands the form values of a submit to the router', async () => {
    const { endpoint, connector, router } = await start();
    const submit = cardSubmit(connector.serviceUrl, {
      id: 'form-1',
      replyToId: 'card-form',
      buttonId: 'form:measure:1',
      inputs: { 'field.value': '42', 'field.note': 'rentrée 2026' },
    });

    await postActivity(endpoint, submit);

    await connector.waitForMessages(1);
    expect(router.clicks[0]?.buttonId).toBe('form:measure:1');
    expect(router.clicks[0]?.values).toEqual({ value: '42', note: 'rentrée 2026' });
  });

  it('answers politely in the client language when the router fails, and logs the error', async () => {
    const failing: Router = {
      handleMessage: async () => {
        throw new Error('index indisponible');
      },
      homeView: async () => ({ status: 'info', lang: 'fr', text: '' }),
      handleClick: async () => ({ status: 'info', lang: 'fr', text: '' }),
    };
    const { endpoint, connector, logs } = await start({ router: failing });

    expect((await postActivity(endpoint, activity('channel-mention', connector.serviceUrl))).status).toBe(
      200,
    );

    const [apology] = await connector.waitForMessages(1);
    expect(cardTexts(apology)).toEqual([
      'Désolé, je n’ai pas pu traiter votre demande. Réessayez dans un instant.',
    ]);
    expect(logs.some((line) => line.level === 50 && line.msg === 'Teams turn failed')).toBe(true);
  });

  it('serves a health check and refuses what is not an activity', async () => {
    const { endpoint, teams } = await start();
    const health = await fetch(`http://127.0.0.1:${teams.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(endpoint)).status).toBe(405);
    const notJson = await fetch(endpoint, { method: 'POST', body: 'bonjour' });
    expect(notJson.status).toBe(400);
    expect((await fetch(`http://127.0.0.1:${teams.port}/autre`)).status).toBe(404);
  });
});
