import * as z from '../core/kernel/schema.ts';
import type { ExtractedMeasurement, MeasurementExtractor } from '../core/measurements/ports.ts';
import type { LlmClient } from './client.ts';
import { fillPrompt, type Prompts } from './prompts.ts';

/** The reply's shape: every field present (strict structured outputs), null when not said. */
const extractionSchema = z.object({
  indicator_id: z.nullable(z.string()),
  scope: z.nullable(z.string()),
  period: z.nullable(z.string()),
  value_number: z.nullable(z.number()),
  value_text: z.nullable(z.string()),
  unit: z.nullable(z.enum(['percent', 'count', 'number', 'text'])),
  comment: z.nullable(z.string()),
});

const JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['indicator_id', 'scope', 'period', 'value_number', 'value_text', 'unit', 'comment'],
  properties: {
    indicator_id: { type: ['string', 'null'] },
    scope: { type: ['string', 'null'] },
    period: { type: ['string', 'null'] },
    value_number: { type: ['number', 'null'] },
    value_text: { type: ['string', 'null'] },
    unit: { type: ['string', 'null'], enum: ['percent', 'count', 'number', 'text', null] },
    comment: { type: ['string', 'null'] },
  },
} as const;

/**
 * Reads a measurement from free text with the LLM, as a fallback when the rule-based parser left
 * the indicator or the value open. It only suggests: the indicator must be one of the candidates,
 * the router checks everything again and the user confirms a preview. Never throws.
 */
export function createMeasurementExtractor(
  llm: LlmClient,
  prompts: Prompts,
  onError: (error: unknown) => void = () => {},
): MeasurementExtractor {
  return {
    async extract(message, candidates) {
      try {
        const prompt = fillPrompt(prompts['measurement-extraction'], {
          message: message.slice(0, 2000),
          indicators: candidates.map((c) => `${c.id} : ${c.text}`).join('\n'),
        });
        const text = await llm.complete(
          [
            { role: 'system', content: prompts.system },
            { role: 'user', content: prompt },
          ],
          {
            maxTokens: 300,
            purpose: 'measurement-extraction',
            jsonSchema: { name: 'measurement', schema: JSON_SCHEMA as unknown as Record<string, unknown> },
          },
        );
        const json = JSON.parse(text.replace(/^```(?:json)?\s*|\s*```$/gu, ''));
        const parsed = extractionSchema.safeParse(json);
        if (!parsed.success) return undefined;
        const e = parsed.data;
        const result: ExtractedMeasurement = {};
        if (e.indicator_id && candidates.some((c) => c.id === e.indicator_id))
          result.indicatorId = e.indicator_id;
        if (e.scope) result.scope = e.scope;
        if (e.period) result.period = e.period;
        if (e.value_number !== null && Number.isFinite(e.value_number)) {
          result.value = e.value_number;
          if (e.unit === 'percent') result.percent = true;
        }
        if (e.value_text?.trim()) result.textValue = e.value_text.trim();
        if (e.comment?.trim()) result.comment = e.comment.trim();
        return result;
      } catch (error) {
        onError(error);
        return undefined;
      }
    },
  };
}
