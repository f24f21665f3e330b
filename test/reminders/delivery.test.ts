import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/context.ts';
import { addDeadline } from '../../src/core/deadlines/service.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { tempDir } from '../helpers/plans.ts';
import { exited, faultChild, until } from '../helpers/processes.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/slack-fake-api.ts';

// Issue 14, item 2: a sweep killed while Slack was slow left its claimed reminders "done": 41 of
// 43 were never delivered. Now a claim is a lease: after the restart every due reminder is
// delivered, and none twice, because Slack messages carry the reminder's key.
const USERS = 40;
let dir: string;
let cleanup: () => void;
let fake: FakeSlackApi;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('boussole-delivery-'));
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake.close();
  cleanup();
});

describe('a sweep killed with SIGKILL while Slack is slow', () => {
  it('delivers every due reminder after the restart, none twice', async () => {
    const dbFile = path.join(dir, 'slack-sweep.db');
    const ctx = openContext(loadConfig({ BOUSSOLE_DB: dbFile }), createLogger('silent'));
    for (let i = 0; i < USERS; i++) {
      const result = await addDeadline(
        { indicator: 'i0ab56d1', yearly: '06-30', scope: 'cantal', owners: [`slack:U0USER${i}`], leads: '7' },
        'test',
        ctx.deadlines().context,
      );
      expect(result.ok).toBe(true);
    }
    ctx.close();

    // Slack takes 0.3 to 2.3 s to answer each call, so the kill lands with reminders in every state:
    // claimed but not posted yet, posted but not answered, posted and answered.
    let n = 0;
    const slow = () => 300 + ((n++ * 397) % 2000);
    fake.delay('conversations.open', slow);
    fake.delay('chat.postMessage', slow);
    const posts = () => fake.find('chat.postMessage').length;
    const first = faultChild('slack-sweep-child.ts', [dbFile, fake.apiUrl, '2027-06-23T10:00:00+02:00']);
    try {
      await until(() => posts() >= 8, 60_000, 'the first posts');
    } finally {
      first.proc.kill('SIGKILL');
      await exited(first.proc);
    }
    expect(first.proc.signalCode).toBe('SIGKILL');
    const beforeRestart = posts();
    expect(beforeRestart).toBeLessThan(USERS);
    const db = new Database(dbFile, { readonly: true });
    const claimed = () =>
      (db.prepare("SELECT COUNT(*) AS n FROM reminder_sends WHERE state = 'claimed'").get() as { n: number })
        .n;
    // What the issue saw: claimed rows that nothing will ever send.
    expect(claimed()).toBeGreaterThan(0);

    fake.delay('conversations.open', () => 0);
    fake.delay('chat.postMessage', () => 0);
    const second = faultChild('slack-sweep-child.ts', [dbFile, fake.apiUrl, '2027-06-23T10:05:00+02:00']);
    await until(
      () => second.lines.some((l) => l.startsWith('done')) || second.proc.exitCode !== null,
      60_000,
      'the second sweep',
    );
    await exited(second.proc);
    expect(second.proc.exitCode, second.errors.join('\n')).toBe(0);

    const perChannel = new Map<string, number>();
    for (const message of fake.posted)
      perChannel.set(message.channel, (perChannel.get(message.channel) ?? 0) + 1);
    expect(perChannel.size).toBe(USERS);
    expect([...perChannel.values()].every((count) => count === 1)).toBe(true);
    // The restart looked before posting again what Slack may already have had.
    expect(fake.find('conversations.history').length).toBeGreaterThan(0);
    expect(fake.posted.every((m) => m.metadata?.event_type === 'boussole_reminder')).toBe(true);
    expect(claimed()).toBe(0);
    db.close();
  }, 120_000);
});
