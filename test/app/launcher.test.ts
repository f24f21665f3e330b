import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../src/platform/paths.ts';
import { tempDir } from '../helpers/plans.ts';

// bin/boussole.mjs rebuilds the bundle when the sources are newer (a `git pull` without
// `npm install`). It did so inside the process, and `npm start` caps that heap at 128 MB: the word
// index and esbuild did not fit, and the assistant died at every start. On a copy of the checkout
// (the shared dist/ stays untouched), without any build, under the same cap.
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('boussole-launcher-'));
  for (const entry of ['bin', 'scripts', 'src', 'data', 'prompts', 'package.json'])
    cpSync(path.join(ROOT_DIR, entry), path.join(dir, entry), {
      recursive: true,
      filter: (source) => !source.endsWith('.db') && !source.includes(`${path.sep}dist`),
    });
  symlinkSync(path.join(ROOT_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
});
afterAll(() => cleanup());

describe('the launcher', () => {
  it('builds a missing or stale bundle in a process of its own, then answers under npm start’s heap cap', () => {
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    const run = spawnSync(
      process.execPath,
      [
        '--max-semi-space-size=4',
        '--max-old-space-size=128',
        path.join(dir, 'bin', 'boussole.mjs'),
        'ask',
        '--json',
        'Quelles actions pour la lecture dans le Cantal ?',
      ],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
        env: { PATH: process.env.PATH ?? '', BOUSSOLE_DB: path.join(dir, 'launcher.db') },
      },
    );
    expect(run.stderr).not.toMatch(/heap out of memory/u);
    expect(run.status).toBe(0);
    expect(existsSync(path.join(dir, 'dist', 'main.mjs'))).toBe(true);
    // The build's own output went to stderr: stdout is the answer alone.
    const answer = JSON.parse(run.stdout) as { status: string; citations: { scope: string }[] };
    expect(answer.status).toBe('answered');
    expect(answer.citations.every((c) => c.scope === 'Cantal')).toBe(true);
  }, 150_000);
});
