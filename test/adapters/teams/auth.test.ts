import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveConversationReference } from '../../../src/adapters/teams/references.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { activity, postActivity } from '../../helpers/teams-activities.ts';
import { StaticTokenCredentialsFactory } from '../../helpers/teams-credentials.ts';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.ts';
import { guardNetwork } from '../../helpers/teams-net-guard.ts';
import type { ScriptedRouter } from '../../helpers/teams-router.ts';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const PASSWORD = 'not-a-real-secret-4f9c';
const AUTH_ENV = {
  MICROSOFT_APP_ID: APP_ID,
  MICROSOFT_APP_PASSWORD: PASSWORD,
  MICROSOFT_APP_TYPE: 'SingleTenant',
  MICROSOFT_APP_TENANT_ID: '99999999-8888-7777-6666-555555555555',
};

let harness: TeamsHarness<ScriptedRouter> | undefined;
let network: ReturnType<typeof guardNetwork> | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  network?.restore();
  network = undefined;
  vi.restoreAllMocks();
});

describe('Teams authentication', () => {
  it('refuses an unsigned request with 401 when an app id is set, and never calls the router', async () => {
    network = guardNetwork();
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    harness = await startTeamsHarness({
      env: AUTH_ENV,
      credentialsFactory: new StaticTokenCredentialsFactory(APP_ID),
    });
    const question = activity('personal-message', harness.connector.serviceUrl);

    const unsigned = await postActivity(harness.endpoint, question);
    const forged = await postActivity(harness.endpoint, question, { authorization: 'Bearer not-a-jwt' });

    expect([unsigned.status, forged.status]).toEqual([401, 401]);
    expect(harness.router.messages).toEqual([]);
    expect(harness.connector.calls).toEqual([]);
    // Refusals go to the JSON log, not to botbuilder's console.error stack traces.
    expect(printed).not.toHaveBeenCalled();
    expect(harness.logs.filter((line) => line.source === 'console')).toEqual([]);
    expect(
      harness.logs.filter((line) => line.msg === 'Teams request refused: not authenticated'),
    ).toHaveLength(2);
    expect(network.attempts).toEqual([]);
  });

  it('answers a forged but well-formed token with 401 and no internals, logged as JSON only', async () => {
    network = guardNetwork();
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    harness = await startTeamsHarness({
      env: AUTH_ENV,
      credentialsFactory: new StaticTokenCredentialsFactory(APP_ID),
    });
    const response = await postActivity(
      harness.endpoint,
      activity('personal-message', harness.connector.serviceUrl),
      { authorization: `Bearer ${forgedToken(harness.connector.serviceUrl)}` },
    );

    expect(response.status).toBe(401);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: 'non authentifié' });
    expect(harness.router.messages).toEqual([]);
    expect(printed).not.toHaveBeenCalled();
    expect(harness.logs.filter((line) => line.source === 'console')).toEqual([]);
    const refusal = harness.logs.find((line) => line.msg === 'Teams request refused: not authenticated');
    expect(refusal?.level).toBe(40);
    // The key lookup was refused by the guard: nothing left the machine.
    expect(network.attempts.every((host) => host.startsWith('login.botframework.com'))).toBe(true);
  });

  it('turns what botbuilder prints on the console into JSON log lines while it runs', async () => {
    const before = console.error;
    harness = await startTeamsHarness({ env: { BOUSSOLE_TEAMS_DEV: '1' } });
    console.error(new Error('The token has expired'));
    console.warn('BadRequest: Missing activity or activity type.');
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        level: 50,
        source: 'console',
        msg: 'The token has expired',
        errorName: 'Error',
      }),
    );
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        source: 'console',
        msg: 'BadRequest: Missing activity or activity type.',
      }),
    );
    await harness.close();
    harness = undefined;
    // Stopped, the adapter gives the console back.
    expect(console.error).toBe(before);
  });

  it('signs proactive messages with the bot’s token when authentication is on, without reaching the internet', async () => {
    network = guardNetwork();
    harness = await startTeamsHarness({
      env: AUTH_ENV,
      credentialsFactory: new StaticTokenCredentialsFactory(APP_ID, 'outbound-token'),
    });
    await saveConversationReference(
      harness.stores.references,
      activity('installation-update', harness.connector.serviceUrl) as Parameters<
        typeof saveConversationReference
      >[1],
    );

    const result = await harness.teams.delivery.deliver(
      { platform: 'teams', kind: 'user', id: 'user-id-0' },
      { status: 'info', lang: 'fr', text: 'Rappel' },
    );

    expect(result).toEqual({ ok: true });
    expect(harness.connector.calls[0]?.authorization).toBe('Bearer outbound-token');
    expect(network.attempts).toEqual([]);
    expect(JSON.stringify(harness.logs)).not.toContain(PASSWORD);
    expect(harness.logs).toContainEqual(
      expect.objectContaining({ msg: 'Teams endpoint ready', authentication: 'on', appId: APP_ID }),
    );
  });

  it('refuses to start outside dev mode without an app id, rather than run unauthenticated', async () => {
    await expect(startTeamsHarness({ env: {} })).rejects.toThrow(/MICROSOFT_APP_ID est requis/u);
  });

  it('refuses dev mode next to a real app id, instead of starting without authentication', async () => {
    expect(() => loadConfig({ BOUSSOLE_TEAMS_DEV: '1', MICROSOFT_APP_ID: APP_ID })).toThrow(
      /BOUSSOLE_TEAMS_DEV.*MICROSOFT_APP_ID/u,
    );
    const { createAuthentication } = await import('../../../src/adapters/teams/auth.ts');
    expect(() => createAuthentication({ appId: APP_ID, port: 0, devMode: true })).toThrow(
      /ne se combine pas avec MICROSOFT_APP_ID/u,
    );
  });

  it('warns loudly in dev mode and listens on 127.0.0.1 only', async () => {
    harness = await startTeamsHarness({ env: { BOUSSOLE_TEAMS_DEV: '1' } });

    const warning = harness.logs.find((line) => line.level === 40);
    expect(warning?.msg).toMatch(/MODE DÉVELOPPEMENT TEAMS.*authentification Bot Framework DÉSACTIVÉE/u);
    expect(harness.logs).toContainEqual(
      expect.objectContaining({ msg: 'Teams endpoint ready', host: '127.0.0.1', authentication: 'off' }),
    );
    // Accepted without any signature: that is what dev mode means.
    const response = await postActivity(
      harness.endpoint,
      activity('personal-message', harness.connector.serviceUrl),
    );
    expect(response.status).toBe(200);
  });
});

/** A JWT shaped like Bot Framework's, signed with a key Microsoft never published. */
function forgedToken(serviceUrl: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = part({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' });
  const now = Math.floor(Date.now() / 1000);
  const claims = part({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    nbf: now - 60,
    exp: now + 3600,
    serviceurl: serviceUrl,
  });
  const signature = createSign('RSA-SHA256')
    .update(`${head}.${claims}`)
    .sign(privateKey)
    .toString('base64url');
  return `${head}.${claims}.${signature}`;
}
