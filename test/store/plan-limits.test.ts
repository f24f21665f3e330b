import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/app/cli.ts';
import { PLAN_LIMITS } from '../../src/core/plans/catalog.ts';
import { captureIO, DATA_DIR, tempDir } from '../helpers/plans.ts';
import { boussoleChild, until } from '../helpers/processes.ts';

// Issue 14, item 4: a 50 MB plan ingested in 101 s at 936 MB, then the assistant died at every
// start. Plans now have limits, refused at ingest with the reason, before anything is written.
let dir: string;
let cleanup: () => void;
let env: NodeJS.ProcessEnv;
const SHIPPED_META = path.join(DATA_DIR, 'plans', '004_ca969452bab8165f.json');
const SHIPPED_TEXT = readFileSync(path.join(DATA_DIR, 'plans', '004_ca969452bab8165f.txt'), 'utf8');

beforeAll(() => {
  ({ dir, cleanup } = tempDir('boussole-limits-'));
  env = { BOUSSOLE_DB: path.join(dir, 'l.db') };
});
afterAll(() => cleanup());

async function run(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, capture.io, env);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

/** A plan file with the RH roadmap's metadata under another id, and `text` as its text. */
function planFile(name: string, text: string, folder = dir): string {
  const meta = JSON.parse(readFileSync(SHIPPED_META, 'utf8'));
  writeFileSync(
    path.join(folder, `${name}.json`),
    JSON.stringify({ ...meta, id: `test-${name}`, file: `${name}.txt` }),
  );
  writeFileSync(path.join(folder, `${name}.txt`), text);
  return path.join(folder, `${name}.txt`);
}

const paragraphs = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `Paragraphe ${i} : les équipes accompagnent la lecture des élèves.`,
  ).join('\n\n');

describe('plan limits at ingest', () => {
  it('refuse a file over the size limit before reading it, and say how to fix it', async () => {
    const big = planFile('huge', `${SHIPPED_TEXT}\n\n${paragraphs(20_000)}`);
    const result = await run('ingest', big);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /fait 1,\d Mo, au-delà de la limite de 1 Mo par plan : retirez les annexes/u,
    );
    expect(result.stderr).toMatch(/La base n'a pas été modifiée/u);
  });

  it('refuse a line longer than the limit, naming the line', async () => {
    const file = planFile('longline', `${SHIPPED_TEXT}\n${'lecture '.repeat(PLAN_LIMITS.lineChars / 4)}\n`);
    const result = await run('ingest', file);
    expect(result.code).toBe(1);
    const line = SHIPPED_TEXT.split('\n').length + 1;
    expect(result.stderr).toContain(`ligne ${line} :`);
    expect(result.stderr).toMatch(
      /au-delà de la limite de 5\s000 : le texte doit garder les retours à la ligne/u,
    );
  });

  it('refuse a plan that parses into more elements than the limit', async () => {
    const file = planFile('many', `${SHIPPED_TEXT}\n\n${paragraphs(6000)}\n`);
    const result = await run('ingest', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/donne 6\s\d{3} éléments .* au-delà de la limite de 5\s000 par plan/u);
    const plans = JSON.parse((await run('plans', '--json')).stdout) as { id: string }[];
    expect(plans.map((p) => p.id)).not.toContain('test-many');
    expect(plans).toHaveLength(5);
  });

  it('stop npm start with the reason, not a crash loop, when a shipped plan is over a limit', async () => {
    const data = path.join(dir, 'data');
    cpSync(DATA_DIR, data, {
      recursive: true,
      filter: (src) => !/\.db(-\w+)?$|\.boussole-history$/u.test(src),
    });
    planFile('900_huge', `${SHIPPED_TEXT}\n\n${paragraphs(20_000)}`, path.join(data, 'plans'));
    const app = boussoleChild(['start'], {
      BOUSSOLE_DB: path.join(dir, 'start.db'),
      BOUSSOLE_DATA_DIR: data,
    });
    await until(() => app.proc.exitCode !== null, 60_000, 'npm start to stop');
    expect(app.proc.exitCode).toBe(1);
    const stderr = app.errors.join('\n');
    expect(stderr).toMatch(/Plans livrés illisibles : .*900_huge\.txt fait 1,\d Mo, au-delà de la limite/u);
    expect(stderr).not.toMatch(/^\s+at /mu);
  }, 90_000);
});
