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
