import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../src/app-router.ts';
import type { Router } from '../src/core/router/types.ts';
import { testContext } from './helpers/plans.ts';
import { activity, cardSubmit, postActivity } from './helpers/teams-activities.ts';
import { startTeamsHarness, type TeamsHarness } from './helpers/teams-harness.ts';

// Issue 5 in Teams: the real CloudAdapter and a fake Bot Connector on loopback, the app's router.
const USER = 'teams:00000000-0000-0000-0000-0000000000020';
let ctx: ReturnType<typeof testContext>;
let harness: TeamsHarness<Router>;
beforeAll(async () => {
  ctx = testContext();
  ctx.measurements().repo.grant({ userKey: USER, role: 'contributor', scope: 'allier' }, 'test');
  harness = await startTeamsHarness({ router: createAppRouter(ctx) });
});
afterAll(async () => {
  await harness.close();
  ctx.cleanup();
});

describe('recording a measurement in Teams', () => {
  it('previews in a card, saves once when Confirm is submitted twice, and refuses Cantal', async () => {
    const message = activity('personal-message', harness.connector.serviceUrl, {
      id: 'measure-1',
      text: 'Allier, 2026 : 14 constellations',
    });
    expect((await postActivity(harness.endpoint, message)).status).toBeLessThan(300);
    const [preview] = await harness.connector.waitForMessages(1, 10_000);
    const card = JSON.stringify(preview?.body);
    expect(card).toContain('constellation');
    const confirm = /"buttonId":"(confirm:d[0-9a-f]{12})"/u.exec(card)?.[1];
    expect(confirm).toBeDefined();
    for (const id of ['click-1', 'click-2']) {
      const submit = cardSubmit(harness.connector.serviceUrl, {
        id,
        replyToId: 'measure-1',
        buttonId: confirm as string,
      });
      expect((await postActivity(harness.endpoint, submit)).status).toBeLessThan(300);
    }
    await harness.connector.waitForMessages(2, 10_000);
    const saved = ctx.measurements().repo.list();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ scope: 'allier', period: '2026', value: 14, unit: 'count' });
    expect(`teams:${saved[0]?.author.userId}`).toBe(USER);

    const cantal = activity('personal-message', harness.connector.serviceUrl, {
      id: 'measure-2',
      text: 'Cantal, 2026 : 9 constellations',
    });
    await postActivity(harness.endpoint, cantal);
    const messages = await harness.connector.waitForMessages(3, 10_000);
    expect(JSON.stringify(messages.at(-1)?.body)).toMatch(/pas le droit/u);
  });
});
