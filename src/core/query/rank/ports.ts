import type { UnitKind } from './units.ts';

/** A unit as ranking reads it: the stems of its own words (in order) and of its context. */
export interface IndexedUnit {
  ref: string;
  planId: string;
  kind: UnitKind;
  scope: string;
  own: string[];
  context: string[];
}

/** The store's full-text index of answer units (see store/unit-store.ts), the ranker's only input. */
export interface UnitIndex {
  /** Number of units in the index. */
  size(): number;
  /** Number of units whose own words hold the stem. */
  frequency(stem: string): number;
  /** Every stem of the units' own words. */
  stems(): Iterable<string>;
  /**
   * Units holding any of the stems (own words or context), best bm25 first, at most `limit`;
   * only those of `plans` when given. Asynchronous: the index may live in another process
   * (PostgreSQL, see store/postgres/unit-search.ts).
   */
  search(stems: string[], plans: readonly string[] | null, limit: number): Promise<IndexedUnit[]>;
  /** The units of the given refs that exist, in no particular order. */
  get(refs: readonly string[]): IndexedUnit[];
}
