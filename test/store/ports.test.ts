import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/kernel/types.ts';
import { createConsoleOutbox } from '../../src/store/console-outbox.ts';
import { openDatabase } from '../../src/store/db.ts';
import type { ConsoleOutbox, SlackStateStore, TeamsStores } from '../../src/store/ports.ts';
import { openPool } from '../../src/store/postgres/connect.ts';
import { createPgConsoleOutbox } from '../../src/store/postgres/console-outbox.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import { createPgSlackStateStore } from '../../src/store/postgres/slack-state-store.ts';
import { createPgTeamsStores } from '../../src/store/postgres/teams-stores.ts';
import { createSlackStateStore } from '../../src/store/slack-state-store.ts';
import { createTeamsStores } from '../../src/store/teams-stores.ts';
import { createFakeConsoleOutbox } from '../fakes/console-outbox.ts';
import { createFakeSlackStateStore } from '../fakes/slack-state-store.ts';
import { createFakeTeamsStores } from '../fakes/teams-stores.ts';
import { postgresGate, scratchSchema } from '../helpers/postgres.ts';

// One contract for the SQLite stores, the PostgreSQL stores and the in-memory fakes the adapter
// tests use instead: a fake that answered otherwise would let an adapter test pass that
// production fails, and so would a PostgreSQL store that answered otherwise than SQLite.
const gate = await postgresGate();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HOUR = 3_600_000;
const T0 = Date.parse('2027-03-01T10:00:00Z');

interface Stores {
  slack: SlackStateStore;
  teams: TeamsStores;
  outbox: ConsoleOutbox;
}

function sqlite(): Stores {
  const db = openDatabase(':memory:');
  cleanups.push(() => db.close());
  return { slack: createSlackStateStore(db), teams: createTeamsStores(db), outbox: createConsoleOutbox(db) };
}

/** A migrated scratch schema of its own for each test. */
async function postgres(): Promise<Stores> {
  const schema = await scratchSchema();
  cleanups.push(schema.drop);
  const pool = await openPool({ url: schema.url, poolSize: 4 });
  cleanups.push(() => pool.end());
  await migratePostgres(pool);
  return {
    slack: createPgSlackStateStore(pool),
    teams: createPgTeamsStores(pool),
    outbox: createPgConsoleOutbox(pool),
  };
}

const implementations: { name: string; open(): Stores | Promise<Stores> }[] = [
  { name: 'SQLite', open: sqlite },
  {
    name: 'in-memory fake',
    open: () => ({
      slack: createFakeSlackStateStore(),
      teams: createFakeTeamsStores(),
      outbox: createFakeConsoleOutbox(),
    }),
  },
  ...(gate.run ? [{ name: 'PostgreSQL', open: postgres }] : []),
];

describe.runIf(gate.failure)('PostgreSQL under CI', () => {
  it('is reachable', () => {
    throw new Error(gate.failure ?? '');
  });
});

