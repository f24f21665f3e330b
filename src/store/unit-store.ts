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
  const searchPlans = db.prepare(
    `SELECT u.ref, u.plan_id, u.kind, u.scope, u.own, u.context FROM unit_fts
     JOIN units u ON u.id = unit_fts.rowid
     WHERE unit_fts MATCH ? AND u.plan_id IN (SELECT value FROM json_each(?))
     ORDER BY bm25(unit_fts, ${BM25_WEIGHTS}) LIMIT ?`,
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
      const rows = plans
        ? searchPlans.raw().all(match, JSON.stringify(plans), limit)
        : searchAll.raw().all(match, limit);
      return (rows as UnitRow[]).map(toUnit);
    },
    get(refs) {
      if (!refs.length) return [];
      return (byRefs.raw().all(JSON.stringify(refs)) as UnitRow[]).map(toUnit);
    },
  };
}
