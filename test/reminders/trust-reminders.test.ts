import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/app/cli.ts';
import { captureIO, DATA_DIR, tempDir } from '../helpers/plans.ts';

// Issue 14, items 5 and 7: a daily deadline flooded its owner; `remind --now` looked like a
// simulation but used up the real reminders; the shipped "default deadlines" could not be loaded.
let dir: string;
let cleanup: () => void;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('boussole-trust-reminders-'));
  env = { BOUSSOLE_DB: path.join(dir, 'r.db'), BOUSSOLE_TIMEZONE: 'Europe/Paris' };
});
afterAll(() => cleanup());

async function run(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, capture.io, env);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

interface Sent {
  recipient: string;
  kind: string;
  due: string;
  text: string;
}

function outboxSize(): number {
  const db = new Database(env.BOUSSOLE_DB as string, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM console_outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('a daily cron deadline', () => {
  it('sends its owner one message per sweep, summarising the other dates, instead of 46', async () => {
    const added = await run(
      'deadline',
      'add',
      'i0ab56d1',
      '--cron',
      '0 9 * * *',
      '--scope',
      'cantal',
      '--owner',
      'console:dan',
    );
    expect(added.code, added.stderr).toBe(0);

    // Simulated first: what would go out, and nothing recorded.
    const dry = await run('remind', '--now', '2026-12-05T10:00:00+01:00', '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    const simulated = JSON.parse(dry.stdout) as { dry_run: boolean; would_send: Sent[] };
    expect(simulated.dry_run).toBe(true);
    expect(simulated.would_send).toHaveLength(1);
    expect(dry.stderr).toMatch(/rien n’a été envoyé ni enregistré/u);
    expect(outboxSize()).toBe(0);

    const real = await run('remind', '--now', '2026-12-05T10:00:00+01:00', '--json');
    const sent = (JSON.parse(real.stdout) as { sent: Sent[] }).sent;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ recipient: 'console:dan', due: '2026-12-05' });
    expect(sent[0]?.text).toMatch(
      /Autres dates de cette échéance sans valeur : 31 en retard \(depuis le 4 novembre 2026\), 14 à venir \(jusqu’au 19 décembre 2026\)/u,
    );
    expect(outboxSize()).toBe(1);

    // The same sweep again sends nothing; the next day, one message at most.
    expect(
      (
        JSON.parse((await run('remind', '--now', '2026-12-05T10:05:00+01:00', '--json')).stdout) as {
          sent: Sent[];
        }
      ).sent,
    ).toEqual([]);
    const nextDay = (
      JSON.parse((await run('remind', '--now', '2026-12-06T10:00:00+01:00', '--json')).stdout) as {
        sent: Sent[];
      }
    ).sent;
    expect(nextDay.length).toBeLessThanOrEqual(1);
  });
});

describe('remind --now in the future', () => {
  it('says that it really sends and records, and how to simulate instead', async () => {
    const future = await run('remind', '--now', '2099-12-05T10:00:00+01:00');
    expect(future.stdout).toMatch(/→ console:dan/u);
    expect(future.stderr).toMatch(/datés du futur sont envoyés et enregistrés.*--dry-run/su);
  });
});

describe('the shipped default rules', () => {
  it('are refused by deadline import with the reason and the way to use them', async () => {
    const imported = await run('deadline', 'import', path.join(DATA_DIR, 'deadlines.json'));
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/règles de date par défaut de chaque plan.*pas des échéances/u);
    expect(imported.stderr).toMatch(/boussole deadline add INDICATEUR --scope P --owner U/u);
  });

  it('give the date of a CASF deadline added without one', async () => {
    const added = await run('deadline', 'add', 'i646b5a1', '--scope', 'allier', '--owner', 'carol', '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      rule_text: 'chaque année le 30 juin',
      leads: [14, 7, 1],
    });
  });
});
