import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../../src/core/kernel/types.ts';
import { createRouter } from '../../../src/core/router/router.ts';
import { createConversationStore } from '../../../src/store/conversation-store.ts';
import { testContext } from '../../helpers/plans.ts';
import { activity, postActivity } from '../../helpers/teams-activities.ts';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.ts';

let ctx: ReturnType<typeof testContext>;
let harness: TeamsHarness<Router>;
beforeAll(async () => {
  ctx = testContext();
  const router = createRouter({
    library: () => ctx.library(),
    answerer: () => ctx.answerer(),
    memory: createConversationStore(ctx.db, 30),
  });
  harness = await startTeamsHarness({ router });
});
afterAll(async () => {
  await harness.close();
  ctx.cleanup();
});

describe('Teams with the real router (issue 8 done-when)', () => {
  it('answers a personal-chat question with the cited Cantal actions posted to the serviceUrl', async () => {
    const question = activity('personal-message', harness.connector.serviceUrl, {
      id: 'done-when-1',
      text: 'Quelles actions visent les faits numériques dans le Cantal ?',
    });
    const response = await postActivity(harness.endpoint, question);
    expect(response.status).toBeLessThan(300);
    const [reply] = await harness.connector.waitForMessages(1, 10_000);
    const card = JSON.stringify(reply?.body);
    expect(card).toContain(
      'Élaborer à nouveau une formation départementale centrée sur les faits numériques',
    );
    expect(card).toContain('Cantal');
    expect(card).toMatch(/\[1\]/u);
    expect(card).not.toContain('Allier');
  });
});
