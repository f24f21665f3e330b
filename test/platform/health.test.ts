import { afterAll, describe, expect, it } from 'vitest';
import { healthOf } from '../../src/platform/health.ts';
import { type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';
import { createScriptedRouter } from '../helpers/slack-router.ts';
import { startTeamsHarness } from '../helpers/teams-harness.ts';

const harnesses: Pick<SlackHarness, 'close'>[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

describe('the health check', () => {
  it('is healthy without a check, says what the check says, and bounds a check that hangs', async () => {
    expect(await healthOf()).toBeNull();
    expect(await healthOf(async () => null)).toBeNull();
    expect(await healthOf(async () => 'PostgreSQL injoignable')).toBe('PostgreSQL injoignable');
    expect(await healthOf(() => Promise.reject(new Error('connexion refusée')))).toBe('connexion refusée');
    const started = Date.now();
    expect(await healthOf(() => new Promise(() => {}))).toMatch(/pas de réponse de la base/u);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers 503 on the Slack endpoint while the database does not answer, 200 once it does', async () => {
    let problem: string | null = 'PostgreSQL injoignable (postgres://boussole:***@db/boussole)';
    const h = await startSlackHarness(createScriptedRouter(), { health: async () => problem });
    harnesses.push(h);
    const down = await fetch(`${h.base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'degraded', database: problem });
    problem = null;
    const up = await fetch(`${h.base}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 on the Teams endpoint while the database does not answer', async () => {
    let problem: string | null = 'PostgreSQL injoignable';
    const h = await startTeamsHarness({ health: async () => problem });
    harnesses.push(h);
    const healthz = h.endpoint.replace('/api/messages', '/healthz');
    const down = await fetch(healthz);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'degraded', database: 'PostgreSQL injoignable' });
    problem = null;
    expect((await fetch(healthz)).status).toBe(200);
  });
});
