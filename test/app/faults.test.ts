import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/context.ts';
import { addDeadline } from '../../src/core/deadlines/service.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { tempDir } from '../helpers/plans.ts';
import { exited, faultChild, until } from '../helpers/processes.ts';

// kill -9 in the middle of a confirm and in the middle of a reminder sweep, then restart.
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('boussole-faults-'));
});
afterAll(() => cleanup());

describe('a process killed with SIGKILL', () => {
  it('loses no confirmed measurement and leaves no half-saved draft', async () => {
    const dbFile = path.join(dir, 'confirm.db');
    const { proc, lines } = faultChild('confirm-child.ts', [dbFile]);
    try {
      await until(() => lines.filter((l) => l.startsWith('saved ')).length >= 25, 60_000, '25 confirmations');
    } finally {
      proc.kill('SIGKILL');
      await exited(proc);
    }
    expect(proc.signalCode).toBe('SIGKILL');
    const confirmed = lines.filter((l) => l.startsWith('saved ')).map((l) => l.slice(6));
    const db = new Database(dbFile);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const has = db.prepare('SELECT 1 FROM measurements WHERE id = ?');
      for (const id of confirmed) expect(has.get(id), id).toBeDefined();
      const halfSaved = db
        .prepare(
          `SELECT COUNT(*) AS n FROM measurement_drafts d WHERE (d.state = 'saved') <>
             EXISTS (SELECT 1 FROM measurements m WHERE m.draft_id = d.id)`,
        )
        .get() as { n: number };
      expect(halfSaved.n).toBe(0);
    } finally {
      db.close();
    }
  }, 90_000);

  it('delivers every reminder once when a sweep is killed mid-delivery and run again', async () => {
    const dbFile = path.join(dir, 'sweep.db');
    const ctx = openContext(loadConfig({ BOUSSOLE_DB: dbFile }), createLogger('silent'));
    for (let i = 0; i < 300; i++) {
      const result = await addDeadline(
        { indicator: 'i0ab56d1', yearly: '06-30', scope: 'cantal', owners: [`user${i}`], leads: '7' },
        'test',
        ctx.deadlines().context,
      );
      expect(result.ok).toBe(true);
    }
    ctx.close();
    const delivered = path.join(dir, 'delivered.log');
    const read = () =>
      existsSync(delivered) ? readFileSync(delivered, 'utf8').split('\n').filter(Boolean) : [];

    const first = faultChild('sweep-child.ts', [dbFile, delivered, '2027-06-23T10:00:00+02:00']);
    try {
      await until(() => read().length >= 10, 60_000, 'the first deliveries');
    } finally {
      first.proc.kill('SIGKILL');
      await exited(first.proc);
    }
    const killedAfter = read().length;
    const second = faultChild('sweep-child.ts', [dbFile, delivered, '2027-06-23T10:05:00+02:00']);
    await until(() => second.lines.some((l) => l.startsWith('done')), 60_000, 'the second sweep');
    await exited(second.proc);

    const recipients = read().map((line) => line.split('|')[0]);
    // The kill did land mid-sweep: the first run delivered only part of the 300…
    expect(killedAfter).toBeLessThan(300);
    // …and after the restart every one of them has its reminder, none twice (the port honours keys).
    expect(new Set(recipients).size).toBe(300);
    expect(recipients).toHaveLength(300);
  }, 120_000);

  it('waits for another process holding the write lock instead of failing with SQLITE_BUSY', async () => {
    const dbFile = path.join(dir, 'busy.db');
    const ctx = openContext(loadConfig({ BOUSSOLE_DB: dbFile }), createLogger('silent'));
    const locker = faultChild('lock-child.ts', [dbFile, '800']);
    try {
      await until(() => locker.lines.includes('locked'), 30_000, 'the lock');
      const started = Date.now();
      await ctx
        .measurements()
        .repo.grant({ userKey: 'console:bob', role: 'contributor', scope: 'cantal' }, 'test');
      expect(Date.now() - started).toBeGreaterThan(100);
      expect(await ctx.measurements().repo.grants()).toContainEqual({
        userKey: 'console:bob',
        role: 'contributor',
        scope: 'cantal',
      });
    } finally {
      await exited(locker.proc);
      ctx.close();
    }
  }, 60_000);
});
