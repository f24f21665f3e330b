import { afterAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../src/app/app-router.ts';
import { openContext } from '../../../src/app/context.ts';
import { sqliteStores } from '../../../src/app/stores.ts';
import type { MeasurementRepository } from '../../../src/core/measurements/ports.ts';
import type { ConversationMemory } from '../../../src/core/router/memory.ts';
import { createRouter } from '../../../src/core/router/router.ts';
import { createLogger } from '../../../src/platform/log.ts';
import { openDatabase } from '../../../src/store/db.ts';
import { testContext } from '../../helpers/plans.ts';

// The conversation memory and the drafts live in the shared database (PostgreSQL with replicas):
// when it does not answer, questions are still answered from the plans, which every replica holds
// itself; a value to record gets the apology.
const ctx = testContext();
afterAll(() => ctx.cleanup());

const down: ConversationMemory = {
  recent: () => Promise.reject(new Error('PostgreSQL injoignable')),
  record: () => Promise.reject(new Error('PostgreSQL injoignable')),
  feedback: () => Promise.reject(new Error('PostgreSQL injoignable')),
};

describe('a question while the conversation memory does not answer', () => {
  it('is answered, follow-up or not, without an answer id, and the failures are reported', async () => {
    const failures: string[] = [];
    const router = createRouter({
      library: () => ctx.library(),
      answerer: () => ctx.answerer(),
      memory: down,
      onError: (_error, context) => failures.push(String(context.where)),
    });
    const actor = { platform: 'console' as const, userId: 'alice' };
    const conversation = { platform: 'console' as const, conversationId: 'down' };
    const first = await router.handleMessage({
      actor,
      conversation,
      text: 'Quelles actions visent les faits numériques dans le Cantal ?',
    });
    expect(first.status).toBe('answered');
    expect(first.answerId).toBeUndefined();
    const followUp = await router.handleMessage({ actor, conversation, text: "et dans l'Allier ?" });
    expect(followUp.status).not.toBe('error');
    expect(followUp.text).not.toMatch(/erreur|désolé/iu);
    expect(failures).toContain('recentTurns');
    expect(failures).toContain('recordAnswer');
  });
});

describe('a message while the measurements do not answer', () => {
  it('answers a question and apologises for a value, which is not recorded anywhere', async () => {
    const db = openDatabase(':memory:');
    const stores = sqliteStores(db, ctx.config);
    const measurementsDown = new Proxy({} as MeasurementRepository, {
      get: () => () => Promise.reject(new Error('PostgreSQL injoignable')),
    });
    const app = openContext({ ...ctx.config }, createLogger('silent'), {
      stores: { ...stores, measurements: measurementsDown, memory: down },
    });
    try {
      const router = createAppRouter(app);
      const actor = { platform: 'console' as const, userId: 'alice' };
      const conversation = { platform: 'console' as const, conversationId: 'measures-down' };
      const question = await router.handleMessage({
        actor,
        conversation,
        text: 'Quelles actions visent les faits numériques dans le Cantal ?',
      });
      expect(question.status).toBe('answered');
      const value = await router.handleMessage({
        actor,
        conversation,
        text: "Cantal 2025-2026 : 62,5 % d'élèves groupe 3 faits numériques",
      });
      expect(value.status).toBe('error');
    } finally {
      app.close();
      db.close();
    }
  });
});
