import * as z from '../core/kernel/schema.ts';
import type { IntentHints, IntentReader } from '../core/query/hints.ts';
import type { LlmClient } from './client.ts';
import { fillPrompt, type Prompts } from './prompts.ts';

const KINDS = ['axis', 'objective', 'action', 'indicator'] as const;

const hintsSchema = z.object({
  scopes: z.array(z.string()),
  plans: z.array(z.string()),
  kind: z.nullable(z.enum(KINDS)),
  section: z.nullable(z.object({ kind: z.enum(['axis', 'objective']), number: z.string() })),
  keywords: z.array(z.string()),
});

const JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['scopes', 'plans', 'kind', 'section', 'keywords'],
  properties: {
    scopes: { type: 'array', items: { type: 'string' } },
    plans: { type: 'array', items: { type: 'string' } },
    kind: { type: ['string', 'null'], enum: [...KINDS, null] },
    section: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['kind', 'number'],
      properties: { kind: { type: 'string', enum: ['axis', 'objective'] }, number: { type: 'string' } },
    },
    keywords: { type: 'array', items: { type: 'string' } },
  },
} as const;

/**
 * Reads a question with the LLM into structured hints (JSON schema): scopes, plans, kind, section
 * and French keywords, so that English and everyday words reach the plans' French. The offline
 * reader stays the default: any failure gives null, and the question is answered without hints.
 */
export function createIntentReader(
  llm: LlmClient,
  prompts: Prompts,
  onError: (error: unknown) => void = () => {},
): IntentReader {
  return {
    async read(question, _lang, library) {
      try {
        const prompt = fillPrompt(prompts['question-intent'], {
          question: question.slice(0, 2000),
          plans: library.plans.map((plan) => `${plan.id} : ${plan.shortTitle}`).join('\n'),
          scopes: library.scopes.all.map((scope) => `${scope.key} : ${scope.name}`).join('\n'),
        });
        const text = await llm.complete(
          [
            { role: 'system', content: prompts.system },
            { role: 'user', content: prompt },
          ],
          {
            maxTokens: 300,
            purpose: 'question-intent',
            jsonSchema: {
              name: 'question_intent',
              schema: JSON_SCHEMA as unknown as Record<string, unknown>,
            },
          },
        );
        const parsed = hintsSchema.safeParse(JSON.parse(text.replace(/^```(?:json)?\s*|\s*```$/gu, '')));
        if (!parsed.success) return null;
        const hints: IntentHints = parsed.data;
        return {
          ...hints,
          keywords: hints.keywords
            .map((k) => k.trim())
            .filter(Boolean)
            .slice(0, 12),
        };
      } catch (error) {
        onError(error);
        return null;
      }
    },
  };
}
