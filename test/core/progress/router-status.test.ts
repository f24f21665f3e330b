import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/kernel/types.ts';
import { IDS } from '../../helpers/progress.ts';
import { markers, progressRouter, scopeLine } from '../../helpers/progress-router.ts';

// Issue 19 through the router: "où en est…" answered from the recorded values, targets and
// deadlines (test/helpers/progress.ts), joined with the plan items, in French and English.
let h: ReturnType<typeof progressRouter>;
beforeAll(() => {
  h = progressRouter();
});
afterAll(() => h.ctx.cleanup());

const ids = (reply: Reply) => (reply.citations ?? []).map((c) => c.id);
const parentOf = (id: string) => h.ctx.library().node(id)?.parentId as string;

function expectCited(reply: Reply) {
  const numbers = new Set((reply.citations ?? []).map((c) => c.n));
  expect(markers(reply).length).toBeGreaterThan(0);
  for (const n of markers(reply)) expect(numbers.has(n), `[${n}] has no citation`).toBe(true);
}

describe('where things stand', () => {
  it('answers "Où en est le Cantal sur les faits numériques ?" with the value, target, trend, verdict and dates, cited', async () => {
    const reply = await h.say('Où en est le Cantal sur les faits numériques ?');
    expect(reply).toMatchObject({ status: 'answered', lang: 'fr' });
    const cantal = scopeLine(reply, 'Cantal') ?? '';
    expect(cantal).toContain('2025-2026');
    expect(cantal).toContain('**62,5 %** (proposée, en attente de validation)');
    expect(cantal).toContain('cible 65 %');
    expect(cantal).toContain('valeur initiale 55 %');
    expect(cantal).toContain('↗ +2,5 pts depuis 2024-2025 (60 %)');
    expect(cantal).toContain('→ **dans les temps**');
    expect(cantal).toContain('prochaine remontée le 30 juin 2027');
    // The automatismes (same theme in the glossary) are behind their target in Cantal.
    expect(scopeLine(reply, 'Cantal', 'automatismes')).toMatch(/40 %.*cible 60 %.*→ \*\*en retard\*\*/u);
    // Allier was not asked about.
    expect(scopeLine(reply, 'Allier')).toBeUndefined();
    // The indicators, the plan item they measure, and Cantal's own actions on the theme, all cited.
    expect(ids(reply)).toEqual(expect.arrayContaining([IDS.numbers, IDS.automatisms, parentOf(IDS.numbers)]));
    expect(
      reply.citations?.some((c) => c.scope === 'Cantal' && /faits numériques|automatismes/u.test(c.text)),
    ).toBe(true);
    expectCited(reply);
    expect(reply.text).toMatch(/proposée.*attend la validation/u);
    // Two periods of values in Cantal make a trend: its chart is one click away.
    expect(reply.buttons?.map((b) => b.id)).toEqual(['chart:i0ab56d1']);
    expect(reply.answerId).toBeTruthy();
  });

  it('gives the same verdict per scope as the indicator card ("fiche")', async () => {
    const card = await h.say('fiche faits numériques');
    const reply = await h.say('Où en sont l’Allier et le Cantal sur les faits numériques ?');
    for (const scope of ['Allier', 'Cantal']) {
      const fiche = card.text.split('\n').find((line) => line.startsWith(`• ${scope} — 2025-2026`)) ?? '';
      const verdict = /→ (.+?) \(/u.exec(fiche)?.[1];
      expect(verdict, fiche).toBeTruthy();
      expect(scopeLine(reply, scope)).toContain(`→ **${verdict}**`);
    }
    // Side by side: who leads, by how much (Cantal 62,5 % against Allier 55 %).
    expect(reply.text).toContain('Écart en 2025-2026 : 7,5 pts en faveur du Cantal.');
  });

  it('answers in English, comparing two periods, with an English chart behind the button', async () => {
    const reply = await h.say(
      'How is Cantal doing on faits numériques in 2025-2026 compared with 2024-2025?',
    );
    expect(reply).toMatchObject({ status: 'answered', lang: 'en' });
    const cantal = scopeLine(reply, 'Cantal') ?? '';
    expect(cantal).toContain('**62.5%** (proposed, awaiting validation)');
    expect(cantal).toContain('↗ +2.5 pts since 2024-2025 (60%)');
    expect(cantal).toContain('→ **on track**');
    expect(cantal).toContain('next reporting date 30 June 2027');
    // The automatismes have no 2024-2025 value: the answer says there is nothing to compare.
    expect(scopeLine(reply, 'Cantal', 'automatismes')).toContain('no value in 2024-2025 to compare with');
    expectCited(reply);
    const chart = reply.buttons?.find((b) => b.id.startsWith('chart:'));
    expect(chart).toMatchObject({ id: 'chart:i0ab56d1:en', label: 'Chart' });
    const drawn = await h.click(chart?.id as string);
    expect(drawn).toMatchObject({ status: 'answered', lang: 'en' });
    expect(drawn.image?.png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('reads "quel est l’état d’avancement" and a count: the later target is shown, the verdict is the card’s', async () => {
    const reply = await h.say('Quel est l’état d’avancement des constellations dans le Puy-de-Dôme ?');
    const line = scopeLine(reply, 'Puy-de-Dôme') ?? '';
    expect(line).toContain('**14** (validée)');
    expect(line).toContain('↗ +4 depuis 2024-2025 (10)');
    expect(line).toContain('cible 2026-2027 : 20');
    // No target for 2025-2026 itself: the card says "pas de cible", so does this answer.
    expect(line).toContain('→ **pas de cible**');
  });

  it('answers "how are we doing" on a theme nobody recorded yet: the indicators, who may record them, and how', async () => {
    await h.ctx
      .measurements()
      .repo.grant({ userKey: 'console:bob', role: 'contributor', scope: 'allier' }, 'test');
    const reply = await h.say('How are we doing on reading in Allier?');
    expect(reply).toMatchObject({ status: 'answered', lang: 'en' });
    expect(reply.text).toContain('No value has been recorded yet for “reading” — Allier.');
    expect(ids(reply)).toEqual(expect.arrayContaining([IDS.reading, IDS.textReading]));
    expect(reply.text).toMatch(
      /Who can record\*\*: contributors and validators of Allier or the académie of Clermont-Ferrand/u,
    );
    expect(reply.text).toContain(
      'You are not: an administrator can grant it (“grant console:carol contributor allier”)',
    );
    expectCited(reply);
    // The example message, sent by a contributor, opens the entry it promises.
    const example = /“(record [^”]+)”; a preview/u.exec(reply.text)?.[1] as string;
    expect(example).toMatch(/^record i\w+ allier 20\d\d-20\d\d 62\.5%$/u);
    const preview = await h.say(example, 'bob');
    expect(preview).toMatchObject({ status: 'preview', lang: 'en' });
    expect(preview.text).toContain('Allier');
    expect(reply.buttons?.find((b) => b.id.startsWith('enter:'))?.id).toMatch(
      /^enter:i\w+:allier:20\d\d-20\d\d$/u,
    );
  });

  it('answers "on en est où" in French the same way, and tells a contributor they may record', async () => {
    const reply = await h.say('On en est où sur la lecture dans l’Allier ?', 'bob');
    expect(reply.text).toContain('Aucune valeur n’est encore enregistrée pour « lecture » — Allier.');
    expect(reply.text).toContain('Vous en faites partie.');
    const example = /« (saisir [^»]+) » ; un aperçu/u.exec(reply.text)?.[1] as string;
    expect((await h.say(example, 'bob')).status).toBe('preview');
  });

  it('follows up "et dans l’Allier ?" as a progress question about Allier', async () => {
    await h.say('Où en est le Cantal sur les faits numériques ?', 'carol', 'follow');
    const reply = await h.say('et dans l’Allier ?', 'carol', 'follow');
    expect(scopeLine(reply, 'Allier')).toMatch(/55 %.*cible 70 %.*→ \*\*en retard\*\*/u);
    expect(scopeLine(reply, 'Cantal')).toBeUndefined();
    const next = await h.say('et le Cantal ?', 'carol', 'follow');
    expect(scopeLine(next, 'Cantal')).toContain('62,5 %');
    // Asking for plan items after it goes back to the plans.
    const actions = await h.say('et les actions ?', 'carol', 'follow');
    expect(actions.text).not.toMatch(/Où en est-on/u);
    expect(actions.citations?.some((c) => c.kind === 'action' && c.scope === 'Cantal')).toBe(true);
  });

  it('without a theme, goes through every tracked indicator of the scope', async () => {
    const reply = await h.say('Où en est le Cantal ?');
    expect(ids(reply)).toEqual(expect.arrayContaining([IDS.numbers, IDS.automatisms]));
    expect(ids(reply)).not.toContain(IDS.reading);
  });
});
