import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../src/app/app-router.ts';
import type { Router } from '../../../src/core/kernel/types.ts';
import type { Role } from '../../../src/core/measurements/rights.ts';
import { testContext } from '../../helpers/plans.ts';

// Every role × every write command, on the Cantal scope: who may, who may not.
type Who =
  | 'nobody'
  | 'contrib-cantal'
  | 'contrib-allier'
  | 'valid-cantal'
  | 'valid-academie'
  | 'admin'
  | 'env-admin';
const GRANTS: Record<Who, { role: Role; scope: string } | null> = {
  nobody: null,
  'contrib-cantal': { role: 'contributor', scope: 'cantal' },
  'contrib-allier': { role: 'contributor', scope: 'allier' },
  'valid-cantal': { role: 'validator', scope: 'cantal' },
  'valid-academie': { role: 'validator', scope: 'clermont-ferrand' },
  admin: { role: 'admin', scope: '*' },
  'env-admin': null,
};
const ALLOWED: Record<string, Who[]> = {
  record: ['contrib-cantal', 'valid-cantal', 'valid-academie', 'admin', 'env-admin'],
  validate: ['valid-cantal', 'valid-academie', 'admin', 'env-admin'],
  target: ['valid-cantal', 'valid-academie', 'admin', 'env-admin'],
  grant: ['admin', 'env-admin'],
  deadline: ['admin', 'env-admin'],
};

let ctx: ReturnType<typeof testContext>;
let router: Router;
let proposedId: string;

beforeAll(async () => {
  ctx = testContext({ BOUSSOLE_ADMINS: 'console:env-admin' });
  for (const [who, grant] of Object.entries(GRANTS)) {
    if (grant) await ctx.measurements().repo.grant({ userKey: `console:${who}`, ...grant }, 'test');
  }
  router = createAppRouter(ctx);
  const preview = await say('contrib-cantal', "Cantal 2025-2026 : 50 % d'élèves groupe 3 faits numériques");
  const saved = await click('contrib-cantal', preview.buttons?.[0]?.id as string);
  proposedId = /`(m[0-9a-f]{12})`/u.exec(saved.text)?.[1] as string;
});
afterAll(() => ctx.cleanup());

const actor = (who: string) => ({ platform: 'console' as const, userId: who });
const conversation = (who: string) => ({ platform: 'console' as const, conversationId: `console:${who}` });
const say = (who: string, text: string) =>
  router.handleMessage({ actor: actor(who), conversation: conversation(who), text });
const click = (who: string, id: string) => router.handleClick(actor(who), conversation(who), id);

const COMMANDS: Record<string, (who: Who) => Promise<string>> = {
  async record(who) {
    const preview = await say(who, "Cantal 2024-2025 : 45 % d'élèves groupe 3 faits numériques");
    if (preview.status !== 'preview') return preview.status;
    const confirm = preview.buttons?.find((b) => b.id.startsWith('confirm'))?.id as string;
    return (await click(who, confirm)).status;
  },
  validate: async (who) => (await say(who, `valider ${proposedId}`)).status,
  target: async (who) => (await say(who, 'cible faits numériques cantal 2026-2027 70 %')).status,
  grant: async (who) => (await say(who, 'donner contributeur cantal à console:newcomer')).status,
  deadline: async (who) =>
    (await say(who, 'échéance ajouter i0ab56d1 --yearly 06-30 --scope cantal --owner alice')).status,
};

describe('the rights matrix', () => {
  for (const command of Object.keys(COMMANDS)) {
    for (const who of Object.keys(GRANTS) as Who[]) {
      const allowed = ALLOWED[command]?.includes(who);
      it(`${who} ${allowed ? 'may' : 'may not'} ${command} for Cantal`, async () => {
        const status = await COMMANDS[command]?.(who);
        if (allowed) expect(status).toBe('saved');
        else expect(status).toBe('refused');
      });
    }
  }

  it('logs every refusal in the audit log', () => {
    const refusals = ctx.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE outcome = 'refused'")
      .get() as {
      n: number;
    };
    const expected = Object.values(ALLOWED).reduce((n, allowed) => n + (7 - allowed.length), 0);
    expect(refusals.n).toBeGreaterThanOrEqual(expected);
  });

  it('keeps measurements append-only in the database itself', () => {
    expect(() => ctx.db.prepare('UPDATE measurements SET value_num = 99').run()).toThrow(/append-only/u);
    expect(() => ctx.db.prepare('DELETE FROM measurements').run()).toThrow(/append-only/u);
  });
});
