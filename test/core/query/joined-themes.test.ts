import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../../src/core/query/answerer.ts';
import { testContext } from '../../helpers/plans.ts';

// Two themes joined by « et / ou » are asked one or the other; a clause that says why the asker
// asks (« Pour préparer le conseil d'école : … ») or who asks, before or after the question, sets the
// scene; a plan's axes asked among other words are listed.
let ctx: ReturnType<typeof testContext>;
let answerer: Answerer;
beforeAll(() => {
  ctx = testContext();
  answerer = ctx.answerer();
});
afterAll(() => ctx.cleanup());

const concepts = (question: string) =>
  answerer.understand(question).concepts.map((c) => ({
    label: c.label.toLowerCase(),
    alternative: c.alternative,
    emphasis: c.emphasis,
  }));

describe('themes joined by et / ou', () => {
  it('shares one alternative between two themes joined by a conjunction and small words', () => {
    const [first, second] = concepts('Quels indicateurs sur le harcèlement et les discriminations ?');
    expect(first?.alternative).toBeDefined();
    expect(second?.alternative).toBe(first?.alternative);
    const [reading, maths] = concepts('Quels indicateurs en lecture ou en maths ?');
    expect(maths?.alternative).toBe(reading?.alternative);
  });

  it('leaves themes that are not joined (or joined by more than small words) apart', () => {
    expect(
      concepts('Quelles actions pour les écoles rurales du Cantal ?').every(
        (c) => c.alternative === undefined,
      ),
    ).toBe(true);
    expect(
      concepts('Quelles actions sur le harcèlement au collège et la lecture ?').every(
        (c) => c.label !== 'harcèlement' || c.alternative === undefined,
      ),
    ).toBe(true);
  });

  it('reads examples in parentheses, and what they are examples of, as one theme', () => {
    const read = concepts(
      "Quels indicateurs sur l'ouverture internationale (mobilités, sections européennes, eTwinning) ?",
    );
    const numbers = new Set(read.map((c) => c.alternative));
    expect(numbers.size).toBe(1);
    expect([...numbers][0]).toBeDefined();
    // One word in parentheses is no enumeration.
    expect(
      concepts('Quels indicateurs sur la robotique (au collège) ?').every((c) => c.alternative === undefined),
    ).toBe(true);
  });

  it('never lets a known word answer for one the plans never use', async () => {
    const question = 'Do the plans say anything about school uniforms or a common dress code?';
    expect(concepts(question).find((c) => c.label === 'uniforms')?.alternative).toBeUndefined();
    expect((await answerer.ask(question)).reply.status).toBe('not_found');
  });

  it('gives the indicators of either theme, though none names both', async () => {
    const { reply } = await answerer.ask(
      'Quels indicateurs pour la lecture et les mathématiques dans la feuille de route du CASF ?',
    );
    const texts = (reply.citations ?? []).map((c) => c.text);
    expect(texts).toContain("% d'élèves lisant un texte.");
    expect(texts).toContain("% d'élèves groupe 3 faits numériques.");
  });
});

describe('a purpose clause before the question', () => {
  it('weighs « pour préparer … : » as the scene, not the theme', async () => {
    const read = concepts(
      "Pour préparer le conseil d'école : quelles actions pour la lecture dans le Cantal ?",
    );
    expect(read.find((c) => c.label === 'lecture')?.emphasis).toBe(1);
    expect(read.find((c) => c.label === 'conseil')?.emphasis).toBeLessThan(1);
    const { reply } = await answerer.ask(
      "Pour préparer le conseil d'école : quelles actions pour la lecture dans le Cantal ?",
    );
    expect((reply.citations ?? []).map((c) => c.text).join('\n')).toContain('lecture à haute voix');
  });

  it('keeps a public named after « pour » as the theme', () => {
    const read = concepts("Pour les directeurs d'école : quelles actions dans le Puy-de-Dôme ?");
    expect(read.every((c) => c.emphasis === 1)).toBe(true);
  });
});

describe('the words around a question', () => {
  it('lists a plan’s axes asked among words that name none of them', async () => {
    const { reply, retrieval } = await answerer.ask(
      'Je prépare une lettre d’information pour les familles : quels sont les grands axes du projet stratégique 2023-2027, en deux mots ?',
    );
    expect(retrieval.hits.map((hit) => hit.kind)).toEqual(['axis', 'axis', 'axis']);
    expect((reply.citations ?? []).map((c) => c.text).join('\n')).toContain('Accueillir chacune et chacun');
  });

  it('weighs a first-person clause after the question as the scene', () => {
    const read = concepts(
      'Que prévoit la feuille de route du CASF sur le redoublement ? Je représente des collègues inquiets.',
    );
    expect(read.find((c) => c.label === 'redoublement')?.emphasis).toBe(1);
    expect(read.filter((c) => c.label !== 'redoublement').every((c) => c.emphasis < 1)).toBe(true);
  });

  it('reads « vieux projet » as the previous plan', () => {
    expect(answerer.understand('vieux projet strat : les leviers sur le décrochage ?').planIds).toEqual([
      'cf-psa-2019',
    ]);
  });
});
