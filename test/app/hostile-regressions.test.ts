import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../src/app/app-router.ts';
import type { Actor, Router } from '../../src/core/kernel/types.ts';
import { testContext } from '../helpers/plans.ts';

// Defects the hostile-input runs found, each kept from coming back.
let ctx: ReturnType<typeof testContext>;
let router: Router;
const alice: Actor = { platform: 'console', userId: 'alice' };
const slackAdmin: Actor = { platform: 'slack', userId: 'U0ADMIN' };
const conv = (actor: Actor) => ({
  platform: actor.platform,
  conversationId: `${actor.platform}:${actor.userId}`,
});
const say = (actor: Actor, text: string) => router.handleMessage({ actor, conversation: conv(actor), text });
const click = (actor: Actor, id: string, values?: Record<string, string>) =>
  router.handleClick(actor, conv(actor), id, values);
const count = (table: string) =>
  (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const PREVIEW = "Cantal 2024-2025 : 62,5 % d'élèves groupe 3 faits numériques";
const draftOf = (reply: { buttons?: { id: string }[] }) =>
  reply.buttons?.find((b) => b.id.startsWith('confirm'))?.id.split(':')[1] as string;

beforeAll(async () => {
  ctx = testContext({ BOUSSOLE_ADMINS: 'slack:U0ADMIN' });
  await ctx
    .measurements()
    .repo.grant({ userKey: 'console:alice', role: 'contributor', scope: 'cantal' }, 'test');
  router = createAppRouter(ctx);
});
afterAll(() => ctx.cleanup());

describe('hostile-input regressions', () => {
  it('refuses an impossible period given as a correction, a button or a reminder link, and saves nothing', async () => {
    await say(alice, PREVIEW);
    for (const period of ['2024-13-45', '0000', '2020-02-31', '2019-2025']) {
      expect((await say(alice, `période ${period}`)).status).toBe('invalid');
    }
    expect((await say(alice, 'oui')).status).not.toBe('saved');
    const preview = await say(alice, PREVIEW);
    expect((await click(alice, `period:${draftOf(preview)}:2020-02-31`)).status).toBe('invalid');
    expect((await click(alice, 'enter:i0ab56d1:cantal:0000')).status).toBe('invalid');
    expect(count('measurements')).toBe(0);
  });

  it('writes no target on a weak indicator match, nor a percentage on a count', async () => {
    const weak = await say(slackAdmin, 'valeur initiale Allier 30/06/2025 : 12 cf-casf-2025:i0ab5');
    expect(weak.status).toBe('invalid');
    const percentOnCount = await say(slackAdmin, 'valeur initiale Allier 2025-2026 : 12 % constellations');
    expect(percentOnCount.status).toBe('invalid');
    expect(count('targets')).toBe(0);
  });

  it('bounds form values like messages', async () => {
    const preview = await say(alice, PREVIEW);
    const updated = await click(alice, `update:${draftOf(preview)}`, { comment: 'x'.repeat(100_000) });
    expect(updated.status).toBe('preview');
    expect(updated.text.length).toBeLessThan(3000);
  });

  it('grants a mentioned Slack user on Slack, and refuses unreadable user references', async () => {
    const granted = await say(slackAdmin, 'donner contributeur cantal à <@U0BOB>');
    expect(granted.text).toContain('slack:U0BOB');
    expect(await ctx.measurements().repo.grants()).toContainEqual({
      userKey: 'slack:U0BOB',
      role: 'contributor',
      scope: 'cantal',
    });
    for (const who of ['🙂', 'teams:', 'console:']) {
      expect((await say(slackAdmin, `accorder le rôle admin à ${who}`)).status).toBe('invalid');
    }
    expect((await ctx.measurements().repo.grants()).filter((g) => g.role === 'admin')).toEqual([]);
  });

  it('answers a pasted page with a bounded reply', async () => {
    const answer = await ctx.answerer().ask(`faits numériques ${'zorglub '.repeat(13_000)}`);
    expect(answer.reply.text.length).toBeLessThan(5000);
    const near = await ctx.answerer().ask('"NEAR('.repeat(20_000));
    expect(near.reply.text.length).toBeLessThan(5000);
  });
});
