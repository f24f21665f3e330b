import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../src/app/app-router.ts';
import { runCli } from '../../../src/app/cli.ts';
import { openContext } from '../../../src/app/context.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { createLogger } from '../../../src/platform/log.ts';
import { parseCsv } from '../../../src/render/csv.ts';
import { captureIO, tempDir } from '../../helpers/plans.ts';

// Issue 14, item 1: the export, the validators' queue and the home view kept one value per scope and
// period, whatever the indicator, so values of other indicators silently disappeared.
let dir: string;
let cleanup: () => void;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('boussole-tracking-'));
  env = { BOUSSOLE_DB: path.join(dir, 't.db'), BOUSSOLE_ADMINS: 'console:root' };
});
afterAll(() => cleanup());

async function run(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, capture.io, env);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

async function say(user: string, ...rest: string[]) {
  const { code, stdout, stderr } = await run('say', '--as', user, '--json', ...rest);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as { status: string; text: string; buttons: { id: string }[] };
}

const INDICATORS = ['cf-casf-2025:i0ab56d1', 'cf-casf-2025:i6aef956', 'cf-casf-2025:i646b5a1'];
const SCOPES = ['cantal', 'allier', 'haute-loire'];
const PERIODS = ['2022-2023', '2023-2024', '2024-2025'];

describe('the tracking export', () => {
  it('has one row per indicator, scope and period after importing N indicators × scopes × periods', async () => {
    const lines = ['indicateur_id;perimetre;periode;valeur'];
    let n = 0;
    for (const indicator of INDICATORS)
      for (const scope of SCOPES)
        for (const period of PERIODS) lines.push(`${indicator};${scope};${period};${++n},5`);
    const file = path.join(dir, 'grid.csv');
    writeFileSync(file, lines.join('\r\n'));
    const imported = await run('import', file);
    expect(imported.code, imported.stderr).toBe(0);

    const out = path.join(dir, 'suivi.csv');
    expect((await run('export', '--format', 'csv', '--out', out)).code).toBe(0);
    const table = parseCsv(readFileSync(out, 'utf8'));
    const col = (name: string) => table.header.indexOf(name);
    const keys = table.rows.map((r) =>
      [col('indicateur_id'), col('perimetre'), col('periode')].map((i) => r.cells[i]).join('|'),
    );
    expect(keys).toHaveLength(INDICATORS.length * SCOPES.length * PERIODS.length);
    expect(new Set(keys).size).toBe(keys.length);
    // Each row carries its own value, not another indicator's.
    const cantal2023 = table.rows.find(
      (r) =>
        r.cells[col('indicateur_id')] === INDICATORS[1] &&
        r.cells[col('perimetre')] === 'cantal' &&
        r.cells[col('periode')] === '2022-2023',
    );
    expect(cantal2023?.cells[col('valeur')]).toBe('10,5');
  });
});

describe('the validators’ queue', () => {
  it('keeps a proposal until it is reviewed, whatever is recorded for other indicators or later', async () => {
    await run('grant', 'paula', 'contributeur', 'puy-de-dome');
    await run('grant', 'victor', 'validateur', 'puy-de-dome');
    const preview = await say('paula', "Puy-de-Dôme 2024-2025 : 41 % d'élèves groupe 3 faits numériques");
    const confirm = preview.buttons.find((b) => b.id.startsWith('confirm'))?.id as string;
    expect((await say('paula', '--click', confirm)).status).toBe('saved');
    const proposed = /`(m[0-9a-f]{12})`/u.exec((await say('victor', 'à valider')).text)?.[1] as string;
    expect(proposed).toBeDefined();

    // Another indicator gets a value for the same scope and period…
    const other = path.join(dir, 'other.csv');
    writeFileSync(
      other,
      `indicateur_id;perimetre;periode;valeur\r\n${INDICATORS[1]};puy-de-dome;2024-2025;50`,
    );
    expect((await run('import', other)).code).toBe(0);
    expect((await say('victor', 'à valider')).text).toContain(proposed);

    // …and the contributor sends a correction: both versions wait for the validator.
    const again = await say('paula', "Puy-de-Dôme 2024-2025 : 43 % d'élèves groupe 3 faits numériques");
    await say('paula', '--click', again.buttons.find((b) => b.id.startsWith('confirm'))?.id as string);
    const queue = await say('victor', 'à valider');
    expect(queue.text).toContain(proposed);
    expect(queue.text).toMatch(/remplacée par/u);
    expect(queue.text).toMatch(/Valeurs à valider \(2\)/u);

    // Reviewed values leave the queue.
    expect((await say('victor', `rejeter ${proposed}`)).status).toBe('saved');
    const after = await say('victor', 'à valider');
    expect(after.text).not.toContain(proposed);
    expect(after.text).toMatch(/Valeurs à valider \(1\)/u);

    // The home view counts the same queue.
    const ctx = openContext(loadConfig(env), createLogger('silent'));
    try {
      const home = await createAppRouter(ctx).homeView({ platform: 'console', userId: 'victor' });
      expect(home.text).toMatch(/1 valeur\(s\) à valider/u);
    } finally {
      ctx.close();
    }
  });
});
