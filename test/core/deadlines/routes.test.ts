import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../src/app/app-router.ts';
import type { Router } from '../../../src/core/kernel/types.ts';
import { testContext } from '../../helpers/plans.ts';

// The chat deadline commands answer in the language they were written in, rule descriptions and
// validation errors included; the French replies stay word for word what they were.
let ctx: ReturnType<typeof testContext>;
let router: Router;

beforeAll(() => {
  ctx = testContext({ BOUSSOLE_ADMINS: 'console:admin' });
  router = createAppRouter(ctx);
});
afterAll(() => ctx.cleanup());

const say = (who: string, text: string) =>
  router.handleMessage({
    actor: { platform: 'console', userId: who },
    conversation: { platform: 'console', conversationId: `console:${who}` },
    text,
  });

describe('deadlines asked for in English', () => {
  it('saves a deadline and describes its rule in English', async () => {
    const reply = await say(
      'admin',
      'deadline add i0ab56d1 --yearly 06-30 --scope cantal --owner alice --lead 14,7',
    );
    expect(reply).toMatchObject({ status: 'saved', lang: 'en' });
    expect(reply.text).toMatch(
      /^Deadline `[0-9a-f]+`: .+ — Cantal, every year on 30 June, reminders D-14, D-7/u,
    );
  });

  it('lists every deadline with English rule descriptions for an admin', async () => {
    const reply = await say('admin', 'deadline list');
    expect(reply.lang).toBe('en');
    expect(reply.text).toContain('every year on 30 June (D-14, D-7) → console:alice');
    expect(reply.text).not.toMatch(/chaque année|juin/u);
  });

  it('shows its owner “my deadlines” in English, dates included', async () => {
    const reply = await say('alice', 'my deadlines');
    expect(reply.lang).toBe('en');
    expect(reply.text).toMatch(/^\*\*Your deadlines\*\*\n\n• 30 June \d{4} — /u);
  });

  it('explains an impossible yearly date in English', async () => {
    const reply = await say('admin', 'deadline add i0ab56d1 --yearly 02-30 --scope cantal --owner alice');
    expect(reply).toMatchObject({
      status: 'invalid',
      lang: 'en',
      text: 'Impossible date: 30 February does not exist.',
    });
  });

  it('names the faulty cron field in English', async () => {
    const reply = await say(
      'admin',
      'deadline add i0ab56d1 --cron "0 9 * 13 *" --scope cantal --owner alice',
    );
    expect(reply.text).toBe(
      'Invalid cron expression “0 9 * 13 *”: “13” is out of range for the month field (1–12).',
    );
  });

  it('says in English what else is wrong with a deadline', async () => {
    expect((await say('admin', 'deadline add i0zzzzzz --yearly 06-30')).text).toBe(
      'Unknown indicator “i0zzzzzz”: give its id (for example i0ab56d1).',
    );
    expect((await say('admin', 'deadline add i0ab56d1 --yearly 06-30 --owner "a b"')).text).toBe(
      'Unreadable recipient “a b”: Unreadable user: write slack:U123, teams:29:…, console:alice, or mention the person.',
    );
    expect((await say('admin', 'deadline change d0nope --lead 3')).text).toBe(
      'Unknown deadline “d0nope” (see “deadline list”).',
    );
    expect((await say('alice', 'deadline add i0ab56d1 --yearly 06-30')).text).toBe(
      'Only an admin can manage deadlines.',
    );
  });
});

describe('deadlines asked for in French', () => {
  it('keeps the French rule descriptions and errors', async () => {
    expect((await say('admin', 'échéance liste')).text).toContain('chaque année le 30 juin (J-14, J-7)');
    const reply = await say('admin', 'échéance ajouter i0ab56d1 --yearly 02-30 --scope cantal --owner alice');
    expect(reply).toMatchObject({
      status: 'invalid',
      lang: 'fr',
      text: "Date impossible : le 30 février n'existe pas.",
    });
    expect((await say('alice', 'mes échéances')).text).toMatch(
      /^\*\*Vos échéances\*\*\n\n• 30 juin \d{4} — /u,
    );
  });
});
