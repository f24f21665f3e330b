import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDepsOf } from '../../src/app/sweep-deps.ts';
import type { DeadlineRepository } from '../../src/core/deadlines/ports.ts';
import { addDeadline } from '../../src/core/deadlines/service.ts';
import type { DeliveryPort, Recipient, Reply } from '../../src/core/kernel/types.ts';
import { createLogger } from '../../src/platform/log.ts';
import { LEASE_MS, runSweep, type SweepDeps } from '../../src/reminders/sweep.ts';
import { createPgDeadlineStore } from '../../src/store/postgres/deadline-store.ts';
import { testContext } from '../helpers/plans.ts';
import { postgresGate, twoPostgresPools } from '../helpers/postgres.ts';

// Reminder sweeps of several replicas on one PostgreSQL database: each reminder is delivered
// once, and one claimed by a replica that dies mid-delivery is delivered by another.
const gate = await postgresGate();
const log = createLogger('silent');
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let ctx: ReturnType<typeof testContext>;
let store: DeadlineRepository;
let second: DeadlineRepository;

beforeAll(async () => {
  if (!gate.run) return;
  ctx = testContext();
  cleanups.push(() => ctx.cleanup());
  const [poolA, poolB] = await twoPostgresPools(cleanups);
  store = createPgDeadlineStore(poolA);
  second = createPgDeadlineStore(poolB);
  const context = { ...ctx.deadlines().context, repo: store };
  for (const owner of ['console:alice', 'console:bob', 'console:carol']) {
    const added = await addDeadline(
      { indicator: 'i0ab56d1', yearly: '06-30', scope: 'cantal', owners: [owner], leads: '7,1' },
      'test',
      context,
    );
    if (!added.ok) throw new Error(added.error);
  }
});

describe.runIf(gate.failure)('PostgreSQL under CI', () => {
  it('is reachable', () => {
    throw new Error(gate.failure ?? '');
  });
});

/** A replica's sweep dependencies: the shared deadline store, its own delivery port. */
function replica(deadlines: DeadlineRepository, deliver: DeliveryPort['deliver']): SweepDeps {
  return {
    ...sweepDepsOf(ctx, {}, log),
    deadlines,
    deliveries: { console: { platform: 'console', deliver } },
  };
}

describe.runIf(gate.run)('reminder sweeps of two replicas on PostgreSQL', () => {
  it('deliver each reminder once when they sweep at the same moment', async () => {
    const delivered: string[] = [];
    const deliver = async (recipient: Recipient, _reply: Reply, options?: { idempotencyKey?: string }) => {
      delivered.push(`${recipient.id}|${options?.idempotencyKey}`);
      return { ok: true as const };
    };
    const now = new Date('2027-06-23T09:00:00+02:00');
    const [a, b] = await Promise.all([
      runSweep(replica(store, deliver), now),
      runSweep(replica(second, deliver), now),
    ]);
    expect(a.length + b.length).toBe(3);
    expect(delivered).toHaveLength(3);
    expect(new Set(delivered).size).toBe(3);
    expect(await runSweep(replica(second, deliver), new Date(now.getTime() + 60_000))).toEqual([]);
  });

  it('deliver what a replica claimed and never finished sending, once its lease has run out', async () => {
    const now = new Date('2027-06-29T09:00:00+02:00');
    // Replica A claims the J-1 reminders and hangs in delivery, as if killed mid-send.
    const hung: string[] = [];
    void runSweep(
      replica(store, (_recipient, _reply, options) => {
        hung.push(options?.idempotencyKey ?? '');
        return new Promise(() => {});
      }),
      now,
    );
    for (let i = 0; i < 100 && hung.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hung).toHaveLength(3);
    const delivered: string[] = [];
    const deliver = async (_recipient: Recipient, _reply: Reply, options?: { idempotencyKey?: string }) => {
      delivered.push(options?.idempotencyKey ?? '');
      return { ok: true as const };
    };
    // While A's lease runs, B leaves them alone; once it ran out, B delivers them, same keys.
    expect(await runSweep(replica(second, deliver), new Date(now.getTime() + 60_000))).toEqual([]);
    const after = await runSweep(replica(second, deliver), new Date(now.getTime() + LEASE_MS + 60_000));
    expect(after.map((o) => o.ok)).toEqual([true, true, true]);
    expect(delivered.sort()).toEqual([...hung].sort());
  });
});
