import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/kernel/types.ts';
import { createConsoleOutbox } from '../../src/store/console-outbox.ts';
import { type Db, openDatabase } from '../../src/store/db.ts';
import type { ConsoleOutbox, SlackStateStore, TeamsStores } from '../../src/store/ports.ts';
import { createSlackStateStore } from '../../src/store/slack-state-store.ts';
import { createTeamsStores } from '../../src/store/teams-stores.ts';
import { createFakeConsoleOutbox } from '../fakes/console-outbox.ts';
import { createFakeSlackStateStore } from '../fakes/slack-state-store.ts';
import { createFakeTeamsStores } from '../fakes/teams-stores.ts';

// One contract for the SQLite stores and the in-memory fakes the adapter tests use instead: a fake
// that answered otherwise would let an adapter test pass that production fails.
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});
function sqlite(): Db {
  const db = openDatabase(':memory:');
  open.push(db);
  return db;
}

const HOUR = 3_600_000;
const T0 = Date.parse('2027-03-01T10:00:00Z');

const implementations: {
  name: string;
  slack(): SlackStateStore;
  teams(): TeamsStores;
  outbox(): ConsoleOutbox;
}[] = [
  {
    name: 'SQLite',
    slack: () => createSlackStateStore(sqlite()),
    teams: () => createTeamsStores(sqlite()),
    outbox: () => createConsoleOutbox(sqlite()),
  },
  {
    name: 'in-memory fake',
    slack: createFakeSlackStateStore,
    teams: createFakeTeamsStores,
    outbox: createFakeConsoleOutbox,
  },
];

describe.each(implementations)('the $name stores', (impl) => {
  it('claim a Slack event id once, follow answered threads for 30 days, keep a stash for a day', () => {
    const store = impl.slack();
    expect(store.claimEvent('Ev1', T0)).toBe(true);
    expect(store.claimEvent('Ev1', T0 + HOUR)).toBe(false);
    expect(store.claimEvent('Ev2', T0 + HOUR)).toBe(true);

    store.rememberThread('C1', '171.1', T0);
    expect(store.isAnsweredThread('C1', '171.1', T0 + 29 * 24 * HOUR)).toBe(true);
    expect(store.isAnsweredThread('C1', '171.1', T0 + 31 * 24 * HOUR)).toBe(false);
    expect(store.isAnsweredThread('C1', '171.2', T0)).toBe(false);

    store.putStash('tok', 'share', '{"a":1}', T0);
    expect(store.getStash('tok', 'share', T0 + 23 * HOUR)).toBe('{"a":1}');
    expect(store.getStash('tok', 'form', T0)).toBeUndefined();
    expect(store.getStash('tok', 'share', T0 + 25 * HOUR)).toBeUndefined();
  });

  it('find a Teams user’s newest personal chat, a channel by either id, and forget it', () => {
    const { references } = impl.teams();
    const base = { teamId: null, tenantId: 't1', aadObjectId: null };
    references.save({
      ...base,
      conversationId: 'a:old',
      kind: 'personal',
      userId: 'u1',
      reference: { n: 1 },
      updatedAt: new Date(T0),
    });
    references.save({
      ...base,
      conversationId: 'a:new',
      kind: 'personal',
      userId: 'u1',
      aadObjectId: 'aad-1',
      reference: { n: 2 },
      updatedAt: new Date(T0 + HOUR),
    });
    // A refresh without the user (the bot's own update) keeps the ids known before.
    references.save({
      ...base,
      conversationId: 'a:new',
      kind: 'personal',
      userId: null,
      reference: { n: 3 },
      updatedAt: new Date(T0 + 2 * HOUR),
    });
    references.save({
      ...base,
      conversationId: '19:chan',
      kind: 'channel',
      userId: null,
      teamId: 'team',
      reference: { n: 4 },
      updatedAt: new Date(T0),
    });
    expect(references.findPersonal('u1')).toEqual({ n: 3 });
    expect(references.findPersonal('aad-1')).toEqual({ n: 3 });
    expect(references.findPersonal('u2')).toBeNull();
    expect(references.findShared('19:chan', '19:chan;messageid=9')).toEqual({ n: 4 });
    expect(references.findShared('a:new', 'a:new')).toBeNull();
    references.forget('19:chan');
    expect(references.findShared('19:chan', '19:chan')).toBeNull();
  });

  it('claim a Teams submit once, by activity or by card, until released or pruned', () => {
    const { submits } = impl.teams();
    const keys = { activity: 'activity:1', card: 'card:c:r:b:h' };
    expect(submits.claim(keys, new Date(T0))).toEqual({ ok: true });
    expect(submits.claim(keys, new Date(T0))).toEqual({ ok: false, duplicateOf: 'activity' });
    expect(submits.claim({ activity: 'activity:2', card: keys.card }, new Date(T0))).toEqual({
      ok: false,
      duplicateOf: 'card',
    });
    submits.release(keys);
    expect(submits.claim({ activity: 'activity:3', card: keys.card }, new Date(T0))).toEqual({ ok: true });
    expect(submits.claim({ activity: null, card: 'card:c:r:other:h' }, new Date(T0 + HOUR))).toEqual({
      ok: true,
    });
    submits.releaseByPrefix('card:c:r:', keys.card);
    expect(submits.claim({ activity: null, card: 'card:c:r:other:h' }, new Date(T0))).toEqual({ ok: true });
    expect(submits.claim({ activity: null, card: keys.card }, new Date(T0))).toEqual({
      ok: false,
      duplicateOf: 'card',
    });
    expect(submits.prune(new Date(T0 + 1))).toBe(3);
    expect(submits.claim(keys, new Date(T0))).toEqual({ ok: true });
  });

  it('hand an offered Teams file once, to its user, within a day', () => {
    const { files } = impl.teams();
    const data = Buffer.from('tableau');
    files.offer({ token: 't1', userId: 'u1', filename: 'suivi.xlsx', data, at: new Date(T0) });
    files.offer({ token: 't2', userId: 'u1', filename: 'vieux.xlsx', data, at: new Date(T0) });
    expect(files.take('t1', 'u2', new Date(T0))).toBeUndefined();
    expect(files.take('t1', 'u1', new Date(T0 + HOUR))).toEqual({ filename: 'suivi.xlsx', data });
    expect(files.take('t1', 'u1', new Date(T0 + HOUR))).toBeUndefined();
    expect(files.take('t2', 'u1', new Date(T0 + 25 * HOUR))).toBeUndefined();
  });

  it('show a console user their messages once, a send key delivered twice only once', () => {
    const outbox = impl.outbox();
    const reply = (text: string): Reply => ({ status: 'info', lang: 'fr', text });
    outbox.add('console:alice', reply('Rappel 1'), new Date(T0), 'key-1');
    outbox.add('console:alice', reply('Rappel 1 encore'), new Date(T0), 'key-1');
    outbox.add('console:bob', reply('Pour Bob'), new Date(T0), null);
    outbox.add('console:alice', reply('Rappel 2'), new Date(T0), null);
    expect(outbox.take('console:alice').map((r) => r.text)).toEqual(['Rappel 1', 'Rappel 2']);
    expect(outbox.take('console:alice')).toEqual([]);
    expect(outbox.take('console:bob').map((r) => r.text)).toEqual(['Pour Bob']);
  });
});
