import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../../src/core/query/answerer.ts';
import { EVAL_COPY_DIR, EVAL_DIR, FRESH_DIR, SHARED_EVAL_DIR } from '../../helpers/eval-norm.ts';
import { scoreSet } from '../../helpers/eval-score.ts';
import { testContext } from '../../helpers/plans.ts';

// Issue 18: the independent question sets (and our own fresh sets, test/fixtures/fresh/) may not lose ground. Their figures (same rules as
// ../shared/eval/score.mjs) are held against the floors of test/fixtures/eval/floors.json; a drop
// names the questions lost. Raise a floor when the score rises: `npx tsx test/tools/floors.ts`.
interface Floor {
  recall: number;
  strict: number;
  notFound: number;
  /** A ceiling: recall bought by citing everything is not recall. */
  maxMedianCitations: number;
  passing: string[];
}
const floors = JSON.parse(readFileSync(path.join(EVAL_COPY_DIR, 'floors.json'), 'utf8')) as {
  sets: Record<string, Floor>;
  /** Our own fresh sets (test/fixtures/fresh/): same rules, own floors. */
  fresh: Record<string, Floor>;
};

let ctx: ReturnType<typeof testContext>;
let answerer: Answerer;
beforeAll(() => {
  ctx = testContext();
  answerer = ctx.answerer();
});
afterAll(() => ctx.cleanup());

describe('answer quality on the independent question sets', () => {
  const all = [
    ...Object.keys(floors.sets).map((name) => ({ name, floor: floors.sets[name] as Floor, dir: EVAL_DIR })),
    ...Object.keys(floors.fresh).map((name) => ({
      name,
      floor: floors.fresh[name] as Floor,
      dir: FRESH_DIR,
    })),
  ];
  it.each(all)('$name stays at or above its floors', async ({ name, floor, dir }) => {
    const score = await scoreSet(answerer, path.join(dir, name));
    const lost = floor.passing.filter((id) => score.passed[id] === false);
    const gained = Object.keys(score.passed).filter((id) => score.passed[id] && !floor.passing.includes(id));
    const report = `${name}: ${score.line}; lost ${lost.join(', ') || 'none'}; gained ${gained.join(', ') || 'none'}`;
    expect(score.recall, report).toBeGreaterThanOrEqual(floor.recall);
    expect(score.strict, report).toBeGreaterThanOrEqual(floor.strict);
    expect(score.notFound, report).toBeGreaterThanOrEqual(floor.notFound);
    expect(score.medianCitations, report).toBeLessThanOrEqual(floor.maxMedianCitations);
  });

  it('scores the maintainers’ files when they are beside the repository, else the same copies', () => {
    if (!existsSync(SHARED_EVAL_DIR)) return expect(EVAL_DIR).toBe(EVAL_COPY_DIR);
    for (const name of ['normalize.mjs', ...Object.keys(floors.sets)]) {
      expect(
        readFileSync(path.join(EVAL_COPY_DIR, name), 'utf8'),
        `${name}: copy it again from ../shared/eval`,
      ).toBe(readFileSync(path.join(SHARED_EVAL_DIR, name), 'utf8'));
    }
  });
});
