import { afterEach, describe, expect, it } from 'vitest';
import type { Recipient, Reply } from '../../../src/core/kernel/types.ts';
import { activity, postActivity } from '../../helpers/teams-activities.ts';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.ts';
import type { ScriptedRouter } from '../../helpers/teams-router.ts';

const REMINDER: Reply = {
  status: 'info',
  lang: 'fr',
  text: '**Rappel** : la mesure « % d’élèves groupe 3 faits numériques » est attendue pour le 30 juin.',
  buttons: [{ id: 'remind:later:d-1', label: 'Plus tard' }],
};

let harness: TeamsHarness<ScriptedRouter> | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Installs the app in a personal chat, as Teams does when a user adds it. */
async function install(h: TeamsHarness<ScriptedRouter>, overrides: Record<string, unknown> = {}) {
  const update = activity('installation-update', h.connector.serviceUrl, overrides);
  expect((await postActivity(h.endpoint, update)).status).toBe(200);
  return update;
}

const user = (id: string): Recipient => ({ platform: 'teams', kind: 'user', id });

describe('Teams reminders', () => {
  it('delivers a reminder to a user’s personal chat from the reference saved at install', async () => {
    harness = await startTeamsHarness();
    const update = await install(harness);
    expect(harness.connector.calls).toEqual([]);

    const byEntraId = await harness.teams.delivery.deliver(user(update.from.aadObjectId), REMINDER);
    const byTeamsId = await harness.teams.delivery.deliver(user(update.from.id), REMINDER);

    expect(byEntraId).toEqual({ ok: true });
    expect(byTeamsId).toEqual({ ok: true });
    const [first] = await harness.connector.waitForMessages(2);
    // A new message in the chat, not a reply to anything.
    expect(first?.path).toBe(`/v3/conversations/${encodeURIComponent(update.conversation.id)}/activities`);
    expect(first?.body.attachments[0].content.body[0].text).toMatch(/^\*\*Rappel\*\* : la mesure/u);
    expect(first?.body.attachments[0].content.actions[0].data).toMatchObject({
      buttonId: 'remind:later:d-1',
    });
  });

  it('welcomes a user with their overview when the bot joins their personal chat', async () => {
    harness = await startTeamsHarness();
    const joined = activity('installation-update', harness.connector.serviceUrl, {
      type: 'conversationUpdate',
      action: undefined,
      membersAdded: [{ id: 'user-id-0' }, { id: '00000000-0000-0000-0000-00000000000011' }],
    });

    expect((await postActivity(harness.endpoint, joined)).status).toBe(200);

    const [welcome] = await harness.connector.waitForMessages(1);
    expect(harness.router.homes).toEqual([
      {
        platform: 'teams',
        userId: joined.from.aadObjectId,
        workspace: joined.conversation.tenantId,
        requestId: `teams:${joined.id}`,
      },
    ]);
    expect(welcome?.body.attachments[0].content.body[0].text).toBe('Bonjour ! Voici vos échéances.');
    expect(await harness.teams.delivery.deliver(user('user-id-0'), REMINDER)).toEqual({ ok: true });
  });

  it('posts a channel reminder as a new post in the channel where the bot was first mentioned', async () => {
    harness = await startTeamsHarness();
    const mention = activity('channel-mention', harness.connector.serviceUrl);
    await postActivity(harness.endpoint, mention);
    await harness.connector.waitForMessages(1);

    const channelId = '19:4f2c1a7e9b3d4c6e8a0b2d4f6a8c0e2b@thread.tacv2';
    const fromThread = await harness.teams.delivery.deliver(
      { platform: 'teams', kind: 'channel', id: mention.conversation.id },
      REMINDER,
    );
    const fromChannel = await harness.teams.delivery.deliver(
      { platform: 'teams', kind: 'channel', id: channelId },
      REMINDER,
    );

    expect([fromThread, fromChannel]).toEqual([{ ok: true }, { ok: true }]);
    const posts = (await harness.connector.waitForMessages(3)).slice(1);
    expect(posts.map((post) => post.path)).toEqual([
      `/v3/conversations/${encodeURIComponent(channelId)}/activities`,
      `/v3/conversations/${encodeURIComponent(channelId)}/activities`,
    ]);
  });

  it('retries a throttled send, and reports each failing recipient on its own without blocking the others', async () => {
    harness = await startTeamsHarness();
    const alice = await install(harness);
    const blocked = await install(harness, {
      id: 'install-2',
      from: { id: 'user-id-1', aadObjectId: 'aad-user-1' },
      conversation: { conversationType: 'personal', tenantId: 't', id: 'conversation-blocked' },
    });
    harness.connector.failNext(alice.conversation.id, 429, 1, { 'retry-after': '0' });
    harness.connector.failNext(blocked.conversation.id, 403, 10);

    const results = await Promise.all([
      harness.teams.delivery.deliver(user(alice.from.aadObjectId), REMINDER),
      harness.teams.delivery.deliver(user('aad-user-1'), REMINDER),
      harness.teams.delivery.deliver(user('nobody'), REMINDER),
      harness.teams.delivery.deliver({ platform: 'slack', kind: 'user', id: 'U1' }, REMINDER),
    ]);

    expect(results[0]).toEqual({ ok: true });
    expect(results[1]).toEqual({ ok: false, retryable: false, error: expect.stringContaining('HTTP 403') });
    expect(results[2]).toEqual({
      ok: false,
      retryable: false,
      error: expect.stringMatching(/aucune conversation/u),
    });
    expect(results[3]).toMatchObject({ ok: false, retryable: false });
    const toAlice = harness.connector.calls.filter((call) => call.conversationId === alice.conversation.id);
    expect(toAlice).toHaveLength(2);
    expect(
      harness.connector.calls.filter((call) => call.conversationId === blocked.conversation.id),
    ).toHaveLength(1);
  });

  it('reports a connector that keeps failing as retryable, for the next reminder sweep', async () => {
    harness = await startTeamsHarness();
    const update = await install(harness);
    harness.connector.failNext(update.conversation.id, 503, 100, { 'retry-after': '0' });

    const result = await harness.teams.delivery.deliver(user(update.from.id), REMINDER);

    expect(result).toEqual({ ok: false, retryable: true, error: expect.stringContaining('HTTP 503') });
  });

  it('reports a refused connection as retryable once the connector client has retried it', async () => {
    harness = await startTeamsHarness();
    // Port 1 on loopback: nothing listens there, every connection is refused.
    const update = activity('installation-update', 'http://127.0.0.1:1/');
    await postActivity(harness.endpoint, update);

    const result = await harness.teams.delivery.deliver(user(update.from.id), REMINDER);

    expect(result).toEqual({ ok: false, retryable: true, error: expect.stringContaining('ECONNREFUSED') });
  });

  it('gives up on a connector that does not answer within the delivery time limit', async () => {
    harness = await startTeamsHarness({ deliveryTimeoutMs: 300 });
    const update = await install(harness);
    harness.connector.hang(update.conversation.id);

    const started = Date.now();
    const result = await harness.teams.delivery.deliver(user(update.from.id), REMINDER);

    expect(result).toEqual({ ok: false, retryable: true, error: 'délai de 300 ms dépassé' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('forgets a personal chat when the user removes the app', async () => {
    harness = await startTeamsHarness();
    const update = await install(harness);
    await install(harness, { id: 'uninstall-1', action: 'remove' });

    const result = await harness.teams.delivery.deliver(user(update.from.aadObjectId), REMINDER);

    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(harness.connector.calls).toEqual([]);
  });
});
