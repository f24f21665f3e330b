import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/app/cli.ts';
import { createCommandLogger } from '../../src/platform/log.ts';
import { captureIO, tempDir } from '../helpers/plans.ts';

let dir: string;
let cleanup: () => void;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  env = { BOUSSOLE_DB: path.join(dir, 'cli.db') };
});
afterAll(() => cleanup());

async function run(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, capture.io, env);
  return { code, ...capture };
}

describe('boussole plans / show / search', () => {
  it('creates and seeds the database on first use and lists the five plans with their counts', async () => {
    const { code, stdout } = await run('plans', '--json');
    expect(code).toBe(0);
    const plans = JSON.parse(stdout());
    expect(plans.map((p: { file: string }) => p.file)).toEqual([
      '000_cc4e83c25fade7ca.txt',
      '001_1693f7013a714f38.txt',
      '002_daa8e2553029d5e7.txt',
      '003_c7ee20f7885c5a7b.txt',
      '004_ca969452bab8165f.txt',
    ]);
    expect(plans[0].counts).toEqual({ axis: 3, objective: 9, action: 33, indicator: 30 });
    expect(plans[1].counts).toMatchObject({ axis: 4, objective: 11 });
    expect(plans[2].counts).toMatchObject({ axis: 2 });
    expect(plans[3].counts).toMatchObject({ axis: 4, objective: 29 });
    expect(plans[4].counts).toMatchObject({ axis: 3 });
    for (const plan of plans)
      expect(Object.keys(plan)).toEqual(['id', 'title', 'academie', 'period', 'kind', 'file', 'counts']);
  });

  it('shows a plan as a tree with sources, and the Cantal faits numériques action under axis 1', async () => {
    const { code, stdout } = await run('show', 'cf-casf-2025', '--json');
    expect(code).toBe(0);
    const tree = JSON.parse(stdout());
    expect(tree).toMatchObject({ id: 'cf-casf-2025', kind: 'plan' });
    const axis1 = tree.children[0];
    expect(axis1.kind).toBe('axis');
    const found = axis1.children
      .flatMap((o: { children: unknown[] }) => o.children)
      .find((n: { text: string }) => n.text.startsWith('Élaborer à nouveau une formation départementale'));
    expect(found).toMatchObject({
      kind: 'action',
      scope: 'Cantal',
      source: { file: '002_daa8e2553029d5e7.txt', lines: [212, 212] },
    });
  });

  it('searches with stems and accents folded, best first', async () => {
    const { code, stdout } = await run('search', 'teletravail', '--json');
    expect(code).toBe(0);
    const hits = JSON.parse(stdout());
    expect(hits[0]).toMatchObject({ kind: 'action', plan: 'cf-rh-2021' });
    expect(hits[0].text).toContain('télétravail');
    expect(Object.keys(hits[0])).toEqual(['id', 'kind', 'text', 'scope', 'plan', 'path', 'score']);
  });

  it('explains an unknown id and exits non-zero', async () => {
    const { code, stderr } = await run('show', 'nope');
    expect(code).toBe(1);
    expect(stderr()).toMatch(/Identifiant inconnu.*cf-psa-2023/su);
  });

  it('survives FTS syntax in search terms', async () => {
    const { code } = await run('search', '"NEAR(', '*', 'AND', 'OR');
    expect(code).toBe(0);
  });
});

describe('boussole ingest', () => {
  async function tableDigest() {
    const { stdout } = await run('plans', '--json');
    return stdout();
  }

  it('reports each plan and is idempotent', async () => {
    const first = await run('ingest');
    expect(first.code).toBe(0);
    expect(first.stdout().split('\n')).toHaveLength(5);
    expect(first.stdout()).toMatch(
      /cf-psa-2023 — .*3 axes · 9 objectifs · 33 actions · 30 indicateurs \(à jour\)/u,
    );
  });

  it.each([
    ['an empty file', '', /fichier vide/u],
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]), /binaire/u],
    ['a file that is not UTF-8', Buffer.from([0xff, 0xfe, 0x41, 0xe9, 0x41]), /UTF-8/u],
  ])(
    'refuses %s with a clear message and leaves the database untouched',
    async (_label, content, message) => {
      const before = await tableDigest();
      const file = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.txt`);
      writeFileSync(file, content);
      const result = await run('ingest', file);
      expect(result.code).toBe(1);
      expect(result.stderr()).toMatch(message);
      expect(result.stderr()).toContain("La base n'a pas été modifiée");
      expect(await tableDigest()).toBe(before);
    },
  );

  it('asks for the metadata file of a new plan', async () => {
    const file = path.join(dir, 'nouveau-plan.txt');
    writeFileSync(file, 'AXE 1\nUn axe\n');
    const result = await run('ingest', file);
    expect(result.code).toBe(1);
    expect(result.stderr()).toMatch(/métadonnées manquantes.*nouveau-plan\.json/u);
  });
});

describe('command logs', () => {
  function sink() {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, stream };
  }

  it('writes what reaches the level as JSON, with secrets masked, and drops the rest', () => {
    const { lines, stream } = sink();
    const log = createCommandLogger('warn', stream);
    log.info('seeding');
    log.debug({ detail: 1 }, 'detail');
    expect(lines).toEqual([]);
    log.warn({ config: { llm: { apiKey: 'sk-secret' } } }, 'llm request failed');
    log.child({ command: 'ask' }).error('ask failed');
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 40, app: 'boussole', config: { llm: { apiKey: '[secret]' } }, msg: 'llm request failed' },
      { level: 50, app: 'boussole', command: 'ask', msg: 'ask failed' },
    ]);
  });

  it('stays silent at level silent', () => {
    const { lines, stream } = sink();
    const log = createCommandLogger('silent', stream);
    log.fatal('never');
    log.error('never');
    expect(lines).toEqual([]);
  });
});
