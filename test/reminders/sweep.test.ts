import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../src/app/app-router.ts';
import { sweepDepsOf } from '../../src/app/sweep-deps.ts';
import { listDueSends } from '../../src/core/deadlines/due.ts';
import { addDeadline as createDeadline } from '../../src/core/deadlines/service.ts';
import type { DueSend } from '../../src/core/deadlines/types.ts';
import type { DeliveryOptions, DeliveryPort, Recipient, Reply } from '../../src/core/kernel/types.ts';
import { createLogger } from '../../src/platform/log.ts';
import { LEASE_MS, runSweep } from '../../src/reminders/sweep.ts';
import { testContext } from '../helpers/plans.ts';

// The sweep around the pure due computation: claim before send, failures, snooze, escalation.
let ctx: ReturnType<typeof testContext>;
const log = createLogger('silent');

/** A delivery port that records what it was asked to send and can be told to fail. */
function recordingPort(platform: 'console' | 'slack', fail: (r: Recipient) => boolean = () => false) {
  const sent: { recipient: Recipient; reply: Reply; options?: DeliveryOptions }[] = [];
  const port: DeliveryPort = {
    platform,
    async deliver(recipient, reply, options) {
      if (fail(recipient)) return { ok: false, retryable: true, error: 'HTTP 503' };
      sent.push({ recipient, reply, options });
      return { ok: true };
    },
  };
  return { port, sent };
}

async function addDeadline(owners: string[], leads = '7,1', scope = 'cantal') {
  const result = await createDeadline(
    { indicator: 'i0ab56d1', yearly: '06-30', scope, owners, leads },
    'test',
    ctx.deadlines().context,
  );
  if (!result.ok) throw new Error(result.error);
  return result.deadline;
}

/** What is due at `now` on the context's deadlines, nothing sent yet. */
async function dueAt(now: Date): Promise<DueSend[]> {
  return listDueSends({
    deadlines: await ctx.deadlines().repo.list(),
    recorded: [],
    sent: new Set(),
    snoozes: [],
    escalation: {},
    now,
    timeZone: 'Europe/Paris',
  });
}

beforeEach(() => {
  ctx = testContext({ BOUSSOLE_TIMEZONE: 'Europe/Paris' });
});
afterEach(() => ctx.cleanup());

