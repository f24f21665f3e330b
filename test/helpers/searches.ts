import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Answerer } from '../../src/core/query/answerer.ts';
import type { IndexedUnit, UnitIndex } from '../../src/core/query/rank/ports.ts';
import { ROOT_DIR } from '../../src/platform/paths.ts';
import { EVAL_DIR } from './eval-norm.ts';
import { scoreSet } from './eval-score.ts';

/** Every question set the repository holds: the evaluation's and the extra fixtures. */
export const QUESTION_SETS = [
  path.join(EVAL_DIR, 'dev-questions.json'),
  path.join(EVAL_DIR, 'dev-questions-2.json'),
  ...readdirSync(path.join(ROOT_DIR, 'test', 'fixtures'))
    .filter((name) => /^questions-extra.*\.json$/u.test(name))
    .map((name) => path.join(ROOT_DIR, 'test', 'fixtures', name)),
];

export type SearchCall = Parameters<UnitIndex['search']>;

/**
 * The searches the real answerer makes on its index while it answers every question set, and the
 * index's own search (to replay them on it).
 */
export async function recordSearches(
  answerer: Answerer,
): Promise<{ calls: SearchCall[]; search: UnitIndex['search'] }> {
  const index = answerer.index;
  const calls: SearchCall[] = [];
  const search = index.search.bind(index);
  Object.assign(index, {
    search: (...args: SearchCall) => {
      calls.push(args);
      return search(...args);
    },
  });
  try {
    for (const file of QUESTION_SETS) await scoreSet(answerer, file);
  } finally {
    Object.assign(index, { search });
  }
  return { calls, search };
}

/** The refs of what a search found, null when it found nothing it could answer with. */
export const refs = (units: IndexedUnit[] | null | 'busy') => {
  if (units === 'busy') throw new Error('search refused as busy');
  return units?.map((unit) => unit.ref) ?? null;
};

/**
 * Replays the recorded searches (~280, some limited to plans) on two indexes and expects the same
 * units in the same order from both, over more than 10,000 units in all.
 */
export async function expectSameSearches(
  calls: readonly SearchCall[],
  expected: (...call: SearchCall) => Promise<IndexedUnit[] | null | 'busy'>,
  found: (...call: SearchCall) => Promise<IndexedUnit[] | null | 'busy'>,
): Promise<void> {
  expect(calls.length).toBeGreaterThan(250);
  expect(calls.some(([, plans]) => plans !== null)).toBe(true);
  const differences: string[] = [];
  let units = 0;
  for (const [stems, plans, limit] of calls) {
    const want = refs(await expected(stems, plans, limit));
    const got = refs(await found(stems, plans, limit));
    units += want?.length ?? 0;
    if (JSON.stringify(got) !== JSON.stringify(want))
      differences.push(`${stems.join(' ')} [${plans?.join(',') ?? 'all'}]`);
  }
  expect(units).toBeGreaterThan(10_000);
  expect(differences).toEqual([]);
}
