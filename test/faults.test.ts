import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openContext } from '../src/context.ts';
import { addDeadline } from '../src/core/deadlines/service.ts';
import { createLogger } from '../src/log.ts';
import { ROOT_DIR } from '../src/paths.ts';
import { tempDir } from './helpers/plans.ts';

// kill -9 in the middle of a confirm and in the middle of a reminder sweep, then restart.
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('boussole-faults-'));
});
afterAll(() => cleanup());

function child(script: string, args: string[]): { proc: ChildProcess; lines: string[] } {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT_DIR, 'test', 'fault', script), ...args],
    {
      cwd: ROOT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let buffer = '';
  proc.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
  });
  proc.stderr?.on('data', () => {});
  return { proc, lines };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function exited(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
}

describe('a process killed with SIGKILL', () => {
  it('loses no confirmed measurement and leaves no half-saved draft', async () => {
    const dbFile = path.join(dir, 'confirm.db');
    const { proc, lines } = child('confirm-child.ts', [dbFile]);
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

  it('never sends a reminder twice when a sweep is killed and run again', async () => {
    const dbFile = path.join(dir, 'sweep.db');
    const ctx = openContext(loadConfig({ BOUSSOLE_DB: dbFile }), createLogger('silent'));
    for (let i = 0; i < 300; i++) {
      const result = addDeadline(
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

    const first = child('sweep-child.ts', [dbFile, delivered, '2027-06-23T10:00:00+02:00']);
    try {
      await until(() => read().length >= 10, 60_000, 'the first deliveries');
    } finally {
      first.proc.kill('SIGKILL');
      await exited(first.proc);
    }
    const killedAfter = read().length;
    const second = child('sweep-child.ts', [dbFile, delivered, '2027-06-23T10:05:00+02:00']);
    await until(() => second.lines.some((l) => l.startsWith('done')), 60_000, 'the second sweep');
    await exited(second.proc);

    const recipients = read().map((line) => line.split('|')[0]);
    // The kill did land mid-sweep: the first run delivered only part of the 300.
    expect(killedAfter).toBeLessThan(300);
    expect(recipients.length).toBeGreaterThanOrEqual(10);
    expect(new Set(recipients).size).toBe(recipients.length);
  }, 120_000);

  it('waits for another process holding the write lock instead of failing with SQLITE_BUSY', async () => {
    const dbFile = path.join(dir, 'busy.db');
    const ctx = openContext(loadConfig({ BOUSSOLE_DB: dbFile }), createLogger('silent'));
    const locker = child('lock-child.ts', [dbFile, '800']);
    try {
      await until(() => locker.lines.includes('locked'), 30_000, 'the lock');
      const started = Date.now();
      ctx.measurements().repo.grant({ userKey: 'console:bob', role: 'contributor', scope: 'cantal' }, 'test');
      expect(Date.now() - started).toBeGreaterThan(100);
      expect(ctx.measurements().repo.grants()).toContainEqual({
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
