import { readFileSync } from 'node:fs';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/app/cli.ts';
import { captureIO, tempDir } from '../../helpers/plans.ts';

// The "done when", through the same CLI the evaluation uses, on a real SQLite file.
let dir: string;
let cleanup: () => void;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  env = { BOUSSOLE_DB: path.join(dir, 'm.db'), BOUSSOLE_ADMINS: 'console:root' };
});
afterAll(() => cleanup());

async function run(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, capture.io, env);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

interface SayJson {
  status: string;
  text: string;
  buttons: { id: string; label: string }[];
  citations?: { id: string }[];
}

async function say(user: string, ...rest: string[]): Promise<SayJson> {
  const { code, stdout, stderr } = await run('say', '--as', user, '--json', ...rest);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as SayJson;
}

async function measurements(indicator?: string) {
  const { stdout } = await run('measurements', '--json', ...(indicator ? ['--indicator', indicator] : []));
  return JSON.parse(stdout) as {
    id: string;
    indicator: string;
    scope: string;
    period: string;
    value: number | string;
    unit: string;
    status: string;
    author: string;
    recorded_at: string;
    supersedes: string | null;
  }[];
}

const confirmOf = (reply: SayJson) => reply.buttons.find((b) => b.id.startsWith('confirm'))?.id as string;
const FAITS_NUMERIQUES = 'cf-casf-2025:i0ab56d1';

describe('recording a measurement by message', () => {
  it('lets an admin give alice the contributor role for Cantal and carol for Allier', async () => {
    expect((await run('grant', 'alice', 'contributeur', 'cantal')).code).toBe(0);
    const byChat = await say('root', 'donner contributeur allier à carol');
    expect(byChat.status).toBe('saved');
    expect(byChat.text).toContain('console:carol');
  });

  it('shows a cited preview for a free-text value and saves nothing before the confirmation', async () => {
    const reply = await say('alice', "Cantal 2025-2026 : 62,5 % d'élèves groupe 3 faits numériques");
    expect(reply.status).toBe('preview');
    expect(reply.text).toContain('62,5 %');
    expect(reply.text).toContain('Cantal');
    expect(reply.citations?.[0]?.id).toBe(FAITS_NUMERIQUES);
    expect(confirmOf(reply)).toMatch(/^confirm/);
    expect(await measurements()).toEqual([]);
  });

  it('stores exactly one record with its author on confirm, and a second confirm stores nothing', async () => {
    const preview = await say('alice', "Cantal 2025-2026 : 62,5 % d'élèves groupe 3 faits numériques");
    const first = await say('alice', '--click', confirmOf(preview));
    expect(first.status).toBe('saved');
    const again = await say('alice', '--click', confirmOf(preview));
    expect(again.status).toBe('saved');
    expect(again.text).toMatch(/déjà enregistrée/u);
    const rows = await measurements(FAITS_NUMERIQUES);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      indicator: FAITS_NUMERIQUES,
      scope: 'cantal',
      period: '2025-2026',
      value: 62.5,
      unit: 'percent',
      status: 'proposed',
      author: 'console:alice',
      supersedes: null,
    });
  });

  it('records a correction as a new version that supersedes the first, which is kept', async () => {
    const preview = await say('alice', 'saisir faits numériques cantal 2025/26 64 %');
    expect(preview.status).toBe('preview');
    expect(preview.text).toMatch(/Remplace : 62,5 %/u);
    await say('alice', '--click', confirmOf(preview));
    const rows = await measurements(FAITS_NUMERIQUES);
    expect(rows.map((r) => r.value)).toEqual([62.5, 64]);
    expect(rows[1]?.supersedes).toBe(rows[0]?.id);
  });

  it('refuses 140 % as invalid, keeps the draft, and accepts the corrected value alone', async () => {
    const invalid = await say('alice', "Cantal 2024-2025 : 140 % d'élèves groupe 3 faits numériques");
    expect(invalid.status).toBe('invalid');
    expect(invalid.text).toMatch(/entre 0 et 100/u);
    expect(invalid.text).toMatch(/conservée/u);
    const fixed = await say('alice', 'valeur 40 %');
    expect(fixed.status).toBe('preview');
    expect(fixed.text).toContain('2024-2025');
    expect(fixed.text).toContain('40 %');
  });

  it('asks for a missing period and completes the draft with the answer', async () => {
    const asked = await say('alice', "Cantal : 61 % d'élèves groupe 3 faits numériques");
    expect(asked.status).toBe('needs_input');
    expect(asked.text).toMatch(/quelle période/iu);
    const completed = await say('alice', '2023-2024');
    expect(completed.status).toBe('preview');
    expect(completed.text).toContain('2023-2024');
  });

  it('refuses a user without rights, and an Allier contributor writing for Cantal, at preview and at confirm', async () => {
    const stranger = await say('dave', "Cantal 2025-2026 : 50 % d'élèves groupe 3 faits numériques");
    expect(stranger.status).toBe('refused');
    const carol = await say('carol', "Cantal 2025-2026 : 50 % d'élèves groupe 3 faits numériques");
    expect(carol.status).toBe('refused');
    expect(carol.text).toMatch(/Cantal/u);
    // alice's preview cannot be confirmed by carol either.
    const preview = await say('alice', "Cantal 2025-2026 : 63 % d'élèves groupe 3 faits numériques");
    const stolen = await say('carol', '--click', confirmOf(preview));
    expect(stolen.status).toBe('refused');
    // Rights are checked again at confirm: revoked between preview and confirm, nothing is saved.
    await run('revoke', 'alice', 'contributeur', 'cantal');
    const late = await say('alice', '--click', confirmOf(preview));
    expect(late.status).toBe('refused');
    await run('grant', 'alice', 'contributeur', 'cantal');
    expect((await measurements(FAITS_NUMERIQUES)).map((r) => r.value)).toEqual([62.5, 64]);
  });

  it('offers three suggestions for an unknown indicator', async () => {
    const reply = await say('alice', 'Cantal 2025-2026 : 12 zorglubs');
    expect(reply.status).toBe('invalid');
    expect(reply.text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(3);
  });

  it('answers in English and records a count for Allier', async () => {
    const en = await say('carol', 'record 14 constellations for Allier 2025-2026');
    expect(en.status).toBe('preview');
    expect(en.text).toMatch(/Preview/u);
    expect((await say('carol', '--click', confirmOf(en))).status).toBe('saved');
  });

  it('cancels a draft without saving anything', async () => {
    const preview = await say('carol', 'Allier, 2026 : 15 constellations');
    const cancel = preview.buttons.find((b) => b.id.startsWith('cancel')) as { id: string };
    expect((await say('carol', '--click', cancel.id)).status).toBe('cancelled');
    expect((await say('carol', '--click', confirmOf(preview))).status).toBe('invalid');
  });
});

