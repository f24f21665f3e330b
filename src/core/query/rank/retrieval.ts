import type { PlanLibrary } from '../../plans/library.ts';
import type { PlanNode } from '../../plans/types.ts';
import type { AnswerKind, QueryIntent } from '../intent.ts';
import type { UnitIndex } from './ports.ts';
import type { UnitKind } from './units.ts';

/** A unit retained for the answer. */
export interface Hit {
  ref: string;
  planId: string;
  kind: UnitKind;
  scope: string;
  /** Weighted share of the question the unit expresses, 0..1 (1 for a listed section item). */
  coverage: number;
  reason: 'ranked' | 'structure' | 'list';
}

export interface Side {
  /** Scope key or plan id the side stands for. */
  key: string;
  hits: Hit[];
}

export interface Retrieval {
  status: 'answered' | 'not_found';
  hits: Hit[];
  /** Kinds the answer lists, for its header (empty: a mix of items and passages). */
  kinds: AnswerKind[];
  /** Nothing for the département itself: these are its académie's units. */
  academieFallback: string | null;
  /** The fallback is for the kind asked: the département has items on the theme, none of that kind. */
  fallbackKind?: AnswerKind;
  /** Units left out beyond the answer's size. */
  truncated: number;
  /** Why not found; `no_fact`: the plans name the theme but give no number, time or date for it. */
  reason?:
    | 'no_match'
    | 'no_fact'
    | 'not_specific'
    | 'too_broad'
    | 'unknown_section'
    | 'empty_scope'
    | 'unknown_place';
  /** Sections the question named that were found. */
  sections: PlanNode[];
  /** Weighted share of the question the best unit expresses. */
  confidence: number;
  /** Comparisons: the hits of each side, in the order the question names them. */
  sides?: Side[];
  /** `no_fact`: the question's concepts the plans name without the fact asked. */
  themeFound?: string[];
  /** The sentence of a unit that answers a who / when / how many question, shown first. */
  lead?: { ref: string; sentence: string };
}

export interface RetrievalContext {
  library: PlanLibrary;
  index: UnitIndex;
  /** Stems of the number words ("cinq", "five"): a "how many" answer holds a number. */
  numberWords: ReadonlySet<string>;
  /** Stems of the words that date something: a "when" answer holds one, or a year. */
  timeWords: ReadonlySet<string>;
  monthWords: ReadonlySet<string>;
}

/** Below this share of the question's weight in its best unit, the plans do not answer it. */
export const MIN_CONFIDENCE = 0.5;
export const MIN_CONFIDENCE_IN_SECTION = 0.35;

/** Questions about a fact (who, when, how many…): the plans' prose may hold the answer. */
export const FACT_TYPES = new Set(['who', 'when', 'date', 'howmany', 'why', 'how']);

/** A not_found retrieval, with its reason. */
export function empty(intent: QueryIntent, reason: Retrieval['reason']): Retrieval {
  return {
    status: 'not_found',
    hits: [],
    kinds: intent.kinds,
    academieFallback: null,
    truncated: 0,
    reason,
    sections: [],
    confidence: 0,
  };
}
