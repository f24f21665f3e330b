import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/app/cli.ts';
import { captureIO, tempDir } from '../../helpers/plans.ts';

// The "done when", through the CLI the evaluation uses: fixed instants, a real database.
let dir: string;
let cleanup: () => void;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
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
  indicator: string;
  scope: string;
  period: string;
  due: string;
  text: string;
}

async function remind(now: string): Promise<Sent[]> {
  const { code, stdout, stderr } = await run('remind', '--now', now, '--json');
  expect(code, stderr).toBe(0);
  return (JSON.parse(stdout) as { sent: Sent[] }).sent;
}

async function say(user: string, ...rest: string[]) {
  const { stdout } = await run('say', '--as', user, '--json', ...rest);
  return JSON.parse(stdout) as { status: string; text: string; buttons: { id: string }[] };
}

const INDICATOR = 'cf-casf-2025:i0ab56d1';

describe('reminders before a reporting deadline', () => {
  it('adds deadlines by CLI and lists them as JSON with their next due date', async () => {
    expect((await run('grant', 'alice', 'contributeur', 'cantal')).code).toBe(0);
    const a = await run(
      'deadline',
      'add',
      INDICATOR,
      '--yearly',
      '06-30',
      '--scope',
      'cantal',
      '--owner',
      'alice',
      '--lead',
      '7,1',
    );
    expect(a.code, a.stderr).toBe(0);
    const c = await run(
      'deadline',
      'add',
      'i0ab56d1',
      '--yearly',
      '06-30',
      '--scope',
      'Allier',
      '--owner',
      'carol',
      '--lead',
      '1',
    );
    expect(c.code, c.stderr).toBe(0);
    const list = JSON.parse((await run('deadlines', '--json')).stdout);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({
      indicator: INDICATOR,
      scope: 'cantal',
      owners: ['console:alice'],
      leads: [7, 1],
    });
    expect(list[1]).toMatchObject({ scope: 'allier', owners: ['console:carol'], leads: [1] });
  });

  it('refuses a deadline with an impossible date or no owner, with the fix in the message', async () => {
    const bad = await run(
      'deadline',
      'add',
      INDICATOR,
      '--yearly',
      '02-30',
      '--scope',
      'cantal',
      '--owner',
      'alice',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/30 février/u);
    const noOwner = await run('deadline', 'add', INDICATOR, '--yearly', '06-30', '--scope', 'cantal');
    expect(noOwner.stderr).toMatch(/--owner/u);
  });

  it('sends nothing ten days before', async () => {
    expect(await remind('2027-06-20T09:00:00+02:00')).toEqual([]);
  });

  it('catches up the missed J-7 once after a downtime, and not again', async () => {
    const sent = await remind('2027-06-28T09:00:00+02:00');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipient: 'console:alice',
      kind: 'reminder',
      indicator: INDICATOR,
      scope: 'cantal',
      period: '2026-2027',
      due: '2027-06-30',
    });
    expect(sent[0]?.text).toMatch(/30 juin 2027/u);
    expect(sent[0]?.text).not.toMatch(/@channel|@here/u);
    expect(await remind('2027-06-28T09:05:00+02:00')).toEqual([]);
  });

  it('sends J-1 to both owners', async () => {
    const sent = await remind('2027-06-29T09:00:00+02:00');
    expect(sent.map((s) => s.recipient).sort()).toEqual(['console:alice', 'console:carol']);
    expect(sent.every((s) => s.kind === 'reminder')).toBe(true);
  });

  it('opens the entry flow from "Saisir maintenant" with indicator, scope and period filled in', async () => {
    const reply = await say('alice', '--click', 'enter:i0ab56d1:cantal:2026-2027');
    expect(reply.status).toBe('needs_input');
    const preview = await say('alice', '60 %');
    expect(preview.status).toBe('preview');
    expect(preview.text).toContain('2026-2027');
    const confirm = preview.buttons.find((b) => b.id.startsWith('confirm'))?.id as string;
    expect((await say('alice', '--click', confirm)).status).toBe('saved');
  });

  it('after alice recorded her value, J+1 nudges only carol, as overdue', async () => {
    const sent = await remind('2027-07-01T09:00:00+02:00');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipient: 'console:carol',
      kind: 'overdue',
      scope: 'allier',
      period: '2026-2027',
    });
  });
});

describe('managing deadlines', () => {
  it('imports a file all or nothing, changes and removes a deadline', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = path.join(dir, 'deadlines.json');
    const entry = {
      indicator: 'i7653901',
      scope: 'puy-de-dome',
      rule: { kind: 'yearly', month: 6, day: 15 },
      owners: ['dora'],
      leads: [7],
    };
    writeFileSync(file, JSON.stringify({ deadlines: [entry, { ...entry, owners: [] }] }));
    const refused = await run('deadline', 'import', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/entrée 2/u);
    const before = JSON.parse((await run('deadlines', '--json')).stdout).length;
    expect(before).toBe(2);
    writeFileSync(file, JSON.stringify({ deadlines: [entry] }));
    expect((await run('deadline', 'import', file)).code).toBe(0);
    const list = JSON.parse((await run('deadlines', '--json')).stdout);
    const added = list.find((d: { scope: string }) => d.scope === 'puy-de-dome');
    expect(added).toMatchObject({
      owners: ['console:dora'],
      leads: [7],
      rule: { kind: 'yearly', month: 6, day: 15 },
    });
    expect(
      (await run('deadline', 'change', added.id, '--lead', '14,3', '--owner', 'slack:#C0PDD')).code,
    ).toBe(0);
    const changed = JSON.parse((await run('deadlines', '--json')).stdout).find(
      (d: { id: string }) => d.id === added.id,
    );
    expect(changed).toMatchObject({ leads: [14, 3], owners: ['slack:#C0PDD'] });
    expect((await run('deadline', 'remove', added.id)).code).toBe(0);
    expect(JSON.parse((await run('deadlines', '--json')).stdout)).toHaveLength(before);
  });
});

describe('the home view', () => {
  it('shows an owner their next deadline and their latest value above the plans', async () => {
    const { loadConfig } = await import('../../../src/platform/config.ts');
    const { openContext } = await import('../../../src/app/context.ts');
    const { createLogger } = await import('../../../src/platform/log.ts');
    const { createAppRouter } = await import('../../../src/app/app-router.ts');
    const ctx = openContext(loadConfig({ BOUSSOLE_DB: env.BOUSSOLE_DB as string }), createLogger('silent'));
    try {
      const home = await createAppRouter(ctx).homeView({ platform: 'console', userId: 'alice' });
      expect(home.text).toMatch(/Vos prochaines échéances[\s\S]*groupe 3 faits numériques/u);
      expect(home.text).toMatch(/Vos dernières valeurs[\s\S]*2026-2027 : 60 %/u);
      expect(home.text).toMatch(/Plans disponibles/u);
      const stranger = await createAppRouter(ctx).homeView({ platform: 'console', userId: 'nobody' });
      expect(stranger.text).not.toMatch(/Vos/u);
    } finally {
      ctx.close();
    }
  });
});