describe('a reminder sweep', () => {
  it('leaves a claim to the live process that holds its lease, then sends it again once the lease ends', async () => {
    await addDeadline(['console:alice']);
    const { port, sent } = recordingPort('console');
    const deps = sweepDepsOf(ctx, { console: port }, log);
    const now = new Date('2027-06-23T09:00:00+02:00');
    const [due] = await dueAt(now);
    // Another machine's sweep claimed the J-7 reminder and has not reported back.
    const lease = { owner: 'other-host:4242:abcd', until: new Date(now.getTime() + LEASE_MS) };
    expect((await ctx.deadlines().repo.claim(due as DueSend, now, lease))?.redelivery).toBe(false);
    expect(await runSweep(deps, now)).toEqual([]);
    expect(sent).toHaveLength(0);
    // Its lease runs out (it crashed): the reminder goes out, with its key, flagged as a redelivery.
    const later = new Date(now.getTime() + LEASE_MS + 60_000);
    const outcomes = await runSweep(deps, later);
    expect(outcomes.map((o) => [o.send.key, o.ok])).toEqual([[due?.key, true]]);
    expect(sent[0]?.options).toEqual({ idempotencyKey: due?.key, redelivery: true });
    expect(await runSweep(deps, new Date(later.getTime() + 60_000))).toEqual([]);
  });

  it('sends at once what a process of this machine that is gone had claimed', async () => {
    await addDeadline(['console:alice']);
    const { port, sent } = recordingPort('console');
    const now = new Date('2027-06-23T09:00:00+02:00');
    const [due] = await dueAt(now);
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid as number;
    const lease = { owner: `${hostname()}:${gone}:dead`, until: new Date(now.getTime() + LEASE_MS) };
    await ctx.deadlines().repo.claim(due as DueSend, now, lease);
    const outcomes = await runSweep(sweepDepsOf(ctx, { console: port }, log), now);
    expect(outcomes.map((o) => o.ok)).toEqual([true]);
    expect(sent).toHaveLength(1);
  });

  it('retries a failed delivery at the next sweep without holding the other recipients', async () => {
    await addDeadline(['slack:U0DOWN', 'console:alice']);
    const slack = recordingPort('slack', () => slack.sent.length === 0 && failing);
    let failing = true;
    const consolePort = recordingPort('console');
    const deps = sweepDepsOf(ctx, { slack: slack.port, console: consolePort.port }, log);
    const first = await runSweep(deps, new Date('2027-06-23T09:00:00+02:00'));
    expect(first.map((o) => [o.send.recipient, o.ok])).toEqual([
      ['slack:U0DOWN', false],
      ['console:alice', true],
    ]);
    failing = false;
    const second = await runSweep(deps, new Date('2027-06-23T09:05:00+02:00'));
    expect(second.map((o) => [o.send.recipient, o.ok])).toEqual([['slack:U0DOWN', true]]);
    expect(consolePort.sent).toHaveLength(1);
  });

  it('snoozes a reminder for a week from its button', async () => {
    await addDeadline(['console:alice'], '14,7,1');
    const { port, sent } = recordingPort('console');
    const deps = sweepDepsOf(ctx, { console: port }, log);
    await runSweep(deps, new Date('2027-06-16T09:00:00+02:00'));
    const snooze = sent[0]?.reply.buttons?.find((b) => b.id.startsWith('snooze:') && b.id.endsWith(':7'));
    expect(snooze).toBeDefined();
    const router = createAppRouter(ctx);
    const actor = { platform: 'console' as const, userId: 'alice' };
    const conversation = { platform: 'console' as const, conversationId: 'console:alice' };
    const reply = await router.handleClick(actor, conversation, snooze?.id as string);
    expect(reply.text).toMatch(/semaine/u);
    const [stored] = await ctx.deadlines().repo.snoozes();
    expect(stored).toMatchObject({ due: '2027-06-30', recipient: 'console:alice' });
  });

  it('tells the scope validators at J+8 when the value is still missing', async () => {
    await ctx
      .measurements()
      .repo.grant({ userKey: 'console:victor', role: 'validator', scope: 'clermont-ferrand' }, 'test');
    await addDeadline(['console:alice'], '1');
    const { port, sent } = recordingPort('console');
    const deps = sweepDepsOf(ctx, { console: port }, log);
    const outcomes = await runSweep(deps, new Date('2027-07-08T09:00:00+02:00'));
    const escalated = outcomes.find((o) => o.send.recipient === 'console:victor');
    expect(escalated?.send).toMatchObject({ kind: 'overdue', stage: 'escalate' });
    expect(sent.find((s) => s.recipient.id === 'victor')?.reply.text).toMatch(/Valeur manquante/u);
  });

  it('sends the weekly digest to an owning channel on Monday morning, once', async () => {
    await addDeadline(['console:#pilotage'], '7');
    const { port, sent } = recordingPort('console');
    const deps = sweepDepsOf(ctx, { console: port }, log);
    // Monday 21 June 2027, 09:30 in Paris: the deadline is 9 days away.
    const outcomes = await runSweep(deps, new Date('2027-06-21T09:30:00+02:00'));
    const digest = outcomes.find((o) => o.send.kind === 'digest');
    expect(digest?.send.recipient).toBe('console:#pilotage');
    expect(sent.find((s) => s.recipient.kind === 'channel')?.reply.text).toMatch(/30 juin 2027/u);
    const again = await runSweep(deps, new Date('2027-06-21T15:00:00+02:00'));
    expect(again.filter((o) => o.send.kind === 'digest')).toEqual([]);
  });

  it('leaves a Slack reminder to the process that runs Slack instead of claiming it', async () => {
    await addDeadline(['slack:U0ELSEWHERE']);
    const now = new Date('2027-06-23T09:00:00+02:00');
    const consoleOnly = await runSweep(
      sweepDepsOf(ctx, { console: recordingPort('console').port }, log),
      now,
    );
    expect(consoleOnly.map((o) => [o.send.recipient, o.skipped])).toEqual([['slack:U0ELSEWHERE', true]]);
    const slack = recordingPort('slack');
    const withSlack = await runSweep(sweepDepsOf(ctx, { slack: slack.port }, log), now);
    expect(withSlack.map((o) => o.ok)).toEqual([true]);
    expect(slack.sent).toHaveLength(1);
  });
});
