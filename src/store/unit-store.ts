import type { IndexedUnit, UnitIndex } from '../core/query/rank/ports.ts';
import type { UnitKind } from '../core/query/rank/units.ts';
import type { Db } from './db.ts';

type UnitRow = [ref: string, planId: string, kind: UnitKind, scope: string, own: string, context: string];

const toUnit = ([ref, planId, kind, scope, own, context]: UnitRow): IndexedUnit => ({
  ref,
  planId,
  kind,
  scope,
  own: own ? own.split(' ') : [],
  context: context ? context.split(' ') : [],
});

/** Beyond this many plans, one query over all of them is cheaper than one per plan. */
const MAX_RANGED_PLANS = 12;

/** Field weights of bm25 for candidate generation: a unit's own words count more than its context. */
const BM25_WEIGHTS = '1.0, 0.4';

/**
 * The answer units' full-text index in SQLite (migration 012). Nothing is loaded at start-up but
 * the stems' frequencies, on the first question: memory does not grow with the corpus.
 */
export function createUnitIndex(db: Db): UnitIndex {
  let frequencies: Map<string, number> | null = null;
  let count: number | null = null;
  const searchAll = db.prepare(
    `SELECT u.ref, u.plan_id, u.kind, u.scope, u.own, u.context FROM unit_fts
     JOIN units u ON u.id = unit_fts.rowid
     WHERE unit_fts MATCH ? ORDER BY bm25(unit_fts, ${BM25_WEIGHTS}) LIMIT ?`,
  );
  // A plan's units are written together, so their rowids form one range: FTS5 seeks straight to it,
  // where filtering on the plan after the match read every plan's postings (20 ms at 250 plans).
  const searchRange = db.prepare(
    `SELECT u.ref, u.plan_id, u.kind, u.scope, u.own, u.context, bm25(unit_fts, ${BM25_WEIGHTS}) FROM unit_fts
     JOIN units u ON u.id = unit_fts.rowid
     WHERE unit_fts MATCH ? AND unit_fts.rowid BETWEEN ? AND ?
     ORDER BY bm25(unit_fts, ${BM25_WEIGHTS}) LIMIT ?`,
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
  return {
    size() {
      count ??= db.prepare('SELECT count(*) FROM units').pluck().get() as number;
      return count;
    },
    frequency(stem) {
      return loadFrequencies().get(stem) ?? 0;
    },
    stems() {
      return loadFrequencies().keys();
    },
    search(stems, plans, limit) {
      const terms = [...new Set(stems.map((stem) => stem.replace(/[^a-z0-9+]/gu, '')))].filter(Boolean);
      if (!terms.length || (plans && !plans.length)) return [];
      const match = terms.map((term) => `"${term}"`).join(' OR ');
      if (!plans || plans.length > MAX_RANGED_PLANS) {
        const rows = searchAll.raw().all(match, limit) as UnitRow[];
        const wanted = plans ? new Set(plans) : null;
        return rows.filter((row) => !wanted || wanted.has(row[1])).map(toUnit);
      }
      const rows: [...UnitRow, number][] = [];
      for (const plan of plans) {
        const range = rangeOf(plan);
        if (range)
          rows.push(...(searchRange.raw().all(match, range[0], range[1], limit) as [...UnitRow, number][]));
      }
      // bm25 is negative, lower is better, and comparable across plans of one index.
      rows.sort((a, b) => a[6] - b[6]);
      return rows.slice(0, limit).map((row) => toUnit(row.slice(0, 6) as UnitRow));
    },
    get(refs) {
      if (!refs.length) return [];
      return (byRefs.raw().all(JSON.stringify(refs)) as UnitRow[]).map(toUnit);
    },
  };
}
