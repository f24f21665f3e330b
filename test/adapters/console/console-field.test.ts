import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../src/adapters/console/chat.ts';
import { createAppRouter } from '../../../src/app/app-router.ts';
import { runCli } from '../../../src/app/cli.ts';
import { openContext } from '../../../src/app/context.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { createLogger } from '../../../src/platform/log.ts';
import { ROOT_DIR } from '../../../src/platform/paths.ts';
import { captureIO, tempDir } from '../../helpers/plans.ts';

// Issue 15, console and CLI: a first-time user's ten minutes, through `say`, the CLI and a
// readline chat on streams (no tmux), on a real SQLite file.
let dir: string;
let cleanup: () => void;
let env: NodeJS.ProcessEnv;
const FAITS_NUMERIQUES = 'i0ab56d1';

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  env = { BOUSSOLE_DB: path.join(dir, 'c.db'), BOUSSOLE_ADMINS: 'console:root', INIT_CWD: dir };
  expect((await run('grant', 'alice', 'contributeur', 'cantal')).code).toBe(0);
});
afterAll(() => cleanup());

async function run(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, capture.io, env);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

/** A console chat on streams; returns everything it wrote once `lines` were typed. */
async function chat(lines: string[], options: { terminal?: boolean; historyFile?: string } = {}) {
  const ctx = openContext(loadConfig(env), createLogger('silent'));
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk) => {
    written += chunk.toString();
  });
  const filesDir = path.join(dir, 'fichiers');
  const done = runConsoleChat({
    router: createAppRouter(ctx),
    input,
    output,
    user: 'alice',
    filesDir,
    ...options,
  });
  // A terminal sends Enter as a carriage return; a pipe as a line feed.
  const enter = options.terminal ? '\r' : '\n';
  for (const line of [...lines, 'quitter']) input.write(`${line}${enter}`);
  await done;
  ctx.close();
  return written;
}

describe('the console chat', () => {
  it('writes a chart to a file and prints its path instead of dropping it', async () => {
    const written = await chat([`graphique ${FAITS_NUMERIQUES}`]);
    const file = path.join(dir, 'fichiers', `${FAITS_NUMERIQUES}.png`);
    expect(written).toContain(`Graphique enregistré : ${file}`);
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });

  it('keeps each line once in its history file, in a real terminal (readline keeps the history)', async () => {
    const historyFile = path.join(dir, 'history-tty');
    await chat(['aide', 'plans'], { terminal: true, historyFile });
    expect(readFileSync(historyFile, 'utf8').split('\n').filter(Boolean)).toEqual(['plans', 'aide']);
    await chat(['aide'], { terminal: false, historyFile });
    expect(readFileSync(historyFile, 'utf8').split('\n').filter(Boolean)).toEqual(['aide', 'plans', 'aide']);
  });

  it('shows the Modifier form with its fields and takes them back as typed, by their labels', async () => {
    const shown = await run(
      'say',
      '--as',
      'alice',
      '--json',
      "Cantal 2024-2025 : 140 % d'élèves groupe 3 faits numériques",
    );
    const edit = (JSON.parse(shown.stdout).buttons as { id: string }[]).find((b) => b.id.startsWith('edit:'));
    const form = await run('say', '--as', 'alice', '--click', edit?.id as string);
    expect(form.stdout).toContain('Valeur : 140 %');
    expect(form.stdout).toContain('Période : 2024-2025');
    const send = /\/clic (update:d[0-9a-f]{12}) /u.exec(form.stdout);
    expect(form.stdout).toMatch(
      /Pour envoyer, modifiez et tapez : \/clic update:d[0-9a-f]{12} valeur="140 %" période=2024-2025/u,
    );
    const written = await chat([`/clic ${send?.[1]} valeur=64 période=2024-2025`, 'confirmer']);
    expect(written).toContain('Aperçu de la valeur');
    expect(written).toContain('64 %');
    // A terminal prints Markdown as typed: the reference comes without its backticks.
    expect(written).toMatch(/Référence : m[0-9a-f]{12}\./u);
  });

  it('takes a value written in words as a measurement and asks for it in digits', async () => {
    const reply = await run(
      'say',
      '--as',
      'alice',
      '--json',
      "soixante-deux pour cent d'élèves groupe 3 faits numériques dans le Cantal",
    );
    const json = JSON.parse(reply.stdout);
    expect(json.status).toBe('invalid');
    expect(json.text).toMatch(/« soixante-deux pour cent ».*écrivez-la en chiffres/u);
    const next = JSON.parse((await run('say', '--as', 'alice', '--json', 'valeur 62 %')).stdout);
    expect(next.text).toMatch(/Pour quelle période/u);
  });
});

