import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/app/cli.ts';
import { captureIO, tempDir } from '../../helpers/plans.ts';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

async function run(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, capture.io, env);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

describe('boussole backup', () => {
  it('writes a copy that boussole reads back with its five plans and the recorded values', async () => {
    const live = { BOUSSOLE_DB: path.join(dir, 'live.db'), BOUSSOLE_ADMINS: 'console:root' };
    const preview = JSON.parse(
      (await run(live, 'say', '--as', 'root', '--json', 'Allier, 2026 : 14 constellations')).stdout,
    );
    await run(live, 'say', '--as', 'root', '--click', preview.buttons[0].id);
    const file = path.join(dir, 'backups', 'boussole-2026-11-23.db');
    const backup = await run(live, 'backup', file);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/5 plans, 1 valeurs/u);
    // Nothing but the backup itself: no .partial file, no -wal or -shm beside it.
    expect(readdirSync(path.dirname(file))).toEqual(['boussole-2026-11-23.db']);

    const restored = { BOUSSOLE_DB: file };
    const plans = JSON.parse((await run(restored, 'plans', '--json')).stdout);
    expect(plans).toHaveLength(5);
    const values = JSON.parse((await run(restored, 'measurements', '--json')).stdout);
    expect(values).toHaveLength(1);
  });

  it('refuses to overwrite an existing file, or the database itself, without --force', async () => {
    const live = { BOUSSOLE_DB: path.join(dir, 'live.db') };
    const file = path.join(dir, 'backups', 'boussole-2026-11-23.db');
    const again = await run(live, 'backup', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/--force/u);
    expect((await run(live, 'backup', file, '--force')).code).toBe(0);
    expect((await run(live, 'backup', path.join(dir, 'live.db'), '--force')).code).toBe(1);
  });
});

describe('data retention', () => {
  it('prunes old answers and drafts but never a measurement or the draft it came from', async () => {
    const { openDatabase } = await import('../../../src/store/db.ts');
    const { pruneExpired } = await import('../../../src/store/retention.ts');
    const db = openDatabase(path.join(dir, 'live.db'));
    try {
      const old = '2020-01-01T00:00:00.000Z';
      db.prepare(
        "INSERT INTO answers (id, conversation, actor, question, standalone, answer, status, created_at) VALUES ('a-old', 'c', 'x', 'q', 'q', 'a', 'answered', ?)",
      ).run(old);
      db.prepare(
        "INSERT INTO measurement_drafts (id, actor, conversation, message, fields, state, created_at, updated_at) VALUES ('dold', 'x', 'c', 'm', '{}', 'cancelled', ?, ?)",
      ).run(old, old);
      db.prepare("UPDATE measurement_drafts SET updated_at = ? WHERE state = 'saved'").run(old);
      const pruned = pruneExpired(db, new Date('2026-11-23T00:00:00Z'));
      expect(pruned.answers).toBeGreaterThanOrEqual(1);
      expect(pruned.drafts).toBe(1);
      const saved = db
        .prepare("SELECT COUNT(*) AS n FROM measurement_drafts WHERE state = 'saved'")
        .get() as {
        n: number;
      };
      expect(saved.n).toBe(1);
      expect((db.prepare('SELECT COUNT(*) AS n FROM measurements').get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  });
});
