import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../src/app/app-router.ts';
import { runCli } from '../../src/app/cli.ts';
import { openContext } from '../../src/app/context.ts';
import { main } from '../../src/app/main.ts';
import { postgresStores } from '../../src/app/stores.ts';
import { academieStores, TenantViolation } from '../../src/app/tenancy/stores.ts';
import type { Actor, Reply, Router } from '../../src/core/kernel/types.ts';
import { ConfigError, loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { EVAL_DIR } from '../helpers/eval-norm.ts';
import { captureIO, tempDir, testContext } from '../helpers/plans.ts';
import { postgresGate, scratchSchema } from '../helpers/postgres.ts';

// Issue 17, tenancy: one deployment serving two académies (the shipped plans are Clermont-Ferrand's
// four and Orléans-Tours' one), a Slack workspace or a Teams tenant per académie.
const TENANTS = 'slack:TCLER=clermont-ferrand, slack:TORLE=orleans-tours, teams:tenant-ot=orleans-tours';
const CLERMONT: Actor = { platform: 'slack', userId: 'UCLER', workspace: 'TCLER' };
const ORLEANS: Actor = { platform: 'slack', userId: 'UORLE', workspace: 'TORLE' };
const ORLEANS_TEAMS: Actor = { platform: 'teams', userId: 'aad-ot', workspace: 'tenant-ot' };
const STRANGER: Actor = { platform: 'slack', userId: 'UNOPE', workspace: 'TNOPE' };
const CONSOLE: Actor = { platform: 'console', userId: 'operator' };

let ctx: ReturnType<typeof testContext>;
let router: Router;
let planAcademie: Map<string, string>;
beforeAll(() => {
  // Both people are deployment admins: even they act within their own académie only.
  ctx = testContext({ BOUSSOLE_TENANTS: TENANTS, BOUSSOLE_ADMINS: 'slack:UCLER,slack:UORLE,teams:aad-ot' });
  router = createAppRouter(ctx);
  planAcademie = new Map(ctx.library().plans.map((plan) => [plan.id, plan.academie]));
});
afterAll(() => ctx.cleanup());

let thread = 0;
const say = (actor: Actor, text: string) =>
  router.handleMessage({
    actor,
    conversation: { platform: actor.platform, conversationId: `C-${actor.userId}`, threadId: `${++thread}` },
    text,
  });
const click = (actor: Actor, id: string) =>
  router.handleClick(
    actor,
    { platform: actor.platform, conversationId: `C-${actor.userId}`, threadId: `${thread}` },
    id,
  );
const academiesCited = (reply: Reply) =>
  new Set((reply.citations ?? []).map((citation) => planAcademie.get(citation.planId)));

describe('answers per académie', () => {
  it('cites only the plans of the asker’s académie, on every question of the evaluation sets', async () => {
    const questions = ['dev-questions.json', 'dev-questions-2.json'].flatMap((name) =>
      (JSON.parse(readFileSync(path.join(EVAL_DIR, name), 'utf8')) as { q: string }[]).map((q) => q.q),
    );
    const cited = { clermont: 0, orleans: 0 };
    for (const question of questions) {
      const fromClermont = academiesCited(await say(CLERMONT, question));
      const fromOrleans = academiesCited(await say(ORLEANS, question));
      expect(
        [...fromClermont].filter((a) => a !== 'clermont-ferrand'),
        question,
      ).toEqual([]);
      expect(
        [...fromOrleans].filter((a) => a !== 'orleans-tours'),
        question,
      ).toEqual([]);
      if (fromClermont.size) cited.clermont++;
      if (fromOrleans.size) cited.orleans++;
    }
    // Not vacuous: each académie answers its own questions.
    expect(cited.clermont).toBeGreaterThan(60);
    expect(cited.orleans).toBeGreaterThan(15);
  });

  it('answers another académie’s question by saying which plans it has, and the console sees both', async () => {
    const question = 'Que prévoit le projet académique d’Orléans-Tours contre le décrochage scolaire ?';
    const fromOrleans = await say(ORLEANS, question);
    expect(fromOrleans.status).toBe('answered');
    expect(academiesCited(fromOrleans)).toEqual(new Set(['orleans-tours']));
    const fromClermont = await say(CLERMONT, question);
    expect(academiesCited(fromClermont).has('orleans-tours')).toBe(false);
    expect(fromClermont.text).toMatch(/aucun plan pour Orléans-Tours/u);
    expect(fromClermont.text).not.toMatch(/Orléans-Tours 2024-2028/u);
    const cantal = await say(ORLEANS_TEAMS, 'Quelles actions pour les faits numériques dans le Cantal ?');
    expect(academiesCited(cantal).has('clermont-ferrand')).toBe(false);
    expect(cantal.text).toMatch(
      /aucun plan pour Cantal : .*« Projet académique Orléans-Tours 2024-2028 »\./u,
    );
    const operator = await say(CONSOLE, 'Quelles actions pour les faits numériques dans le Cantal ?');
    expect(academiesCited(operator)).toEqual(new Set(['clermont-ferrand']));
  });

  it('refuses a workspace no académie is configured for, and says what to configure', async () => {
    const reply = await say(STRANGER, 'Quelles actions pour les faits numériques dans le Cantal ?');
    expect(reply.status).toBe('refused');
    expect(reply.citations).toEqual([]);
    expect(reply.text).toMatch(/slack:TNOPE.*BOUSSOLE_TENANTS/u);
    expect((await say(STRANGER, 'Which actions target reading in Cantal?')).text).toMatch(/not linked/u);
    expect((await router.homeView(STRANGER)).status).toBe('refused');
    expect((await say({ platform: 'slack', userId: 'UNOWS' }, 'bonjour')).status).toBe('refused');
  });
});

describe('measurements, rights and deadlines per académie', () => {
  it('records a Cantal value from Clermont, which Orléans-Tours can neither see nor change', async () => {
    const preview = await say(CLERMONT, "Cantal 2025-2026 : 62,5 % d'élèves groupe 3 faits numériques");
    expect(preview.status).toBe('preview');
    const confirm = preview.buttons?.find((button) => button.id.startsWith('confirm'))?.id as string;
    expect((await click(CLERMONT, confirm)).status).toBe('saved');
    const all = await ctx.stores.measurements.list();
    expect(all.filter((m) => m.scope === 'cantal')).toHaveLength(1);

    const history = await say(ORLEANS, 'historique faits numériques cantal');
    expect(history.text).not.toMatch(/62,5/u);
    const foreign = await say(ORLEANS, "Cantal 2025-2026 : 70 % d'élèves groupe 3 faits numériques");
    expect(foreign.status).not.toBe('preview');
    expect((await ctx.stores.measurements.list()).length).toBe(all.length);
    expect((await router.homeView(ORLEANS)).text).not.toMatch(/Cantal|62,5/u);
    expect((await say(CLERMONT, 'historique faits numériques cantal')).text).toMatch(/62,5/u);
  });

  it('keeps each académie’s view of the stores to its own scopes, writes to another’s refused', async () => {
    const scopes = () => ctx.library().scopes;
    const orleans = academieStores(ctx.stores, 'orleans-tours', scopes);
    const clermont = academieStores(ctx.stores, 'clermont-ferrand', scopes);
    const indicator = ctx.library().indicators()[0]?.id as string;
    await clermont.measurements.setTarget(
      { indicatorId: indicator, scope: 'allier', period: '2026-2027', kind: 'target', value: 70 },
      'test',
    );
    expect((await clermont.measurements.targets()).some((t) => t.scope === 'allier')).toBe(true);
    expect((await orleans.measurements.targets()).some((t) => t.scope === 'allier')).toBe(false);
    await expect(
      orleans.measurements.setTarget(
        { indicatorId: indicator, scope: 'allier', period: '2026-2027', kind: 'target', value: 1 },
        'test',
      ),
    ).rejects.toThrow(TenantViolation);
    expect(await orleans.measurements.list({ scope: 'cantal' })).toEqual([]);
    expect(await orleans.measurements.current(indicator, 'cantal', '2025-2026')).toBeUndefined();

    // "Every scope" granted from Orléans-Tours is every scope of Orléans-Tours.
    await orleans.measurements.grant({ userKey: 'slack:UVAL', role: 'validator', scope: '*' }, 'test');
    const grants = await ctx.stores.measurements.grants();
    expect(grants.find((g) => g.userKey === 'slack:UVAL')?.scope).toBe('orleans-tours');
    expect((await clermont.measurements.grants()).some((g) => g.userKey === 'slack:UVAL')).toBe(false);
    await expect(
      orleans.measurements.grant({ userKey: 'slack:UVAL', role: 'admin', scope: 'cantal' }, 'test'),
    ).rejects.toThrow(TenantViolation);

    const deadline = await clermont.deadlines.add(
      {
        indicatorId: indicator,
        scope: 'cantal',
        rule: { kind: 'yearly', month: 6, day: 30 },
        owners: ['slack:UCLER'],
        leads: [7],
      },
      'test',
    );
    expect((await orleans.deadlines.list()).some((d) => d.id === deadline.id)).toBe(false);
    expect(await orleans.deadlines.get(deadline.id)).toBeUndefined();
    expect(await orleans.deadlines.remove(deadline.id)).toBe(false);
    expect(await ctx.stores.deadlines.get(deadline.id)).toBeDefined();
    await expect(orleans.deadlines.add({ ...deadline, scope: 'allier' }, 'test')).rejects.toThrow(
      TenantViolation,
    );
  });
});

describe('BOUSSOLE_TENANTS', () => {
  it('reads workspaces and académies, and names the entry that is wrong', () => {
    expect(loadConfig({ BOUSSOLE_TENANTS: TENANTS }).tenants).toEqual(
      new Map([
        ['slack:TCLER', 'clermont-ferrand'],
        ['slack:TORLE', 'orleans-tours'],
        ['teams:tenant-ot', 'orleans-tours'],
      ]),
    );
    expect(loadConfig({}).tenants.size).toBe(0);
    expect(() => loadConfig({ BOUSSOLE_TENANTS: 'TCLER=clermont-ferrand' })).toThrow(ConfigError);
    expect(() => loadConfig({ BOUSSOLE_TENANTS: 'TCLER=clermont-ferrand' })).toThrow(
      /« TCLER=clermont-ferrand »/u,
    );
    expect(() =>
      loadConfig({ BOUSSOLE_TENANTS: 'slack:T1=clermont-ferrand,slack:T1=orleans-tours' }),
    ).toThrow(/deux académies/u);
  });

  it('stops `boussole start` on an académie data/scopes.json does not know', async () => {
    const { dir, cleanup } = tempDir('boussole-tenants-');
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const code = await main(['start'], captureIO().io, {
        BOUSSOLE_DB: path.join(dir, 'b.db'),
        BOUSSOLE_TENANTS: 'slack:T1=clermont',
      });
      expect(code).toBe(1);
    } finally {
      process.stderr.write = write;
      cleanup();
    }
    expect(stderr.join('')).toMatch(
      /académie inconnue « clermont » \(académies connues : clermont-ferrand, orleans-tours\)/u,
    );
  });

  it('lets the operator speak from one académie’s view with `boussole say --academie`', async () => {
    const { dir, cleanup } = tempDir('boussole-say-academie-');
    try {
      const env = { BOUSSOLE_DB: path.join(dir, 's.db') };
      const question = 'Quelles actions pour les faits numériques dans le Cantal ?';
      const orleans = captureIO();
      expect(
        await runCli(['say', '--as', 'alice', '--academie', 'orleans-tours', question], orleans.io, env),
      ).toBe(0);
      expect(orleans.stdout()).toMatch(/aucun plan pour Cantal/u);
      const everything = captureIO();
      expect(await runCli(['say', '--as', 'alice', question], everything.io, env)).toBe(0);
      expect(everything.stdout()).toMatch(/Feuille de route CASF/u);
      const wrong = captureIO();
      expect(await runCli(['say', '--as', 'alice', '--academie', 'bordeaux', question], wrong.io, env)).toBe(
        2,
      );
      expect(wrong.stderr()).toMatch(
        /Académie inconnue « bordeaux » pour --academie \(connues : clermont-ferrand, orleans-tours\)/u,
      );
    } finally {
      cleanup();
    }
  });
});