describe('short ids', () => {
  it('are accepted by show and montre, as printed by fiche', async () => {
    const shown = await run('show', FAITS_NUMERIQUES);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('faits numériques');
    const montre = JSON.parse(
      (await run('say', '--as', 'bob', '--json', `montre ${FAITS_NUMERIQUES}`)).stdout,
    );
    expect(montre.status).toBe('answered');
    expect(montre.citations[0].id).toBe(`cf-casf-2025:${FAITS_NUMERIQUES}`);
  });

  it('list the choices when two plans share one', async () => {
    const { PlanLibrary, memoryShelf } = await import('../../../src/core/plans/library.ts');
    const { createRouter } = await import('../../../src/core/router/router.ts');
    const ctx = openContext(loadConfig(env), createLogger('silent'));
    try {
      const shipped = ctx.library();
      const nodes = shipped.plans.flatMap((plan) => [shipped.node(plan.id), ...shipped.descendants(plan.id)]);
      const twin = shipped.node(`cf-casf-2025:${FAITS_NUMERIQUES}`);
      const copy = { ...twin, id: `ot-pa-2024:${FAITS_NUMERIQUES}`, planId: 'ot-pa-2024' } as NonNullable<
        typeof twin
      >;
      const library = new PlanLibrary(
        memoryShelf(shipped.plans, [...nodes.filter((node) => node !== undefined), copy], []),
        shipped.scopes,
      );
      const router = createRouter({ library: () => library, answerer: () => ctx.answerer() });
      const reply = await router.handleMessage({
        actor: { platform: 'console', userId: 'bob' },
        conversation: { platform: 'console', conversationId: 'console:bob' },
        text: `montre ${FAITS_NUMERIQUES}`,
      });
      expect(reply.text).toContain(`Plusieurs éléments ont l’identifiant court « ${FAITS_NUMERIQUES} »`);
      expect(reply.text).toContain(`cf-casf-2025:${FAITS_NUMERIQUES}`);
      expect(reply.text).toContain(`ot-pa-2024:${FAITS_NUMERIQUES}`);
    } finally {
      ctx.close();
    }
  });
});

describe('French everywhere, plain text in a terminal', () => {
  it('names roles in French, prints targets with unit and decimal comma, and remind without Markdown', async () => {
    expect((await run('grant', 'vera', 'validateur', 'cantal')).code).toBe(0);
    const rights = JSON.parse((await run('say', '--as', 'vera', '--json', 'droits')).stdout);
    expect(rights.text).toContain('• validateur — Cantal');
    const target = await run('target', FAITS_NUMERIQUES, 'cantal', '2026-2027', '70,5');
    expect(target.stdout).toMatch(/: 70,5 %$/u);
    await run(
      'deadline',
      'add',
      FAITS_NUMERIQUES,
      '--date',
      '2026-06-30',
      '--scope',
      'cantal',
      '--owner',
      'alice',
    );
    const remind = await run('remind', '--now', '2026-07-02T09:00:00+02:00');
    expect(remind.stdout).toContain('En retard');
    expect(remind.stdout).not.toContain('**');
  });

  it('explains a wrong option or variable in French', async () => {
    const option = await run('export', '--bogus');
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^Option inconnue « --bogus »\./u);
    const missing = await run('chart', FAITS_NUMERIQUES, '--out');
    expect(missing.stderr).toMatch(/^L’option --out attend une valeur/u);
    const capture = captureIO();
    expect(await runCli(['plans'], capture.io, { ...env, SLACK_PORT: 'abc' })).toBe(1);
    expect(capture.stderr()).toContain('SLACK_PORT : un nombre entier est attendu');
    expect(capture.stderr()).not.toMatch(/expected|received|NaN/u);
  });
});

describe('files given on the command line', () => {
  it('are read and written from the directory the command was typed in (INIT_CWD under npm)', async () => {
    const out = await run('export', '--format', 'csv', '--out', 'suivi.csv');
    expect(out.code).toBe(0);
    expect(existsSync(path.join(dir, 'suivi.csv'))).toBe(true);
    mkdirSync(path.join(dir, 'q'), { recursive: true });
    writeFileSync(path.join(dir, 'q', 'batch.txt'), 'Quelles actions pour le télétravail ?\n\n');
    const batch = await run('ask', '--batch', 'q/batch.txt');
    expect(batch.code).toBe(0);
    // Without --json the answers are text, and the blank line is not a question.
    expect(batch.stdout).toMatch(/^» Quelles actions pour le télétravail \?\n/u);
    expect(batch.stdout).not.toContain('{"question"');
    expect(batch.stdout.match(/^» /gmu)).toHaveLength(1);
  });

  it('creates a missing folder, and replaces an existing file only with --force, like backup', async () => {
    const chart = await run('chart', FAITS_NUMERIQUES, '--out', 'graphiques/neuf/fn.png');
    expect(chart.code).toBe(0);
    expect(existsSync(path.join(dir, 'graphiques', 'neuf', 'fn.png'))).toBe(true);
    const again = await run('chart', FAITS_NUMERIQUES, '--out', 'graphiques/neuf/fn.png');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('existe déjà');
    expect((await run('chart', FAITS_NUMERIQUES, '--out', 'graphiques/neuf/fn.png', '--force')).code).toBe(0);
    const exported = await run('export', '--format', 'csv', '--out', 'suivi.csv');
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain('--force');
  });

  it('says which format is unknown, prints its version, and documents the partial import code', async () => {
    const pdf = await run('export', '--format', 'pdf', '--out', 'x.pdf');
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toMatch(/^Format inconnu « pdf » : csv ou xlsx\./u);
    const version = await run('--version');
    expect(version.stdout).toMatch(/^boussole \d+\.\d+\.\d+$/u);
    const help = await run('--help');
    expect(help.stdout).toContain('code de sortie 3');
    const readme = readFileSync(path.join(ROOT_DIR, 'README.md'), 'utf8');
    expect(readme).toContain('3 import partiel (`import --partial` a ignoré des lignes)');
  });
});
