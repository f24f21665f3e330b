import { afterEach, describe, expect, it } from 'vitest';
import type { DeadlineRepository } from '../../src/core/deadlines/ports.ts';
import type { Deadline, DueSend } from '../../src/core/deadlines/types.ts';
import { createDeadlineStore, MAX_ATTEMPTS } from '../../src/store/deadline-store.ts';
import { createPgDeadlineStore } from '../../src/store/postgres/deadline-store.ts';
import { postgresGate, twoPostgresPools, twoSqliteHandles } from '../helpers/postgres.ts';

// One contract for the deadline stores of both engines: what the reminder sweep relies on to send
// each reminder once across processes (claims under a lease) holds on SQLite and on PostgreSQL.
const gate = await postgresGate();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const T0 = new Date('2027-06-23T07:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const lease = (owner: string, minutes: number) => ({ owner, until: at(minutes) });

/** Two handles on one database: two processes (replicas) sharing it. */
interface Replicas {
  a: DeadlineRepository;
  b: DeadlineRepository;
}

function sqlite(): Replicas {
  const [first, second] = twoSqliteHandles(cleanups);
  return { a: createDeadlineStore(first, () => T0), b: createDeadlineStore(second, () => T0) };
}

async function postgres(): Promise<Replicas> {
  const [first, second] = await twoPostgresPools(cleanups);
  return { a: createPgDeadlineStore(first, () => T0), b: createPgDeadlineStore(second, () => T0) };
}

const implementations: { name: string; open(): Replicas | Promise<Replicas> }[] = [
  { name: 'SQLite', open: sqlite },
  ...(gate.run ? [{ name: 'PostgreSQL', open: postgres }] : []),
];

describe.runIf(gate.failure)('PostgreSQL under CI', () => {
  it('is reachable', () => {
    throw new Error(gate.failure ?? '');
  });
});

const DEADLINE: Omit<Deadline, 'id'> = {
  indicatorId: 'i0ab56d1',
  scope: 'cantal',
  rule: { kind: 'yearly', month: 6, day: 30 },
  owners: ['slack:U0ALICE'],
  leads: [7, 1],
};

function send(key: string, covered: string[] = []): DueSend {
  return {
    key,
    coveredKeys: covered,
    recipient: 'slack:U0ALICE',
    kind: 'reminder',
    deadlineId: 'e1',
    due: '2027-06-30',
    stage: 'lead:7',
  } as DueSend;
}

describe.each(implementations)('the $name deadline store', (impl) => {
  it('adds, lists, changes and removes deadlines', async () => {
    const { a, b } = await impl.open();
    const added = await a.add(DEADLINE, 'console:admin');
    expect(added).toMatchObject(DEADLINE);
    expect(await b.list()).toEqual([added]);
    expect(await b.get(added.id)).toEqual(added);
    expect(await b.update(added.id, { owners: ['slack:U0BOB'] })).toMatchObject({ owners: ['slack:U0BOB'] });
    expect((await a.get(added.id))?.owners).toEqual(['slack:U0BOB']);
    expect(await a.update('e-none', { leads: [3] })).toBeUndefined();
    expect(await a.remove(added.id)).toBe(true);
    expect(await a.remove(added.id)).toBe(false);
    expect(await b.list()).toEqual([]);
    expect(await b.get(added.id)).toBeUndefined();
  });

  it('applies an import in one transaction: a failing row leaves nothing written', async () => {
    const { a, b } = await impl.open();
    const kept = await a.add(DEADLINE, 'console:admin');
    const done = await a.apply(
      { add: [{ ...DEADLINE, scope: 'allier' }], update: [{ ...kept, leads: [14] }] },
      'console:admin',
    );
    expect(done.added).toHaveLength(1);
    expect(done.changed).toEqual([{ ...kept, leads: [14] }]);
    expect((await b.list()).map((d) => d.scope).sort()).toEqual(['allier', 'cantal']);
    // A row the database refuses (no indicator): the other add and the update are rolled back.
    const broken = { ...DEADLINE, indicatorId: null as unknown as string };
    await expect(
      a.apply(
        { add: [{ ...DEADLINE, scope: 'puy-de-dome' }, broken], update: [{ ...kept, leads: [2] }] },
        'x',
      ),
    ).rejects.toThrow();
    expect((await b.list()).map((d) => d.scope).sort()).toEqual(['allier', 'cantal']);
    expect((await b.get(kept.id))?.leads).toEqual([14]);
  });

  it('claims a send once while its lease runs, again once it ran out, and settles it when sent', async () => {
    const { a, b } = await impl.open();
    const first = await a.claim(send('k1', ['k0']), T0, lease('host-a:1:x', 10));
    expect(first).toMatchObject({ send: { key: 'k1' }, redelivery: false });
    expect(first?.ref).toMatch(/^r[0-9a-f]{12}$/u);
    expect(await b.claim(send('k1'), at(5), lease('host-b:2:y', 15))).toBeUndefined();
    expect(await b.settledKeys(at(5))).toEqual(new Set(['k0', 'k1']));
    expect(await b.leaseOwners(at(5))).toEqual(['host-a:1:x']);
    // The first process died: its lease ends, the other claims the send again, as a redelivery.
    const again = await b.claim(send('k1'), at(11), lease('host-b:2:y', 21));
    expect(again).toMatchObject({ redelivery: true, ref: first?.ref });
    await b.markSent('k1', at(12));
    expect(await a.claim(send('k1'), at(30), lease('host-a:1:x', 40))).toBeUndefined();
    expect(await a.settledKeys(at(30))).toEqual(new Set(['k0', 'k1']));
    expect(await a.sendByRef(first?.ref as string)).toMatchObject({ key: 'k1', state: 'sent' });
    expect(await a.sendByRef('r000000000000')).toBeUndefined();
  });

  it('releases the leases of a process known to be gone, and retries a failed send a bounded number of times', async () => {
    const { a, b } = await impl.open();
    await a.claim(send('k2'), T0, lease('host-a:1:x', 10));
    expect(await b.releaseLeases('host-a:1:x', at(1))).toBe(1);
    expect(await b.leaseOwners(at(1))).toEqual([]);
    expect(await b.claim(send('k2'), at(1), lease('host-b:2:y', 11))).toMatchObject({ redelivery: true });
    for (let attempt = 2; attempt < MAX_ATTEMPTS; attempt++) {
      await b.markFailed('k2', 'Slack a répondu 500');
      expect(await b.claim(send('k2'), at(attempt), lease('host-b:2:y', 60))).toBeDefined();
    }
    await b.markFailed('k2', 'x'.repeat(2000));
    expect(await a.claim(send('k2'), at(50), lease('host-a:1:x', 60))).toBeUndefined();
    expect((await a.settledKeys(at(50))).has('k2')).toBe(true);
  });

  it('keeps one snooze per deadline, date and recipient, the latest winning', async () => {
    const { a, b } = await impl.open();
    await a.snooze({ deadlineId: 'e1', due: '2027-06-30', recipient: 'slack:U0ALICE', until: '2027-06-24' });
    await b.snooze({ deadlineId: 'e1', due: '2027-06-30', recipient: 'slack:U0ALICE', until: '2027-06-30' });
    expect(await a.snoozes()).toEqual([
      { deadlineId: 'e1', due: '2027-06-30', recipient: 'slack:U0ALICE', until: '2027-06-30' },
    ]);
  });

  it('gives each send to exactly one of two replicas claiming the same sends at once', async () => {
    const { a, b } = await impl.open();
    const keys = Array.from({ length: 30 }, (_, n) => `race-${n}`);
    const claims = await Promise.all(
      keys.flatMap((key) => [
        a.claim(send(key), T0, lease('host-a:1:x', 10)).then((c) => (c ? 'a' : null)),
        b.claim(send(key), T0, lease('host-b:2:y', 10)).then((c) => (c ? 'b' : null)),
      ]),
    );
    for (let n = 0; n < keys.length; n++) {
      const winners = [claims[2 * n], claims[2 * n + 1]].filter(Boolean);
      expect(winners, keys[n]).toHaveLength(1);
    }
  });
});