const gate = await postgresGate();
describe.runIf(gate.failure)('PostgreSQL under CI', () => {
  it('is reachable', () => {
    throw new Error(gate.failure ?? '');
  });
});

describe.runIf(gate.run)('académies on PostgreSQL', () => {
  it('keeps each académie to its plans (searched in PostgreSQL) and its values, as on SQLite', async () => {
    const schema = await scratchSchema();
    const { dir, cleanup } = tempDir('boussole-tenants-pg-');
    const env = {
      BOUSSOLE_DB: path.join(dir, 'r.db'),
      BOUSSOLE_TENANTS: TENANTS,
      BOUSSOLE_ADMINS: 'slack:UCLER',
    };
    const config = loadConfig(env);
    const stores = await postgresStores({ url: schema.url, poolSize: 2 }, config);
    const replica = openContext(config, createLogger('silent'), { stores });
    try {
      expect((await stores.publishPlans(replica.db))?.published.length).toBe(5);
      const pgRouter = createAppRouter(replica);
      const ask = (actor: Actor, text: string) =>
        pgRouter.handleMessage({
          actor,
          conversation: { platform: 'slack', conversationId: `P-${actor.userId}`, threadId: `${++thread}` },
          text,
        });
      const clermont = await ask(CLERMONT, 'Quelles actions pour les faits numériques dans le Cantal ?');
      expect(academiesCited(clermont)).toEqual(new Set(['clermont-ferrand']));
      const orleans = await ask(ORLEANS, 'Que prévoit le projet académique contre le décrochage scolaire ?');
      expect(academiesCited(orleans)).toEqual(new Set(['orleans-tours']));
      const preview = await ask(CLERMONT, 'Allier 2025-2026, groupe 3 faits numériques : 41 %');
      const confirm = preview.buttons?.find((button) => button.id.startsWith('confirm'))?.id as string;
      expect(
        (
          await pgRouter.handleClick(
            CLERMONT,
            { platform: 'slack', conversationId: 'P-UCLER', threadId: `${thread}` },
            confirm,
          )
        ).status,
      ).toBe('saved');
      const scoped = replica.forAcademie('orleans-tours').stores.measurements;
      expect((await stores.measurements.list()).map((m) => m.scope)).toEqual(['allier']);
      expect(await scoped.list()).toEqual([]);
    } finally {
      replica.close();
      await stores.close();
      await schema.drop();
      cleanup();
    }
  });
});
