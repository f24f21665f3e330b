import type { Pool } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPool } from '../../../src/store/postgres/connect.ts';
import { createPgConsoleOutbox } from '../../../src/store/postgres/console-outbox.ts';
import { migratePostgres } from '../../../src/store/postgres/migrate.ts';
import { createPgSlackStateStore } from '../../../src/store/postgres/slack-state-store.ts';
import { createPgTeamsStores } from '../../../src/store/postgres/teams-stores.ts';
import { postgresGate, scratchSchema } from '../../helpers/postgres.ts';

// Two pools on one database stand for two replicas: each claim goes out on its own connection, at
// the same moment, and the database alone decides who wins.
const gate = await postgresGate();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ROUNDS = 50;

async function twoReplicas(): Promise<[Pool, Pool]> {
  const schema = await scratchSchema();
  cleanups.push(schema.drop);
  const pools = await Promise.all([1, 2].map(() => openPool({ url: schema.url, poolSize: 2 })));
  for (const pool of pools) cleanups.push(() => pool.end());
  await migratePostgres(pools[0] as Pool);
  // Connections opened beforehand, so the rounds race on the rows rather than on connecting.
  await Promise.all(pools.flatMap((pool) => [pool.query('SELECT 1'), pool.query('SELECT 1')]));
  return pools as [Pool, Pool];
}

describe.runIf(gate.failure)('PostgreSQL under CI', () => {
  it('is reachable', () => {
    throw new Error(gate.failure ?? '');
  });
});

describe.runIf(gate.run)('two replicas on one PostgreSQL database', () => {
  it('answer a Slack event once: of two concurrent claims of the same id, exactly one wins, 50 times', async () => {
    const [first, second] = await twoReplicas();
    const [a, b] = [createPgSlackStateStore(first), createPgSlackStateStore(second)];
    const at = Date.now();
    for (let round = 0; round < ROUNDS; round++) {
      const claims = await Promise.all([a, b].map((store) => store.claimEvent(`Ev${round}`, at)));
      expect(claims.filter(Boolean), `round ${round}`).toHaveLength(1);
    }
    // A retry reaching either replica later is refused too.
    expect(await a.claimEvent('Ev0', at + 1000)).toBe(false);
    expect(await b.claimEvent('Ev0', at + 1000)).toBe(false);
  });

  it('handle a Teams card submit once when both replicas receive it', async () => {
    const [first, second] = await twoReplicas();
    const [a, b] = [createPgTeamsStores(first).submits, createPgTeamsStores(second).submits];
    for (let round = 0; round < ROUNDS; round++) {
      const keys = { activity: `activity:${round}`, card: `card:c:${round}:confirm:h` };
      const claims = await Promise.all([a, b].map((store) => store.claim(keys, new Date())));
      expect(
        claims.filter((claim) => claim.ok),
        `round ${round}`,
      ).toHaveLength(1);
    }
  });

  it('show each console message once when two replicas take the same outbox together', async () => {
    const [first, second] = await twoReplicas();
    const [a, b] = [createPgConsoleOutbox(first), createPgConsoleOutbox(second)];
    const reply = { status: 'info' as const, lang: 'fr' as const, text: 'Rappel' };
    for (let i = 0; i < ROUNDS; i++)
      await a.add('console:alice', { ...reply, text: `Rappel ${i}` }, new Date(), null);
    const taken = await Promise.all([a, b].map((outbox) => outbox.take('console:alice')));
    const texts = taken.flat().map((r) => r.text);
    expect(texts.sort()).toEqual(Array.from({ length: ROUNDS }, (_, i) => `Rappel ${i}`).sort());
  });
});
