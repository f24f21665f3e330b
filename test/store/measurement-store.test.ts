import { afterEach, describe, expect, it } from 'vitest';
import type { MeasurementRepository, NewMeasurement } from '../../src/core/measurements/ports.ts';
import { createMeasurementStore } from '../../src/store/measurement-store.ts';
import { createPgMeasurementStore } from '../../src/store/postgres/measurement-store.ts';
import { postgresGate, twoPostgresPools, twoSqliteHandles } from '../helpers/postgres.ts';

// One contract for the measurement stores of both engines, each opened twice on one database as
// two replicas would: what is recorded, its versions, and a draft confirmed once.
const gate = await postgresGate();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let clock = Date.parse('2027-03-01T10:00:00Z');
/** Every store of a test reads this clock; tests move it forward. */
const now = () => new Date(clock);

interface Replicas {
  a: MeasurementRepository;
  b: MeasurementRepository;
}

function sqlite(): Replicas {
  const [first, second] = twoSqliteHandles(cleanups);
  return { a: createMeasurementStore(first, now), b: createMeasurementStore(second, now) };
}

async function postgres(): Promise<Replicas> {
  const [first, second] = await twoPostgresPools(cleanups);
  return { a: createPgMeasurementStore(first, now), b: createPgMeasurementStore(second, now) };
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

const value = (v: number | string, extra: Partial<NewMeasurement> = {}): NewMeasurement => ({
  indicatorId: 'i0ab56d1',
  scope: 'cantal',
  period: '2025-2026',
  value: v,
  unit: typeof v === 'number' ? 'percent' : 'text',
  author: { platform: 'slack', userId: 'U0ALICE', displayName: 'Alice' },
  status: 'proposed',
  ...extra,
});

const draftOf = (actor = 'slack:U0ALICE', conversation = 'C1') => ({
  actor,
  actorName: 'Alice',
  conversation,
  message: 'Cantal 2025-2026 : 62,5 %',
  fields: { lang: 'fr' as const, scope: 'cantal' },
});

describe.each(implementations)('the $name measurement store', (impl) => {
  it('keeps a draft, its follow-ups and what the user typed, and replaces it with a newer one', async () => {
    const { a, b } = await impl.open();
    const first = await a.createDraft(draftOf());
    expect(first).toMatchObject({ state: 'open', actorName: 'Alice', fields: { scope: 'cantal' } });
    expect((await b.openDraft('slack:U0ALICE', 'C1'))?.id).toBe(first.id);
    const updated = await b.updateDraft(
      first.id,
      { lang: 'fr', scope: 'cantal', period: '2025-2026' },
      '2025-2026',
    );
    expect(updated).toMatchObject({
      message: 'Cantal 2025-2026 : 62,5 %\n2025-2026',
      fields: { period: '2025-2026' },
    });
    clock += 1000;
    const second = await b.createDraft(draftOf());
    expect((await a.getDraft(first.id))?.state).toBe('replaced');
    expect((await a.openDraft('slack:U0ALICE', 'C1'))?.id).toBe(second.id);
    expect(await a.updateDraft(first.id, { lang: 'fr' })).toBeUndefined();
    expect(await a.cancelDraft(second.id)).toBe(true);
    expect(await a.cancelDraft(second.id)).toBe(false);
    expect(await b.openDraft('slack:U0ALICE', 'C1')).toBeUndefined();
    clock += 61 * 60_000;
    const old = await a.createDraft(draftOf('slack:U0BOB'));
    clock += 61 * 60_000;
    expect(await a.openDraft('slack:U0BOB', 'C1')).toBeUndefined();
    expect((await a.getDraft(old.id))?.state).toBe('open');
  });

  it('saves a confirmed draft once, superseding the value in force, and lists versions oldest first', async () => {
    const { a, b } = await impl.open();
    const draft = await a.createDraft(draftOf());
    const saved = await a.confirmDraft(draft.id, value(62.5));
    expect(saved).toMatchObject({ created: true, measurement: { value: 62.5, status: 'proposed' } });
    if (!('measurement' in saved)) throw new Error('not saved');
    expect(await b.confirmDraft(draft.id, value(99))).toEqual({
      measurement: saved.measurement,
      created: false,
    });
    expect((await b.getDraft(draft.id))?.state).toBe('saved');
    const cancelled = await b.createDraft(draftOf('slack:U0BOB'));
    await b.cancelDraft(cancelled.id);
    expect(await a.confirmDraft(cancelled.id, value(1))).toEqual({ error: 'not_open' });
    clock += 1000;
    const correction = await b.createDraft(draftOf('slack:U0BOB', 'C2'));
    const corrected = await b.confirmDraft(correction.id, value(63, { comment: 'corrigé' }));
    expect(corrected).toMatchObject({
      measurement: { supersedes: saved.measurement.id, comment: 'corrigé' },
    });
    expect((await a.current('i0ab56d1', 'cantal', '2025-2026'))?.value).toBe(63);
    expect((await a.list({ indicatorId: 'i0ab56d1' })).map((m) => m.value)).toEqual([62.5, 63]);
    expect(await a.list({ scope: 'allier' })).toEqual([]);
    expect(await a.getMeasurement(saved.measurement.id)).toEqual(saved.measurement);
  });

  it('confirms one draft from two replicas at once: one value recorded, both told the same', async () => {
    const { a, b } = await impl.open();
    const draft = await a.createDraft(draftOf());
    const results = await Promise.all([
      a.confirmDraft(draft.id, value(41)),
      b.confirmDraft(draft.id, value(41)),
      a.confirmDraft(draft.id, value(41)),
      b.confirmDraft(draft.id, value(41)),
    ]);
    expect(results.filter((r) => 'created' in r && r.created)).toHaveLength(1);
    const ids = new Set(results.map((r) => ('measurement' in r ? r.measurement.id : r.error)));
    expect(ids.size).toBe(1);
    expect(await b.list()).toHaveLength(1);
  });

  it('chains values confirmed at once for one indicator, scope and period: none is lost', async () => {
    const { a, b } = await impl.open();
    const drafts = await Promise.all(
      ['C1', 'C2', 'C3', 'C4'].map((conversation, n) =>
        (n % 2 ? a : b).createDraft(draftOf(`slack:U${n}`, conversation)),
      ),
    );
    await Promise.all(drafts.map((d, n) => (n % 2 ? b : a).confirmDraft(d.id, value(n))));
    const versions = await a.list();
    expect(versions).toHaveLength(4);
    // Each version but the first supersedes another, each a different one: one chain, no fork.
    const superseded = versions.map((m) => m.supersedes).filter(Boolean);
    expect(superseded).toHaveLength(3);
    expect(new Set(superseded).size).toBe(3);
  });

  it('imports a batch with its audit row, skipping rows equal to the value in force', async () => {
    const { a, b } = await impl.open();
    const batch = [value(10), value(20, { scope: 'allier' }), value('en cours', { indicatorId: 'i0text' })];
    const first = await a.importMeasurements(batch, { actor: 'cli:root', action: 'import', outcome: 'ok' });
    expect(first.saved).toHaveLength(3);
    expect(first.unchanged).toBe(0);
    const again = await b.importMeasurements([...batch, value(11)], {
      actor: 'cli:root',
      action: 'import',
      outcome: 'ok',
    });
    expect(again.unchanged).toBe(3);
    expect(again.saved.map((m) => m.value)).toEqual([11]);
    expect((await a.list()).map((m) => m.value)).toEqual([10, 20, 'en cours', 11]);
  });

  it('reviews a value once per change of status', async () => {
    const { a, b } = await impl.open();
    const { saved } = await a.importMeasurements([value(5)], {
      actor: 'cli:root',
      action: 'import',
      outcome: 'ok',
    });
    const id = saved[0]?.id as string;
    expect((await b.review(id, 'validated', 'slack:U0VAL'))?.status).toBe('validated');
    expect((await a.review(id, 'validated', 'slack:U0VAL'))?.status).toBe('validated');
    expect((await a.review(id, 'rejected', 'slack:U0VAL'))?.status).toBe('rejected');
    expect(await a.current('i0ab56d1', 'cantal', '2025-2026')).toBeUndefined();
    expect(await a.review('m000000000000', 'validated', 'x')).toBeUndefined();
  });

  it('keeps the latest target and baseline per key, and grants each role once', async () => {
    const { a, b } = await impl.open();
    await a.setTarget(
      { indicatorId: 'i1', scope: 'cantal', period: '2026-2027', kind: 'target', value: 50 },
      'x',
    );
    await b.setTarget(
      { indicatorId: 'i1', scope: 'cantal', period: '2026-2027', kind: 'target', value: 55 },
      'x',
    );
    await b.setTarget(
      { indicatorId: 'i1', scope: 'cantal', period: '2022-2023', kind: 'baseline', value: 30 },
      'x',
    );
    await b.setTarget(
      { indicatorId: 'i2', scope: 'allier', period: '2026-2027', kind: 'target', value: 1 },
      'x',
    );
    expect(await a.targets('i1')).toEqual([
      { indicatorId: 'i1', scope: 'cantal', period: '2022-2023', kind: 'baseline', value: 30 },
      { indicatorId: 'i1', scope: 'cantal', period: '2026-2027', kind: 'target', value: 55 },
    ]);
    expect(await a.targets()).toHaveLength(3);
    const grant = { userKey: 'slack:U0BOB', role: 'validator' as const, scope: 'cantal' };
    expect(await a.grant(grant, 'slack:U0ROOT')).toBe(true);
    expect(await b.grant(grant, 'slack:U0ROOT')).toBe(false);
    await b.grant({ userKey: 'slack:U0ALICE', role: 'contributor', scope: 'cantal' }, 'slack:U0ROOT');
    expect((await a.grants()).map((g) => g.userKey)).toEqual(['slack:U0ALICE', 'slack:U0BOB']);
    expect(await b.revoke(grant)).toBe(true);
    expect(await a.revoke(grant)).toBe(false);
    await a.audit({ actor: 'slack:U0BOB', action: 'record', outcome: 'refused' });
  });
});
