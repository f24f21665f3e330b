import type OpenAI from 'openai';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/log.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmClient {
  readonly model: string;
  /** One chat completion; throws LlmUnavailable when the provider fails or the breaker is open. */
  complete(
    messages: ChatMessage[],
    options: {
      maxTokens: number;
      purpose: string;
      /** Structured outputs: a JSON schema the reply must follow (response_format json_schema). */
      jsonSchema?: { name: string; schema: Record<string, unknown> };
    },
  ): Promise<string>;
}

export class LlmUnavailable extends Error {
  readonly code = 'llm_unavailable';
}

const BREAKER_FAILURES = 3;
const BREAKER_OPEN_MS = 60_000;

/**
 * The OpenAI-compatible client (Chat Completions, the widest-supported API), with the SDK's own
 * retries on 429/5xx, a per-request timeout, and a circuit breaker so an outage costs one timeout
 * per minute instead of one per question. Returns null when no API key is configured.
 */
export function createLlmClient(config: Config, log: Logger, now: () => number = Date.now): LlmClient | null {
  if (!config.llm.apiKey) return null;
  const apiKey = config.llm.apiKey;
  // The SDK takes ~100 ms to load: only a question that reaches the model pays for it, not every
  // start-up of the CLI (and never an offline run).
  let client: Promise<OpenAI> | null = null;
  const sdk = () =>
    (client ??= import('openai').then(
      ({ default: OpenAI }) =>
        new OpenAI({
          apiKey,
          ...(config.llm.baseUrl ? { baseURL: config.llm.baseUrl } : {}),
          timeout: config.llm.timeoutMs,
          maxRetries: config.llm.maxRetries,
        }),
    ));
  let failures = 0;
  let openUntil = 0;
  return {
    model: config.llm.model,
    async complete(messages, options) {
      if (now() < openUntil) throw new LlmUnavailable('circuit open');
      const started = now();
      try {
        const response = await (await sdk()).chat.completions.create({
          model: config.llm.model,
          messages,
          max_tokens: options.maxTokens,
          temperature: 0.1,
          ...(options.jsonSchema
            ? {
                response_format: {
                  type: 'json_schema' as const,
                  json_schema: {
                    name: options.jsonSchema.name,
                    schema: options.jsonSchema.schema,
                    strict: true,
                  },
                },
              }
            : {}),
        });
        const text = response.choices?.[0]?.message?.content;
        if (typeof text !== 'string' || !text.trim()) throw new Error('empty completion');
        failures = 0;
        log.info(
          {
            purpose: options.purpose,
            model: config.llm.model,
            ms: now() - started,
            promptTokens: response.usage?.prompt_tokens,
            completionTokens: response.usage?.completion_tokens,
          },
          'llm usage',
        );
        return text;
      } catch (error) {
        failures++;
        if (failures >= BREAKER_FAILURES) {
          openUntil = now() + BREAKER_OPEN_MS;
          failures = 0;
          log.warn({ purpose: options.purpose }, 'llm circuit opened for 60 s');
        }
        log.warn(
          { purpose: options.purpose, error: (error as Error).message, ms: now() - started },
          'llm request failed',
        );
        throw new LlmUnavailable((error as Error).message);
      }
    },
  };
}
