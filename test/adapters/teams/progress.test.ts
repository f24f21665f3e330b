import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../src/app/app-router.ts';
import type { Router } from '../../../src/core/kernel/types.ts';
import { testContext } from '../../helpers/plans.ts';
import { seedProgress } from '../../helpers/progress.ts';
import { actionData, activity, cardSubmit, cardText, postActivity } from '../../helpers/teams-activities.ts';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.ts';

// Issue 19 in Teams: the real CloudAdapter and a fake Bot Connector on loopback, the app's router
// on a database holding values, targets and deadlines.
let ctx: ReturnType<typeof testContext>;
let harness: TeamsHarness<Router>;
beforeAll(async () => {
  ctx = testContext();
  await seedProgress(ctx);
  harness = await startTeamsHarness({ router: createAppRouter(ctx) });
});
afterAll(async () => {
  await harness?.close();
  ctx?.cleanup();
});

describe('a progress question in Teams', () => {
  it('answers in an English card comparing two scopes, whose Chart action returns the chart', async () => {
    const { connector, endpoint } = harness;
    const message = activity('personal-message', connector.serviceUrl, {
      id: 'progress-1',
      text: 'How are Cantal and Allier doing on faits numériques?',
    });
    expect((await postActivity(endpoint, message)).status).toBeLessThan(300);
    const [answer] = await connector.waitForMessages(1, 10_000);
    const card = cardText(answer);
    expect(card).toContain('**62.5%** (proposed, awaiting validation)');
    expect(card).toContain('**55%** (validated) · target 70% → **behind**');
    expect(card).toContain('Gap in 2025-2026: 7.5 pts in favour of Cantal.');
    expect(card).toMatch(
      /\[1(?:, \d+)*\] Feuille de route CASF 2025-2030 › [^"]+ — Académie de Clermont-Ferrand/u,
    );
    const chart = actionData(answer, 'Chart');
    expect(chart.buttonId).toBe('chart:i0ab56d1:en');
    await postActivity(
      endpoint,
      cardSubmit(connector.serviceUrl, {
        id: 'progress-click',
        replyToId: answer?.responseId as string,
        buttonId: chart.buttonId as string,
        data: chart,
      }),
    );
    const [, drawn] = await connector.waitForMessages(2, 10_000);
    const image = drawn?.body.attachments[0].content.body.find((e: { type: string }) => e.type === 'Image');
    expect(String(image?.url)).toMatch(/^data:image\/png;base64,/u);
  });
});
