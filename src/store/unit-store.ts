import type { UnitIndex } from '../core/query/rank/ports.ts';
import type { Db } from './db.ts';
import { fitsInMemory, loadMemoryUnits, MEMORY_SEARCH_MAX_CHARS, type MemoryUnits } from './unit-memory.ts';
import { BM25_CONTEXT_WEIGHT, BM25_OWN_WEIGHT, matchTerms, toUnit, type UnitRow } from './unit-rows.ts';

/** Beyond this many plans, one query over all of them is cheaper than one per plan. */
const MAX_RANGED_PLANS = 12;
/**
 * What one more FTS5 query costs, in units a single query would read and sort instead: opening
 * the cursors of a question's 20-odd stems (0.6 ms, measured on the shipped plans) is worth about
 * a thousand matched units. When the plans left out hold fewer units than the extra queries would
 * cost, one query filtered on the plans is cheaper than one query per plan.
 */
const RANGED_QUERY_COST_UNITS = 1000;

/** Field weights of bm25 for candidate generation: a unit's own words count more than its context. */
const BM25_WEIGHTS = `${BM25_OWN_WEIGHT.toFixed(1)}, ${BM25_CONTEXT_WEIGHT.toFixed(1)}`;

/**
 * The answer units' full-text index in SQLite (migration 012). Nothing is loaded at start-up; on
 * the first search or lookup (a question, or the catalog of indicators), the stems' frequencies,
 * and the units themselves when they fit in `memoryMaxChars` (unit-memory.ts: the same answers at
 * a tenth of FTS5's cost). Beyond, FTS5 searches on disk: memory does not grow with the corpus.
 */
export function createUnitIndex(db: Db, options: { memoryMaxChars?: number } = {}): UnitIndex {
  let memory: MemoryUnits | false | undefined;
  const inMemory = () => {
    memory ??= fitsInMemory(db, options.memoryMaxChars ?? MEMORY_SEARCH_MAX_CHARS) && loadMemoryUnits(db);
    return memory;
  };
  let frequencies: Map<string, number> | null = null;
  let count: number | null = null;
  const searchAll = db.prepare(
    `SELECT u.ref, u.plan_id, u.kind, u.scope, u.own, u.context FROM unit_fts
     JOIN units u ON u.id = unit_fts.rowid
     WHERE unit_fts MATCH ? ORDER BY bm25(unit_fts, ${BM25_WEIGHTS}), u.id LIMIT ?`,
  );
  // A plan's units are written together, so their rowids form one range: FTS5 seeks straight to it,
  // where filtering on the plan after the match read every plan's postings (20 ms at 250 plans).
  const searchRange = db.prepare(
    `SELECT u.ref, u.plan_id, u.kind, u.scope, u.own, u.context, bm25(unit_fts, ${BM25_WEIGHTS}), u.id FROM unit_fts
     JOIN units u ON u.id = unit_fts.rowid
     WHERE unit_fts MATCH ? AND unit_fts.rowid BETWEEN ? AND ?
     ORDER BY bm25(unit_fts, ${BM25_WEIGHTS}), u.id LIMIT ?`,
  );
  let ranges: Map<string, [number, number]> | null = null;
  const rangeOf = (plan: string) => {
    ranges ??= new Map(
      (
        db.prepare('SELECT plan_id, min(id), max(id) FROM units GROUP BY plan_id').raw().all() as [
          string,
          number,
          number,
        ][]
      ).map(([id, lo, hi]) => [id, [lo, hi]]),
    );
    return ranges.get(plan);
  };
  // Ties on bm25 are broken by position in the index, in both ways of searching: the same question
  // gets the same units whichever way was cheaper.
  const searchSome = db.prepare(
    `SELECT u.ref, u.plan_id, u.kind, u.scope, u.own, u.context FROM unit_fts
     JOIN units u ON u.id = unit_fts.rowid
     WHERE unit_fts MATCH ? AND u.plan_id IN (SELECT value FROM json_each(?))
     ORDER BY bm25(unit_fts, ${BM25_WEIGHTS}), u.id LIMIT ?`,
  );
  const byRefs = db.prepare(
    'SELECT ref, plan_id, kind, scope, own, context FROM units WHERE ref IN (SELECT value FROM json_each(?))',
  );
  const loadFrequencies = () => {
    if (!frequencies) {
      const rows = db.prepare("SELECT term, doc FROM unit_terms WHERE col = 'own'").raw().all() as [
        string,
        number,
      ][];
      frequencies = new Map(rows);
    }
    return frequencies;
  };
  const size = () => {
    count ??= db.prepare('SELECT count(*) FROM units').pluck().get() as number;
    return count;
  };
  /** The plans' units are contiguous: a range's width is its unit count. */
  const unitsOf = (plans: readonly string[]) =>
    plans.reduce((sum, plan) => {
      const range = rangeOf(plan);
      return sum + (range ? range[1] - range[0] + 1 : 0);
    }, 0);
  return {
    size,
    frequency(stem) {
      return loadFrequencies().get(stem) ?? 0;
    },
    stems() {
      return loadFrequencies().keys();
    },
    async search(stems, plans, limit) {
      const terms = matchTerms(stems);
      if (!terms.length || (plans && !plans.length)) return [];
      const held = inMemory();
      if (held) return held.search(terms, plans, limit);
      const match = terms.map((term) => `"${term}"`).join(' OR ');
      if (!plans || plans.length > MAX_RANGED_PLANS) {
        const rows = searchAll.raw().all(match, limit) as UnitRow[];
        const wanted = plans ? new Set(plans) : null;
        return rows.filter((row) => !wanted || wanted.has(row[1])).map(toUnit);
      }
      if (size() - unitsOf(plans) <= (plans.length - 1) * RANGED_QUERY_COST_UNITS) {
        return (searchSome.raw().all(match, JSON.stringify(plans), limit) as UnitRow[]).map(toUnit);
      }
      const rows: [...UnitRow, number, number][] = [];
      for (const plan of plans) {
        const range = rangeOf(plan);
        if (range)
          rows.push(
            ...(searchRange.raw().all(match, range[0], range[1], limit) as [...UnitRow, number, number][]),
          );
      }
      // bm25 is negative, lower is better, and comparable across plans of one index.
      rows.sort((a, b) => a[6] - b[6] || a[7] - b[7]);
      return rows.slice(0, limit).map((row) => toUnit(row.slice(0, 6) as UnitRow));
    },
    get(refs) {
      if (!refs.length) return [];
      const held = inMemory();
      if (held) return held.get(refs);
      return (byRefs.raw().all(JSON.stringify(refs)) as UnitRow[]).map(toUnit);
    },
  };
}
