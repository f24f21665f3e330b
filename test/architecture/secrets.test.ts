import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmClient } from '../../src/llm/client.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { startFakeLlm } from '../helpers/fake-llm.ts';

// Secrets never reach the logs: neither through the config object nor through provider errors.
const SECRETS = {
  OPENAI_API_KEY: 'sk-test-secret-9d1f',
  SLACK_BOT_TOKEN: 'xoxb-secret-token-77',
  SLACK_SIGNING_SECRET: 'signing-secret-31',
  MICROSOFT_APP_ID: '00000000-0000-0000-0000-00000000abcd',
  MICROSOFT_APP_PASSWORD: 'teams-password-secret-5',
};
let fake: Awaited<ReturnType<typeof startFakeLlm>>;
beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(async () => fake.close());

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('trace', sink), text: () => lines.join('') };
}

describe('secrets in logs', () => {
  it('are redacted when the configuration or request headers are logged', () => {
    const { log, text } = capture();
    const config = loadConfig({ ...SECRETS, MICROSOFT_APP_TYPE: 'MultiTenant' });
    log.info({ config }, 'configuration');
    log.warn({ headers: { authorization: `Bearer ${SECRETS.OPENAI_API_KEY}` } }, 'request');
    for (const secret of Object.values(SECRETS).filter((s) => !s.startsWith('00000000'))) {
      expect(text()).not.toContain(secret);
    }
    expect(text()).toContain('[secret]');
  });

  it('do not leak through a provider error', async () => {
    const { log, text } = capture();
    fake.push({ kind: 'status', status: 401, body: '{"error":{"message":"Incorrect API key provided"}}' });
    const llm = createLlmClient(
      loadConfig({
        OPENAI_API_KEY: SECRETS.OPENAI_API_KEY,
        OPENAI_BASE_URL: fake.baseUrl,
        BOUSSOLE_LLM_MAX_RETRIES: '0',
      }),
      log,
    );
    await expect(
      llm?.complete([{ role: 'user', content: 'x' }], { maxTokens: 5, purpose: 'test' }),
    ).rejects.toThrow();
    expect(text()).toMatch(/llm request failed/u);
    expect(text()).not.toContain(SECRETS.OPENAI_API_KEY);
  });
});
