import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../src/app/app-router.ts';
import type { Reply } from '../../../src/core/kernel/types.ts';
import { testContext } from '../../helpers/plans.ts';
import { DEADLINES, IDS, TARGETS, VALUES } from '../../helpers/progress.ts';
import { progressRouter } from '../../helpers/progress-router.ts';

// Issue 19 through the router: what is late, what has no value, and every bad input answered
// with how to fix it; plan questions and measurement entries keep their own routes.
let h: ReturnType<typeof progressRouter>;
beforeAll(() => {
  h = progressRouter();
});
afterAll(() => h.ctx.cleanup());

const ids = (reply: Reply) => (reply.citations ?? []).map((c) => c.id);
/** The text between a heading and the next blank line. */
const section = (reply: Reply, heading: string) =>
  reply.text.includes(heading) ? (reply.text.split(heading)[1]?.split('\n\n')[0] ?? '') : '';

describe('what is late', () => {
  it('lists the reporting dates missed and the values behind their target', async () => {
    const reply = await h.say('Qu’est-ce qui est en retard ?');
    expect(reply).toMatchObject({ status: 'answered', lang: 'fr' });
    const missed = section(reply, '**Remontées en retard**');
    expect(missed).toContain('**Haute-Loire** : attendue le 30 juin 2026 pour 2025-2026, pas de valeur');
    const behind = section(reply, '**En retard sur la cible**');
    expect(behind).toContain('**Allier** 2025-2026 : **55 %** / cible 70 % (validée)');
    expect(behind).toContain('**Cantal** 2025-2026 : **40 %** / cible 60 % (validée)');
    // Cantal's faits numériques are on track: not late.
    expect(behind).not.toMatch(/Cantal\*\* 2025-2026 : \*\*62,5/u);
    expect(ids(reply)).toEqual(expect.arrayContaining([IDS.reading, IDS.numbers, IDS.automatisms]));
    expect(reply.buttons?.[0]?.id).toBe('enter:i646b5a1:haute-loire:2025-2026');
  });

  it('answers "what’s overdue in …" in English for that scope only, and says when nothing is late', async () => {
    const reply = await h.say('What’s overdue in Haute-Loire?');
    expect(reply).toMatchObject({ status: 'answered', lang: 'en' });
    expect(reply.text).toContain('**Haute-Loire**: due 30 June 2026 for 2025-2026, no value');
    expect(reply.text).not.toContain('Allier');
    const none = await h.say('What’s overdue in Puy-de-Dôme?');
    expect(none.status).toBe('answered');
    expect(none.text).toMatch(/Nothing is late/u);
  });
});

describe('what has no value', () => {
  it('lists the indicators and scopes without a value for the period, and counts the others', async () => {
    const reply = await h.say('Quels indicateurs n’ont pas de valeur pour 2025-2026 ?');
    expect(reply).toMatchObject({ status: 'answered', lang: 'fr' });
    expect(reply.text.split('\n')[0]).toBe('**Sans valeur pour 2025-2026**');
    const listed = reply.text.split('\n').filter((line) => line.startsWith('• 📊'));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toContain('**Haute-Loire** · dernière valeur : 48 % en 2024-2025');
    // The other tracked pairs (a value, target or deadline) all have a 2025-2026 value.
    const tracked = new Set([...VALUES, ...TARGETS, ...DEADLINES].map(([id, scope]) => `${id}|${scope}`));
    const recorded = new Set(
      VALUES.filter((v) => v[2] === '2025-2026').map(([id, scope]) => `${id}|${scope}`),
    );
    expect(reply.text).toContain(
      `${tracked.size - 1} autres valeurs attendues sont enregistrées pour 2025-2026.`,
    );
    expect(recorded.size).toBe(tracked.size - 1);
    expect(reply.text).toMatch(
      /\d+ autres indicateurs des plans en cours n’ont ni valeur, ni cible, ni échéance\./u,
    );
  });

  it('answers in English for one scope and a past period', async () => {
    const reply = await h.say('Which indicators in Cantal have no value for 2024-2025?');
    expect(reply.lang).toBe('en');
    expect(reply.text.split('\n')[0]).toBe('**No value for 2024-2025** — Cantal');
    expect(ids(reply)).toContain(IDS.automatisms);
    expect(reply.text).toContain('One other expected value is recorded for 2024-2025.');
    expect(reply.text).toContain('record i64fd8ae cantal 2024-2025 62.5%');
  });
});

