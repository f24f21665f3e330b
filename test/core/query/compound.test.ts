import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../../src/core/query/answerer.ts';
import { carryOver } from '../../../src/core/query/followup.ts';
import { splitClauses } from '../../../src/core/query/reader/clauses.ts';
import { phraseWords } from '../../../src/core/query/words.ts';
import { testContext } from '../../helpers/plans.ts';

// Compound questions ("…, et quels sont ses axes ?", "…? Avec quel montant ?"): each clause is read
// with what the others name (plan, place, theme) and answered; the answers are joined.
let ctx: ReturnType<typeof testContext>;
let answerer: Answerer;
beforeAll(() => {
  ctx = testContext();
  answerer = ctx.answerer();
});
afterAll(() => ctx.cleanup());

const STARTERS = ['quels', 'qui', 'avec quels', 'how', 'what'].map((s) => phraseWords(s));

describe('splitClauses', () => {
  it.each([
    [
      'Jusqu’à quand court le PSA, et quels sont ses axes ?',
      ['Jusqu’à quand court le PSA', 'quels sont ses axes ?'],
    ],
    [
      'Quelles actions pour la lecture et avec quels indicateurs ?',
      ['Quelles actions pour la lecture', 'avec quels indicateurs ?'],
    ],
    ['Which certifications, and how was it evaluated?', ['Which certifications', 'how was it evaluated?']],
    [
      'Le PSA prévoit-il une prime ? Avec quel montant ?',
      ['Le PSA prévoit-il une prime ?', 'Avec quel montant ?'],
    ],
    [
      'A visitor asks about the axes. Can you list them?',
      ['A visitor asks about the axes.', 'Can you list them?'],
    ],
  ])('cuts « %s » into %j', (question, clauses) => {
    expect(splitClauses(question, STARTERS)).toEqual(clauses);
  });

  it('leaves a question whole when "et" joins words, not asks, and never cuts a quoted title', () => {
    expect(splitClauses('Quelles actions pour les écoles et les collèges ?', STARTERS)).toHaveLength(1);
    expect(splitClauses('Que dit l’objectif « lire et quels écrits » ?', STARTERS)).toHaveLength(1);
    expect(splitClauses('Quelles actions et quels indicateurs ?', [])).toHaveLength(1);
  });
});

describe('compound questions', () => {
  it('answers both asks: the plan’s axes and its period', async () => {
    const { reply } = await answerer.ask(
      'Quels sont les axes de la feuille de route du CASF et sur quelle période court-elle ?',
    );
    const texts = (reply.citations ?? []).map((c) => c.text).join('\n');
    expect(texts).toContain('Élever durablement le niveau de maîtrise des savoirs fondamentaux');
    expect(texts).toContain("Garantir l'égalité de destin");
    expect(texts).toMatch(/2025 – 2030/u);
  });

  it('gives the indicators a second clause asks for, on the first clause’s theme and place', async () => {
    const intent = answerer.understand(
      'Quelles actions pour les faits numériques dans le Cantal, et avec quels indicateurs ?',
    );
    expect(intent.parts?.map((part) => [part.kinds, part.scopes])).toEqual([
      [['action'], ['cantal']],
      [['indicator'], ['cantal']],
    ]);
    const { reply } = await answerer.answerIntent(intent);
    const texts = (reply.citations ?? []).map((c) => c.text);
    expect(texts).toContain('Initier une action départementale développant les pratiques.');
    expect(texts).toContain("% d'élèves groupe 3 faits numériques.");
    expect((reply.citations ?? []).some((c) => c.scope === 'Allier')).toBe(false);
  });

  it('keeps a refusal: a short second clause asks about the first one’s theme, not on its own', async () => {
    const intent = answerer.understand(
      'Le PSA prévoit-il une prime pour les enseignants ? Avec quel montant ?',
    );
    expect(intent.parts?.[1]?.concepts.map((c) => c.label.toLowerCase())).toEqual(
      expect.arrayContaining(['prime', 'montant']),
    );
    expect((await answerer.answerIntent(intent)).reply.status).toBe('not_found');
  });

  it('answers a follow-up as one ask, with the theme it carries over', async () => {
    const previous = answerer.understand('Quelles actions pour la lecture dans le Cantal ?');
    const own = answerer.understand("et dans l'Allier, quelles actions et avec quels indicateurs ?");
    expect(own.parts).toHaveLength(2);
    const followUp = carryOver(own, previous);
    expect(followUp.parts).toBeUndefined();
    expect(followUp.scopes).toEqual(['allier']);
    expect(followUp.concepts.map((c) => c.label.toLowerCase())).toContain('lecture');
    const { reply } = await answerer.answerIntent(followUp);
    expect((reply.citations ?? []).every((c) => c.scope !== 'Cantal')).toBe(true);
  });

  it('lists the structure a later clause asks for, whatever the theme before it', async () => {
    const intent = answerer.understand(
      'Quelle période couvre la feuille de route du conseil académique des savoirs fondamentaux, et quels sont ses grands axes ?',
    );
    expect(intent.concepts.map((c) => c.label.toLowerCase())).not.toContain('feuille');
    expect(intent.parts?.[1]?.kinds).toEqual(['axis']);
    expect(intent.parts?.[1]?.concepts).toEqual([]);
    const texts = ((await answerer.answerIntent(intent)).reply.citations ?? []).map((c) => c.text).join('\n');
    expect(texts).toContain('Élever durablement le niveau de maîtrise des savoirs fondamentaux');
    expect(texts).toMatch(/2025 – 2030/u);
  });

  it('reads a wall of questions as one message, not as a dozen answers', () => {
    const wall = Array.from(
      { length: 6 },
      (_, i) => `Quelles actions pour la lecture au cycle ${i + 1} ?`,
    ).join(' ');
    expect(answerer.understand(wall).parts).toBeUndefined();
  });

  it('leaves a comparison to its sides', () => {
    const intent = answerer.understand(
      'Décrochage : que prévoient le Cantal et l’Allier, et avec quels indicateurs ?',
    );
    expect(intent.compare).toBe(true);
    expect(intent.parts).toBeUndefined();
  });
});

describe('plan names', () => {
  it('reads initials written joined ("OT" for "O-T"), in capitals only', () => {
    expect(answerer.understand('OT axe 2 : les actions pour les personnels ?').planIds).toEqual([
      'ot-pa-2024',
    ]);
    expect(answerer.understand('ot axe 2 : les actions ?').planIds).toEqual([]);
  });

  it('takes "actuel" / "current" beside a plan as no theme', () => {
    const labels = answerer
      .understand('ENT dans les écoles rurales : que prévoit le PSA actuel ?')
      .concepts.map((c) => c.label.toLowerCase());
    expect(labels).not.toContain('actuel');
  });
});
