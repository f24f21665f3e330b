import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { fitsInMemory, MEMORY_SEARCH_MAX_CHARS } from '../../src/store/unit-memory.ts';
import { createUnitIndex } from '../../src/store/unit-store.ts';
import { testContext } from '../helpers/plans.ts';
import { expectSameSearches, recordSearches, refs, type SearchCall } from '../helpers/searches.ts';

// Issue 14: the shipped plans are searched in memory (a tenth of FTS5's cost per question) and
// must give exactly what FTS5 gives: the same units, in the same order, ties included.
describe('the answer units searched in memory', () => {
  let ctx: AppContext & { cleanup: () => void };
  let calls: SearchCall[];
  beforeAll(async () => {
    ctx = testContext();
    ({ calls } = await recordSearches(ctx.answerer()));
  });
  afterAll(() => ctx.cleanup());

  it('holds the shipped plans, and leaves a corpus past its budget to FTS5', () => {
    expect(fitsInMemory(ctx.db)).toBe(true);
    const chars = ctx.db
      .prepare('SELECT sum(length(own) + length(context)) FROM units')
      .pluck()
      .get() as number;
    // Room for the plans an académie adds: twice the shipped ones still fit.
    expect(2 * chars).toBeLessThan(MEMORY_SEARCH_MAX_CHARS);
    expect(fitsInMemory(ctx.db, chars - 1)).toBe(false);
    expect(fitsInMemory(ctx.db, chars)).toBe(true);
  });

  it('finds the units FTS5 finds, in the same order, for every search the question sets make', async () => {
    const memory = createUnitIndex(ctx.db);
    const fts5 = createUnitIndex(ctx.db, { memoryMaxChars: 0 });
    await expectSameSearches(
      calls,
      (...call) => fts5.search(...call),
      (...call) => memory.search(...call),
    );
    // Small limits too: the cut falls inside runs of equal scores, where only the tiebreak decides.
    for (const [stems, plans] of calls.slice(0, 60))
      for (const limit of [1, 5, 17]) {
        const expected = refs(await fts5.search(stems, plans, limit));
        expect(refs(await memory.search(stems, plans, limit)), stems.join(' ')).toEqual(expected);
      }
  });

  it('looks units up by ref as FTS5 does, unknown refs left out', () => {
    const memory = createUnitIndex(ctx.db);
    const fts5 = createUnitIndex(ctx.db, { memoryMaxChars: 0 });
    const some = (
      ctx.db.prepare('SELECT ref FROM units ORDER BY random() LIMIT 40').pluck().all() as string[]
    ).concat('no-such-unit');
    const byRef = (units: { ref: string; own: string[]; context: string[]; scope: string }[]) =>
      units.map((unit) => [unit.ref, unit.scope, unit.own.join(' '), unit.context.join(' ')]).sort();
    expect(byRef(memory.get(some))).toEqual(byRef(fts5.get(some)));
    expect(memory.get(some)).toHaveLength(40);
  });
});