describe.each(implementations)('the $name stores', (impl) => {
  it('claim a Slack event id once, follow answered threads for 30 days, keep a stash for a day', async () => {
    const store = (await impl.open()).slack;
    expect(await store.claimEvent('Ev1', T0)).toBe(true);
    expect(await store.claimEvent('Ev1', T0 + HOUR)).toBe(false);
    expect(await store.claimEvent('Ev2', T0 + HOUR)).toBe(true);

    await store.rememberThread('C1', '171.1', T0);
    expect(await store.isAnsweredThread('C1', '171.1', T0 + 29 * 24 * HOUR)).toBe(true);
    expect(await store.isAnsweredThread('C1', '171.1', T0 + 31 * 24 * HOUR)).toBe(false);
    expect(await store.isAnsweredThread('C1', '171.2', T0)).toBe(false);

    await store.putStash('tok', 'share', '{"a":1}', T0);
    expect(await store.getStash('tok', 'share', T0 + 23 * HOUR)).toBe('{"a":1}');
    expect(await store.getStash('tok', 'form', T0)).toBeUndefined();
    expect(await store.getStash('tok', 'share', T0 + 25 * HOUR)).toBeUndefined();
  });

  // The fake keeps event ids for ever: a redelivery comes within minutes, never a day on.
  it.runIf(impl.name !== 'in-memory fake')(
    'forget a Slack event id a day on, at the next pruning',
    async () => {
      const store = (await impl.open()).slack;
      expect(await store.claimEvent('Ev-old', T0)).toBe(true);
      expect(await store.claimEvent('Ev-new', T0 + 25 * HOUR)).toBe(true);
      expect(await store.claimEvent('Ev-old', T0 + 25 * HOUR)).toBe(true);
      expect(await store.claimEvent('Ev-new', T0 + 25 * HOUR)).toBe(false);
    },
  );

  it('find a Teams user’s newest personal chat, a channel by either id, and forget it', async () => {
    const { references } = (await impl.open()).teams;
    const base = { teamId: null, tenantId: 't1', aadObjectId: null };
    await references.save({
      ...base,
      conversationId: 'a:old',
      kind: 'personal',
      userId: 'u1',
      reference: { n: 1 },
      updatedAt: new Date(T0),
    });
    await references.save({
      ...base,
      conversationId: 'a:new',
      kind: 'personal',
      userId: 'u1',
      aadObjectId: 'aad-1',
      reference: { n: 2 },
      updatedAt: new Date(T0 + HOUR),
    });
    // A refresh without the user (the bot's own update) keeps the ids known before.
    await references.save({
      ...base,
      conversationId: 'a:new',
      kind: 'personal',
      userId: null,
      reference: { n: 3 },
      updatedAt: new Date(T0 + 2 * HOUR),
    });
    await references.save({
      ...base,
      conversationId: '19:chan',
      kind: 'channel',
      userId: null,
      teamId: 'team',
      reference: { n: 4 },
      updatedAt: new Date(T0),
    });
    expect(await references.findPersonal('u1')).toEqual({ n: 3 });
    expect(await references.findPersonal('aad-1')).toEqual({ n: 3 });
    expect(await references.findPersonal('u2')).toBeNull();
    expect(await references.findShared('19:chan', '19:chan;messageid=9')).toEqual({ n: 4 });
    expect(await references.findShared('a:new', 'a:new')).toBeNull();
    await references.forget('19:chan');
    expect(await references.findShared('19:chan', '19:chan')).toBeNull();
  });

  it('claim a Teams submit once, by activity or by card, until released or pruned', async () => {
    const { submits } = (await impl.open()).teams;
    const keys = { activity: 'activity:1', card: 'card:c:r:b:h' };
    expect(await submits.claim(keys, new Date(T0))).toEqual({ ok: true });
    expect(await submits.claim(keys, new Date(T0))).toEqual({ ok: false, duplicateOf: 'activity' });
    expect(await submits.claim({ activity: 'activity:2', card: keys.card }, new Date(T0))).toEqual({
      ok: false,
      duplicateOf: 'card',
    });
    await submits.release(keys);
    expect(await submits.claim({ activity: 'activity:3', card: keys.card }, new Date(T0))).toEqual({
      ok: true,
    });
    expect(await submits.claim({ activity: null, card: 'card:c:r:other:h' }, new Date(T0 + HOUR))).toEqual({
      ok: true,
    });
    await submits.releaseByPrefix('card:c:r:', keys.card);
    expect(await submits.claim({ activity: null, card: 'card:c:r:other:h' }, new Date(T0))).toEqual({
      ok: true,
    });
    expect(await submits.claim({ activity: null, card: keys.card }, new Date(T0))).toEqual({
      ok: false,
      duplicateOf: 'card',
    });
    expect(await submits.prune(new Date(T0 + 1))).toBe(3);
    expect(await submits.claim(keys, new Date(T0))).toEqual({ ok: true });
  });

  it('hand an offered Teams file once, to its user, within a day', async () => {
    const { files } = (await impl.open()).teams;
    const data = Buffer.from('tableau');
    await files.offer({ token: 't1', userId: 'u1', filename: 'suivi.xlsx', data, at: new Date(T0) });
    await files.offer({ token: 't2', userId: 'u1', filename: 'vieux.xlsx', data, at: new Date(T0) });
    expect(await files.take('t1', 'u2', new Date(T0))).toBeUndefined();
    expect(await files.take('t1', 'u1', new Date(T0 + HOUR))).toEqual({ filename: 'suivi.xlsx', data });
    expect(await files.take('t1', 'u1', new Date(T0 + HOUR))).toBeUndefined();
    expect(await files.take('t2', 'u1', new Date(T0 + 25 * HOUR))).toBeUndefined();
  });

  it('show a console user their messages once, a send key delivered twice only once', async () => {
    const outbox = (await impl.open()).outbox;
    const reply = (text: string): Reply => ({ status: 'info', lang: 'fr', text });
    await outbox.add('console:alice', reply('Rappel 1'), new Date(T0), 'key-1');
    await outbox.add('console:alice', reply('Rappel 1 encore'), new Date(T0), 'key-1');
    await outbox.add('console:bob', reply('Pour Bob'), new Date(T0), null);
    await outbox.add('console:alice', reply('Rappel 2'), new Date(T0), null);
    expect((await outbox.take('console:alice')).map((r) => r.text)).toEqual(['Rappel 1', 'Rappel 2']);
    expect(await outbox.take('console:alice')).toEqual([]);
    expect((await outbox.take('console:bob')).map((r) => r.text)).toEqual(['Pour Bob']);
  });
});
