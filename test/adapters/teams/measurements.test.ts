import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../src/app/app-router.ts';
import type { Router } from '../../../src/core/kernel/types.ts';
import { testContext } from '../../helpers/plans.ts';
import { actionData, activity, cardSubmit, cardText, postActivity } from '../../helpers/teams-activities.ts';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.ts';

// Issues 5 and 15 in Teams: the real CloudAdapter and a fake Bot Connector on loopback, the app's router.
const USER = 'teams:00000000-0000-0000-0000-0000000000020';
let ctx: ReturnType<typeof testContext>;
let harness: TeamsHarness<Router>;
beforeAll(async () => {
  ctx = testContext();
  await ctx.measurements().repo.grant({ userKey: USER, role: 'contributor', scope: 'allier' }, 'test');
  harness = await startTeamsHarness({ router: createAppRouter(ctx) });
});
afterAll(async () => {
  await harness.close();
  ctx.cleanup();
});

describe('recording a measurement in Teams', () => {
  it('previews in a card, which Confirm turns into the saved value; a second click is a note in the card’s language', async () => {
    const { connector, endpoint } = harness;
    const message = activity('personal-message', connector.serviceUrl, {
      id: 'measure-1',
      text: 'Allier, 2026 : 14 constellations',
    });
    expect((await postActivity(endpoint, message)).status).toBeLessThan(300);
    const [preview] = await connector.waitForMessages(1, 10_000);
    expect(cardText(preview)).toContain('constellation');
    const confirm = actionData(preview, 'Confirmer');
    for (const id of ['click-1', 'click-2']) {
      const submit = cardSubmit(connector.serviceUrl, {
        id,
        replyToId: preview?.responseId as string,
        buttonId: confirm.buttonId as string,
        data: confirm,
      });
      expect((await postActivity(endpoint, submit)).status).toBeLessThan(300);
    }
    const [, updated, note] = await connector.waitForMessages(3, 10_000);
    // The preview itself now shows the saved value, without buttons left to click.
    expect(updated?.method).toBe('PUT');
    expect(updated?.replyToId).toBe(preview?.responseId);
    expect(cardText(updated)).toMatch(/Valeur enregistrée/u);
    expect(updated?.body.attachments[0].content.actions).toBeUndefined();
    // The client is in English, the card in French: the note follows the card.
    expect(cardText(note)).toContain('Cette action a déjà été prise en compte.');
    const saved = await ctx.measurements().repo.list();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ scope: 'allier', period: '2026', value: 14, unit: 'count' });
    expect(`teams:${saved[0]?.author.userId}`).toBe(USER);

    const cantal = activity('personal-message', connector.serviceUrl, {
      id: 'measure-2',
      text: 'Cantal, 2026 : 9 constellations',
    });
    await postActivity(endpoint, cantal);
    const messages = await connector.waitForMessages(4, 10_000);
    expect(cardText(messages.at(-1))).toMatch(/pas le droit/u);
  });

  it('shows the saved reference without Markdown backticks, which Adaptive Cards print as is', async () => {
    const { connector, endpoint } = harness;
    const before = connector.messages().length;
    await postActivity(
      endpoint,
      activity('personal-message', connector.serviceUrl, {
        id: 'measure-3',
        text: 'Allier, 2025 : 12 constellations',
      }),
    );
    const preview = (await connector.waitForMessages(before + 1, 10_000)).at(-1);
    const confirm = actionData(preview, 'Confirmer');
    await postActivity(
      endpoint,
      cardSubmit(connector.serviceUrl, {
        id: 'click-3',
        replyToId: preview?.responseId as string,
        buttonId: confirm.buttonId as string,
        data: confirm,
      }),
    );
    const saved = (await connector.waitForMessages(before + 2, 10_000)).at(-1);
    expect(cardText(saved)).toMatch(/Référence : m[0-9a-f]{12}\./u);
    expect(cardText(saved)).not.toContain('`');
  });
});
