import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/app/cli.ts';
import { captureIO, tempDir } from '../../helpers/plans.ts';
import { boussoleChild, until } from '../../helpers/processes.ts';

// Issue 14, item 8: import without rights checks, unaudited refusals, raw errors on a bad database.
let dir: string;
let cleanup: () => void;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('boussole-small-'));
  env = { BOUSSOLE_DB: path.join(dir, 's.db'), BOUSSOLE_ADMINS: 'console:root' };
});
afterAll(() => cleanup());

async function run(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, capture.io, env);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

async function say(user: string, ...rest: string[]) {
  const { stdout } = await run('say', '--as', user, '--json', ...rest);
  return JSON.parse(stdout) as { status: string; text: string; buttons: { id: string }[] };
}

function audit(action: string): { actor: string; outcome: string; target: string; detail: string }[] {
  const db = new Database(env.BOUSSOLE_DB as string, { readonly: true });
  try {
    return db
      .prepare('SELECT actor, outcome, target, detail FROM audit_log WHERE action = ? ORDER BY seq')
      .all(action) as never;
  } finally {
    db.close();
  }
}

const FAITS = 'cf-casf-2025:i0ab56d1';

describe('boussole import --as', () => {
  it('checks the rights of the person named: refused without a role, proposed for a contributor', async () => {
    const file = path.join(dir, 'as.csv');
    writeFileSync(file, `indicateur_id;perimetre;periode;valeur\r\n${FAITS};cantal;2023-2024;57`);
    const refused = await run('import', file, '--as', 'mallory');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /console:mallory n’a pas le droit de saisir pour Cantal .*boussole grant/u,
    );

    await run('grant', 'alice', 'contributeur', 'cantal');
    const accepted = await run('import', file, '--as', 'alice');
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/1 valeur\(s\) importée\(s\) \(dont 1 à valider\)/u);
    const rows = JSON.parse((await run('measurements', '--json')).stdout) as {
      author: string;
      status: string;
    }[];
    expect(rows.at(-1)).toMatchObject({ author: 'console:alice', status: 'proposed' });
    expect((await say('root', 'à valider')).text).toMatch(/Valeurs à valider \(1\)/u);
  });

  it('without --as records the server operator, validated, as the README says', async () => {
    const file = path.join(dir, 'operator.csv');
    writeFileSync(file, `indicateur_id;perimetre;periode;valeur\r\n${FAITS};allier;2023-2024;44`);
    expect((await run('import', file)).code).toBe(0);
    const rows = JSON.parse((await run('measurements', '--json')).stdout) as {
      author: string;
      status: string;
    }[];
    expect(rows.at(-1)?.author).toMatch(/^cli:/u);
    expect(rows.at(-1)?.status).toBe('validated');
  });
});

describe('someone else’s entry', () => {
  it('refuses to confirm or cancel it, and writes each refusal to the audit log', async () => {
    const preview = await say('alice', "Cantal 2024-2025 : 61 % d'élèves groupe 3 faits numériques");
    const confirm = preview.buttons.find((b) => b.id.startsWith('confirm'))?.id as string;
    const cancel = preview.buttons.find((b) => b.id.startsWith('cancel'))?.id as string;
    const byBob = await say('bob', '--click', confirm);
    expect(byBob.status).toBe('refused');
    expect(byBob.text).toMatch(/vous ne pouvez pas la confirmer/u);
    expect((await say('bob', '--click', cancel)).status).toBe('refused');
    const draft = confirm.split(':')[1];
    expect(audit('confirm_draft')).toEqual([
      { actor: 'console:bob', outcome: 'refused', target: draft, detail: 'saisie de console:alice' },
    ]);
    expect(audit('cancel_draft')).toHaveLength(1);
  });
});

describe('a database that cannot be opened', () => {
  it('stops npm start with the file and what to do, not a stack trace', async () => {
    const corrupt = path.join(dir, 'corrupt.db');
    writeFileSync(corrupt, 'ceci n’est pas une base SQLite '.repeat(200));
    const app = boussoleChild(['start'], { BOUSSOLE_DB: corrupt });
    await until(() => app.proc.exitCode !== null, 60_000, 'npm start to stop');
    expect(app.proc.exitCode).toBe(1);
    const stderr = app.errors.join('\n');
    expect(stderr).toContain(`La base ${corrupt} est illisible ou endommagée`);
    expect(stderr).toMatch(/restaurez la dernière sauvegarde/u);
    expect(stderr).not.toMatch(/^\s+at /mu);
  }, 90_000);

  it('names the file in the CLI when it cannot be opened', async () => {
    const folder = path.join(dir, 'a-directory.db');
    mkdirSync(folder);
    const capture = captureIO();
    const code = await runCli(['plans'], capture.io, { BOUSSOLE_DB: folder });
    expect(code).toBe(1);
    expect(capture.stderr()).toContain(`Impossible d’ouvrir la base ${folder}`);
    expect(capture.stderr()).toMatch(/BOUSSOLE_DB/u);
  });
});