describe('bad inputs get a clear message in the asker’s language', () => {
  it.each([
    [
      'Où en est la Gironde sur la lecture ?',
      'not_found',
      /Je ne connais pas « Gironde » : Boussole suit .*Cantal/u,
    ],
    ['How is Gironde doing on reading?', 'not_found', /I don’t know “Gironde”: Boussole follows .*Cantal/u],
    [
      'Où en est le Cantal sur les faits numériques en 2025-2027 ?',
      'invalid',
      /« 2025-2027 ».*année scolaire \(2025-2026\)/u,
    ],
    ['Où en est le Cantal sur les faits numériques en 2030-2031 ?', 'invalid', /2030-2031 n’a pas commencé/u],
    [
      'Where do we stand on reading in Cantal on 31/02/2026?',
      'invalid',
      /cannot read “31\/02\/2026” as a period/u,
    ],
    [
      'Où en est l’objectif 9.9 du projet stratégique ?',
      'not_found',
      /Je ne trouve pas cette section.*objectif 1\.3/u,
    ],
  ])('%s', async (question, status, message) => {
    const reply = await h.say(question);
    expect(reply.status).toBe(status);
    expect(reply.text).toMatch(message);
  });

  it('points to the académie whose indicators measure a theme the scope’s plans do not have', async () => {
    const elsewhere = await h.say('Où en est le Loiret sur les territoires éducatifs ruraux ?');
    expect(elsewhere.status).toBe('not_found');
    expect(elsewhere.text).toMatch(
      /^Aucun indicateur des plans ne mesure « territoires éducatifs ruraux » pour le Loiret\./u,
    );
    expect(elsewhere.text).toMatch(
      /• 📊 Nombre de conventions « territoires éducatifs ruraux »\. \[1\] — Académie de Clermont-Ferrand/u,
    );
    expect(elsewhere.citations?.[0]?.planId).toBe('cf-psa-2023');
    // Where the scope's own plan has an indicator in the theme's words, that one answers.
    const own = await h.say('Où en est le Loiret sur les constellations ?');
    expect(own.status).toBe('answered');
    expect(own.citations?.[0]?.planId).toBe('ot-pa-2024');
  });

  it('answers from the plans, saying so, when no indicator measures the theme', async () => {
    const question = 'Où en est le Cantal sur les résidences pédagogiques ?';
    const reply = await h.say(question);
    expect(reply.notice).toBe(
      'Aucun indicateur des plans ne mesure « résidences pédagogiques » pour le Cantal : voici ce que disent les plans.',
    );
    expect(reply.status).toBe('answered');
    expect(reply.text).toBe((await h.ctx.answerer().ask(question)).reply.text);
    const english = await h.say('How is Cantal doing on uniforms?');
    expect(english.notice).toMatch(
      /^No indicator of the plans measures “uniforms” for Cantal: here is what the plans say\./u,
    );
  });

  it('says that nothing is recorded anywhere yet, on a fresh database', async () => {
    const ctx = testContext();
    try {
      const router = createAppRouter(ctx);
      const reply = await router.handleMessage({
        actor: { platform: 'console', userId: 'new' },
        conversation: { platform: 'console', conversationId: 'fresh' },
        text: 'Où en est-on ?',
      });
      expect(reply.status).toBe('answered');
      expect(reply.text).toMatch(
        /^Aucune valeur, cible ni échéance n’est encore enregistrée\. Les plans en cours comptent \d+ indicateurs\./u,
      );
    } finally {
      ctx.cleanup();
    }
  });
});

describe('other messages keep their routes', () => {
  it('records a measurement written as a statement, even with the words of a progress question nearby', async () => {
    await h.ctx
      .measurements()
      .repo.grant({ userKey: 'console:dora', role: 'contributor', scope: 'cantal' }, 'test');
    const reply = await h.say('Cantal 2025-2026 : 62,5 % d’élèves groupe 3 faits numériques', 'dora');
    expect(reply.status).toBe('preview');
  });

  it.each([
    'Quelles actions visent les faits numériques dans le Cantal ?',
    'Quels indicateurs pour le harcèlement dans le projet stratégique 2023-2027 ?',
    'Which indicators track reading in Haute-Loire?',
  ])('answers the plan question "%s" exactly as before, values or not', async (question) => {
    const reply = await h.say(question);
    const plans = (await h.ctx.answerer().ask(question)).reply;
    expect(reply.status).toBe(plans.status);
    expect(reply.text).toBe(plans.text);
    expect(reply.notice).toBeUndefined();
  });
});
