import type { IndexedUnit } from '../core/query/rank/ports.ts';
import type { UnitKind } from '../core/query/rank/units.ts';

/** One answer unit as both engines' stores read it (units table, migration 012 / PostgreSQL 001). */
export type UnitRow = [
  ref: string,
  planId: string,
  kind: UnitKind,
  scope: string,
  own: string,
  context: string,
];

/**
 * The terms a search matches: the stems as the index holds them (letters, digits, "+"), each once,
 * in the question's order. bm25 adds the terms' shares in this order, so both engines must use it.
 */
export function matchTerms(stems: readonly string[]): string[] {
  return [...new Set(stems.map((stem) => stem.replace(/[^a-z0-9+]/gu, '')))].filter(Boolean);
}

/**
 * A unit read from the index. Its stems are split on first use: most candidates are dropped on
 * their scope or section before ranking reads their words.
 */
class StoredUnit implements IndexedUnit {
  #own: string[] | null = null;
  #context: string[] | null = null;
  constructor(
    readonly ref: string,
    readonly planId: string,
    readonly kind: UnitKind,
    readonly scope: string,
    private readonly ownText: string,
    private readonly contextText: string,
  ) {}
  get own(): string[] {
    this.#own ??= this.ownText ? this.ownText.split(' ') : [];
    return this.#own;
  }
  get context(): string[] {
    this.#context ??= this.contextText ? this.contextText.split(' ') : [];
    return this.#context;
  }
}

export const toUnit = ([ref, planId, kind, scope, own, context]: UnitRow): IndexedUnit =>
  new StoredUnit(ref, planId, kind, scope, own, context);

/** bm25's column weights, as store/unit-store.ts gives them to FTS5: own words, then context. */
export const BM25_OWN_WEIGHT = 1.0;
export const BM25_CONTEXT_WEIGHT = 0.4;
const K1 = 1.2;
const B = 0.75;

/**
 * FTS5's bm25 (sqlite/ext/fts5/fts5_aux.c, fts5Bm25Function), operation for operation in double
 * precision: a term's weighted frequency adds each occurrence's column weight in turn (own words
 * first), and the score adds each term's share in the query's order, absent terms included. With
 * the IDFs and the average length the index computes (PostgreSQL's ln() is the C library's, as
 * SQLite's log()), the numbers are FTS5's to the last bit, hence the order and the ties.
 * `terms`: each query term and its position in the query (and in `idf`).
 */
export function fts5Bm25(
  own: readonly string[],
  context: readonly string[],
  terms: ReadonlyMap<string, number>,
  idf: readonly number[],
  avgdl: number,
): number {
  // Occurrences per query term and column, counted in one pass over the words.
  const inOwn = new Array<number>(idf.length).fill(0);
  const inContext = new Array<number>(idf.length).fill(0);
  for (const word of own) {
    const at = terms.get(word);
    if (at !== undefined) inOwn[at] = (inOwn[at] as number) + 1;
  }
  for (const word of context) {
    const at = terms.get(word);
    if (at !== undefined) inContext[at] = (inContext[at] as number) + 1;
  }
  return bm25OfCounts(inOwn, inContext, own.length + context.length, idf, avgdl);
}

/**
 * fts5Bm25 once the occurrences are counted: `inOwn[i]` and `inContext[i]` of the i-th query term,
 * `length` the unit's words in both columns.
 */
export function bm25OfCounts(
  inOwn: ArrayLike<number>,
  inContext: ArrayLike<number>,
  length: number,
  idf: readonly number[],
  avgdl: number,
): number {
  let score = 0.0;
  for (let i = 0; i < idf.length; i++) {
    let freq = 0.0;
    for (let k = inOwn[i] as number; k > 0; k--) freq += BM25_OWN_WEIGHT;
    for (let k = inContext[i] as number; k > 0; k--) freq += BM25_CONTEXT_WEIGHT;
    score += (idf[i] as number) * ((freq * (K1 + 1.0)) / (freq + K1 * (1 - B + (B * length) / avgdl)));
  }
  return -1.0 * score;
}
