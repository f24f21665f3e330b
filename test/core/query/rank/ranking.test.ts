import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../../../src/core/query/answerer.ts';
import type { Concept, QueryIntent } from '../../../../src/core/query/intent.ts';
import type { IndexedUnit, UnitIndex } from '../../../../src/core/query/rank/ports.ts';
import { candidateStems, rankUnits } from '../../../../src/core/query/rank/ranking.ts';
import { conceptMatch, coverage, stemsOf, weighConcepts } from '../../../../src/core/query/rank/score.ts';
import { testContext } from '../../../helpers/plans.ts';

// The ranking's mechanisms, from intents: weights, fields, the answer types that need a figure or
// a date, and the bounded search for candidates (on an in-memory index).
let ctx: ReturnType<typeof testContext>;
let answerer: Answerer;
beforeAll(() => {
  ctx = testContext();
  answerer = ctx.answerer();
});
afterAll(() => ctx.cleanup());

const concept = (label: string, stems: string[], extra: Partial<Concept> = {}): Concept => ({
  label,
  phrases: [{ text: label, stems, origin: 'question' }],
  group: null,
  known: 'plans',
  emphasis: 1,
  ...extra,
});
const unit = (own: string[], context: string[] = []): IndexedUnit => ({
  ref: 'u',
  planId: 'p',
  kind: 'action',
  scope: 's',
  own,
  context,
});

describe('weights', () => {
  it('weighs a rare word more than a common one, and an unused noun more than an unused verb', () => {
    const [eleves, etwinning] = weighConcepts(
      [concept('élèves', ['elev']), concept('eTwinning', ['etwinning'])],
      answerer.index,
    );
    expect(etwinning?.weight).toBeGreaterThan((eleves?.weight ?? 0) * 2);
    const [noun, verb] = weighConcepts(
      [
        concept('uniformes', ['uniform'], { known: 'word' }),
        concept('insiste', ['insist'], { known: 'verb' }),
      ],
      answerer.index,
    );
    expect(noun?.weight).toBeGreaterThan(verb?.weight ?? 0);
  });

  it('counts a scene-setting clause at half weight', () => {
    const [full, half] = weighConcepts(
      [concept('collège', ['colleg']), concept('collège', ['colleg'], { emphasis: 0.5 })],
      answerer.index,
    );
    expect(half?.weight).toBeCloseTo((full?.weight ?? 0) / 2);
  });
});

describe('fields', () => {
  it('credits a word of the section title, less than a word of the unit itself', () => {
    const numbers = concept('faits numériques', ['fait', 'numer']);
    const own = conceptMatch(numbers, stemsOf(unit(['fait', 'numer', 'calcul'])));
    const context = conceptMatch(numbers, stemsOf(unit(['calcul'], ['fait', 'numer'])));
    expect(own).toBe(1);
    expect(context).toBeGreaterThan(0.5);
    expect(context).toBeLessThan(own);
  });

  it('credits a phrase whose words stand apart less than one whose words stand together', () => {
    const health = concept('santé mentale', ['sant', 'mental']);
    const together = conceptMatch(health, stemsOf(unit(['form', 'sant', 'mental'])));
    const apart = conceptMatch(health, stemsOf(unit(['sant', ...Array(12).fill('x'), 'mental'])));
    expect(apart).toBeLessThan(together);
  });

  it('credits half a phrase for some of its words', () => {
    const share = coverage(
      weighConcepts([concept('premiers secours', ['premi', 'secour'])], answerer.index),
      stemsOf(unit(['secour'])),
    );
    expect(share).toBeCloseTo(0.25);
  });
});

describe('what an answer must hold', () => {
  const rank = async (intent: QueryIntent) => {
    const weighted = weighConcepts(intent.concepts, answerer.index);
    const plans = ctx.library().plans.map((p) => p.id);
    return rankUnits(
      intent,
      weighted,
      { plans, scopes: new Set(), departements: [], sections: [] },
      {
        library: ctx.library(),
        index: answerer.index,
        numberWords: answerer.numberWords,
        timeWords: answerer.timeWords,
        monthWords: answerer.monthWords,
      },
    );
  };

  it('lowers a unit without a number for a "how many" question', async () => {
    const base = answerer.understand('Quelles mesures pour les conseillers RH de proximité ?');
    const plain = (await rank(base))[0];
    const howMany = (await rank({ ...base, qtype: 'howmany' })).find((s) => s.unit.ref === plain?.unit.ref);
    expect(howMany?.coverage).toBeLessThan((plain?.coverage ?? 0) * 0.5);
  });

  it('lowers a unit without a date for a "when" question, not one with a date', async () => {
    const intent = answerer.understand('Le Copil santé et sécurité au travail se réunit-il ?');
    const plain = (await rank(intent))[0];
    const when = (await rank({ ...intent, qtype: 'when' })).find((s) => s.unit.ref === plain?.unit.ref);
    expect(when?.coverage).toBeCloseTo(plain?.coverage ?? 0);
  });

  it('lowers a unit that does not name the counted thing', async () => {
    const intent = answerer.understand("Combien d'heures dure la formation sur la lecture à haute voix ?");
    const required = intent.concepts.find((c) => c.required);
    expect(required?.label).toBe('heures');
    const ranked = await rank(intent);
    const weighted = weighConcepts(intent.concepts, answerer.index);
    const named = ranked.find((s) => s.unit.own.includes('heur'));
    const unnamed = ranked.find((s) => !s.unit.own.includes('heur'));
    expect(named?.coverage).toBeCloseTo(coverage(weighted, stemsOf(named?.unit ?? unit([]))));
    expect(unnamed?.coverage).toBeLessThan(coverage(weighted, stemsOf(unnamed?.unit ?? unit([]))) * 0.5);
  });
});

describe('candidates', () => {
  it('are found by each phrase’s rarest stem, rarest first, within a budget of postings', () => {
    const frequencies: Record<string, number> = { rare: 3, mid: 900, common: 3000, huge: 9000 };
    const index: UnitIndex = {
      size: () => 20_000,
      frequency: (stem) => frequencies[stem] ?? 0,
      stems: () => Object.keys(frequencies),
      search: async () => [],
      get: () => [],
    };
    const weighted = weighConcepts(
      [
        concept('a', ['huge', 'rare']),
        concept('b', ['mid']),
        concept('c', ['common']),
        concept('d', ['huge']),
      ],
      index,
    );
    expect(candidateStems(weighted, index)).toEqual(['rare', 'mid', 'common']);
  });
});