describe('views and files', () => {
  it('draws the trend chart as a real PNG', async () => {
    await run('target', FAITS_NUMERIQUES, 'cantal', '2025-2026', '65');
    const file = path.join(dir, 'chart.png');
    const { code } = await run('chart', FAITS_NUMERIQUES, '--out', file);
    expect(code).toBe(0);
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBeGreaterThan(600);
  });

  it('shows the indicator card with the latest value against its target', async () => {
    const card = await say('dave', 'fiche faits numériques');
    expect(card.status).toBe('answered');
    expect(card.text).toMatch(/Cantal — 2025-2026 : \*\*64 %\*\*/u);
    expect(card.text).toMatch(/cible 65 %/u);
    expect(card.text).toMatch(/dans les temps/u);
  });

  it('exports the tracking table to CSV and XLSX with the values', async () => {
    const csv = path.join(dir, 'suivi.csv');
    expect((await run('export', '--format', 'csv', '--out', csv)).code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text).toContain(FAITS_NUMERIQUES);
    expect(text).toContain('64');
    const xlsx = path.join(dir, 'suivi.xlsx');
    expect((await run('export', '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    const [sheet] = await readXlsxFile(xlsx);
    const flat = (sheet?.data ?? []).flat();
    expect(flat).toContain(FAITS_NUMERIQUES);
    expect(flat).toContain(64);
  });

  it('imports nothing when a row is invalid, reports every bad row, and imports valid rows with --partial', async () => {
    const file = path.join(dir, 'import.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      file,
      [
        'indicateur_id;perimetre;periode;valeur',
        `${FAITS_NUMERIQUES};Allier;2024-2025;55,5`,
        `${FAITS_NUMERIQUES};Allier;2024-2025;155`,
        'i0000000;Allier;2024-2025;3',
      ].join('\r\n'),
    );
    const before = (await measurements()).length;
    const strict = await run('import', file);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/ligne 3 /u);
    expect(strict.stderr).toMatch(/ligne 4 /u);
    expect((await measurements()).length).toBe(before);
    const partial = await run('import', file, '--partial');
    expect(partial.stdout).toMatch(/1 valeur/u);
    expect((await measurements()).length).toBe(before + 1);
  });
});

describe('entry without indicator words', () => {
  it('asks which indicator, then takes a few words as the answer and shows the preview', async () => {
    const asked = await say('alice', 'Cantal 2022-2023 : 51 %');
    expect(asked.status).toBe('needs_input');
    expect(asked.text).toMatch(/quel indicateur/iu);
    const preview = await say('alice', 'faits numériques');
    expect(preview.status).toBe('preview');
    expect(preview.citations?.[0]?.id).toBe(FAITS_NUMERIQUES);
  });
});

describe('validation', () => {
  it('lists proposed values to a validator of the scope, who validates one with its button', async () => {
    await run('grant', 'victor', 'validateur', 'cantal');
    const list = await say('victor', 'à valider');
    expect(list.text).toMatch(/Valeurs à valider/u);
    const validate = list.buttons.find((b) => b.id.startsWith('review:validated:')) as { id: string };
    const id = validate.id.split(':')[2] as string;
    expect((await say('victor', '--click', validate.id)).status).toBe('saved');
    expect((await measurements()).find((m) => m.id === id)?.status).toBe('validated');
    // Nothing to review for a reader; a contributor cannot review, by button or by command.
    expect((await say('dave', 'à valider')).text).toMatch(/Aucune valeur/u);
    const reject = list.buttons.find((b) => b.id.startsWith('review:rejected:')) as { id: string };
    expect((await say('alice', '--click', reject.id)).status).toBe('refused');
    expect((await say('alice', `rejeter ${id}`)).status).toBe('refused');
    expect((await measurements()).find((m) => m.id === id)?.status).toBe('validated');
  });
});

describe('comment and source', () => {
  it('keeps a "source :" remark as the source of the value and any other remark as a comment', async () => {
    const preview = await say(
      'alice',
      'saisir faits numériques cantal 2021-2022 58 % source : évaluations repères',
    );
    expect(preview.text).toMatch(/Source : évaluations repères/u);
    await say('alice', '--click', confirmOf(preview));
    const rows = (await measurements(FAITS_NUMERIQUES)) as unknown as {
      period: string;
      source: string | null;
    }[];
    expect(rows.find((r) => r.period === '2021-2022')?.source).toBe('évaluations repères');
  });
});
