import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../src/app/app-router.ts';
import type { Router } from '../../src/core/kernel/types.ts';
import { startFakeLlm } from '../helpers/fake-llm.ts';
import { testContext } from '../helpers/plans.ts';

// Free-text measurements the rules cannot complete, read by the real openai client against a
// local OpenAI-compatible server with structured outputs; the LLM only ever fills a preview.
let fake: Awaited<ReturnType<typeof startFakeLlm>>;
let ctx: ReturnType<typeof testContext>;
let router: Router;
const actor = { platform: 'console' as const, userId: 'root' };
const conversation = { platform: 'console' as const, conversationId: 'console:root' };
const say = (text: string) => router.handleMessage({ actor, conversation, text });
const SPOKEN =
  'Saisir pour le Cantal en 2025-2026 : soixante-deux et demi pour cent sur les faits numériques';

beforeAll(async () => {
  fake = await startFakeLlm();
  ctx = testContext({
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: fake.baseUrl,
    BOUSSOLE_ADMINS: 'console:root',
  });
  router = createAppRouter(ctx);
});
afterAll(async () => {
  ctx.cleanup();
  await fake.close();
});
beforeEach(() => fake.reset());

function extraction(fields: Record<string, unknown>) {
  return JSON.stringify({
    indicator_id: null,
    scope: null,
    period: null,
    value_number: null,
    value_text: null,
    unit: null,
    comment: null,
    ...fields,
  });
}

describe('measurement extraction with an LLM', () => {
  it('fills the value the rules could not read, asks with a JSON schema, and still only previews', async () => {
    fake.push({
      kind: 'text',
      text: extraction({ indicator_id: 'cf-casf-2025:i0ab56d1', value_number: 62.5, unit: 'percent' }),
    });
    const reply = await say(SPOKEN);
    expect(reply.status).toBe('preview');
    expect(reply.text).toContain('62,5 %');
    expect(reply.citations?.[0]?.id).toBe('cf-casf-2025:i0ab56d1');
    const request = fake.requests[0] as unknown as {
      response_format?: { type: string; json_schema: { name: string } };
      messages: { content: string }[];
    };
    expect(request.response_format?.type).toBe('json_schema');
    expect(request.messages.at(-1)?.content).toContain('cf-casf-2025:i0ab56d1');
    expect(await ctx.measurements().repo.list()).toEqual([]);
  });

  it('ignores an indicator the model invents and never overrides what the rules read', async () => {
    fake.push({
      kind: 'text',
      text: extraction({
        indicator_id: 'cf-casf-2025:iFAKE000',
        scope: 'allier',
        value_number: 12,
        unit: 'count',
      }),
    });
    const reply = await say('Cantal 2025-2026 : groupe 3 faits numériques, à peu près deux tiers');
    expect(reply.text).not.toContain('Allier');
    expect(reply.status).not.toBe('saved');
  });

  it('falls back to the rules alone when the provider fails: the value is asked in digits, nothing saved', async () => {
    fake.push(
      { kind: 'status', status: 500 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 500 },
    );
    const reply = await say(SPOKEN);
    expect(reply.status).toBe('invalid');
    expect(reply.text).toMatch(/« soixante-deux et demi pour cent ».*écrivez-la en chiffres/u);
    expect(await ctx.measurements().repo.list()).toEqual([]);
  });

  it('does not call the model when the rules read everything', async () => {
    const reply = await say("Cantal 2025-2026 : 62,5 % d'élèves groupe 3 faits numériques");
    expect(reply.status).toBe('preview');
    expect(fake.requests).toHaveLength(0);
  });
});
