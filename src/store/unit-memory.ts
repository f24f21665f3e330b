import type { IndexedUnit } from '../core/query/rank/ports.ts';
import type { UnitKind } from '../core/query/rank/units.ts';
import type { Db } from './db.ts';
import { bm25OfCounts, type UnitRow } from './unit-rows.ts';

/**
 * Up to this many characters of unit stems (own and context; the shipped plans hold ~210,000), the
 * units are searched in memory: ~2.5 bytes of heap per character for the index, ~14 once every
 * unit's stem sets are cached by ranking (core/query/rank/score.ts), so 8 MB at most under the
 * 150 MB target of bench:load. A larger corpus (a national deployment) is searched by FTS5 on
 * disk, and memory stays the same whatever the corpus holds.
 */
export const MEMORY_SEARCH_MAX_CHARS = 600_000;

/** The units' search held in memory: what FTS5 answers, for a fraction of its cost. */
export interface MemoryUnits {
  /** As UnitIndex.search, `terms` as matchTerms gives them. */
  search(terms: readonly string[], plans: readonly string[] | null, limit: number): IndexedUnit[];
  get(refs: readonly string[]): IndexedUnit[];
}

/** Whether the units fit the memory budget (one pass over the units table, no text read). */
export function fitsInMemory(db: Db, maxChars = MEMORY_SEARCH_MAX_CHARS): boolean {
  const chars = db
    .prepare('SELECT coalesce(sum(length(own) + length(context)), 0) FROM units')
    .pluck()
    .get() as number;
  return chars <= maxChars;
}

/**
 * Reads every unit once and keeps, per stem, the units holding it and how often (own words,
 * context). A search then scores the matched units with FTS5's bm25 (unit-rows.ts), with the
 * IDFs computed by SQLite's own ln() as FTS5 computes them, and breaks ties on the unit's id as
 * the FTS5 queries do: the same units in the same order (test/store/unit-memory.test.ts).
 */
export function loadMemoryUnits(db: Db): MemoryUnits {
  // Built in functions of their own: what only the building needs is not kept by the closures below.
  const units = readUnits(db);
  const byRef = new Map(units.map((unit, at) => [unit.ref, at]));
  const { stemAt, starts, data, lengths, tokens } = buildPostings(units);
  /** Units holding the stem (its postings are 3 numbers per unit). */
  const holding = (i: number | undefined) =>
    i === undefined ? 0 : ((starts[i + 1] as number) - (starts[i] as number)) / 3;
  const avgdl = tokens / Math.max(units.length, 1);
  const idfOf = idfs(db, units.length, new Set([0, ...[...stemAt.values()].map(holding)]));

  return {
    search(terms, plans, limit) {
      const wanted = plans ? new Set(plans) : null;
      const n = terms.length;
      const idf = terms.map((term) => idfOf.get(holding(stemAt.get(term))) as number);
      // Per matched unit: occurrences of each term in its own words, then in its context.
      const counts = new Map<number, Int32Array>();
      terms.forEach((term, i) => {
        const stem = stemAt.get(term);
        if (stem === undefined) return;
        for (let k = starts[stem] as number; k < (starts[stem + 1] as number); k += 3) {
          const at = data[k] as number;
          if (wanted && !wanted.has((units[at] as IndexedUnit).planId)) continue;
          let row = counts.get(at);
          if (!row) {
            row = new Int32Array(2 * n);
            counts.set(at, row);
          }
          row[i] = data[k + 1] as number;
          row[n + i] = data[k + 2] as number;
        }
      });
      const scored: { at: number; score: number }[] = [];
      for (const [at, row] of counts) {
        const score = bm25OfCounts(row.subarray(0, n), row.subarray(n), lengths[at] as number, idf, avgdl);
        scored.push({ at, score });
      }
      scored.sort((a, b) => a.score - b.score || a.at - b.at);
      return scored.slice(0, limit).map(({ at }) => units[at] as IndexedUnit);
    },
    get(refs) {
      return refs.flatMap((ref) => {
        const at = byRef.get(ref);
        return at === undefined ? [] : [units[at] as IndexedUnit];
      });
    },
  };
}

function readUnits(db: Db): IndexedUnit[] {
  const rows = db
    .prepare('SELECT ref, plan_id, kind, scope, own, context FROM units ORDER BY id')
    .raw()
    .all() as UnitRow[];
  // One string per distinct stem, plan, kind or scope, shared by every unit that holds it: a unit's
  // words cost a pointer each, not a string each.
  const shared = new Map<string, string>();
  const intern = (word: string) => {
    const known = shared.get(word);
    if (known !== undefined) return known;
    shared.set(word, word);
    return word;
  };
  const split = (text: string) => (text ? text.split(' ').map(intern) : []);
  return rows.map(([ref, planId, kind, scope, own, context]) => ({
    ref,
    planId: intern(planId),
    kind: intern(kind) as UnitKind,
    scope: intern(scope),
    own: split(own),
    context: split(context),
  }));
}

/**
 * Per stem, the units holding it: [unit position, occurrences in own, occurrences in context],
 * all stems' runs in one array (starts[i] to starts[i + 1]): a typed array per stem would cost
 * more in headers than in postings. With each unit's length in words, as FTS5 counts them.
 */
function buildPostings(units: readonly IndexedUnit[]) {
  const lengths = new Float64Array(units.length);
  const building = new Map<string, number[]>();
  let tokens = 0;
  units.forEach((unit, at) => {
    const counts = new Map<string, [number, number]>();
    for (const word of unit.own) (counts.get(word) ?? setNew(counts, word))[0]++;
    for (const word of unit.context) (counts.get(word) ?? setNew(counts, word))[1]++;
    let length = 0;
    for (const [word, [own, context]] of counts) {
      length += own + context;
      const list = building.get(word);
      if (list) list.push(at, own, context);
      else building.set(word, [at, own, context]);
    }
    lengths[at] = length;
    tokens += length;
  });
  const stemAt = new Map<string, number>();
  const starts = new Int32Array(building.size + 1);
  const data = new Int32Array([...building.values()].reduce((sum, list) => sum + list.length, 0));
  for (const [word, list] of building) {
    const i = stemAt.size;
    stemAt.set(word, i);
    data.set(list, starts[i] as number);
    starts[i + 1] = (starts[i] as number) + list.length;
  }
  return { stemAt, starts, data, lengths, tokens };
}

function setNew(counts: Map<string, [number, number]>, word: string): [number, number] {
  const fresh: [number, number] = [0, 0];
  counts.set(word, fresh);
  return fresh;
}

/**
 * IDF per number of units holding a term, as FTS5's bm25 computes it (fts5_aux.c): with SQLite's
 * ln(), the C library's log as FTS5 calls it, not JavaScript's, which differs in the last bit.
 */
function idfs(db: Db, count: number, hits: ReadonlySet<number>): Map<number, number> {
  const rows = db
    .prepare('SELECT value, ln((? - value + 0.5) / (value + 0.5)) FROM json_each(?)')
    .raw()
    .all(count, JSON.stringify([...hits])) as [number, number][];
  return new Map(rows.map(([hit, idf]) => [hit, idf <= 0 ? 1e-6 : idf]));
}
