import type { Concept, Phrase } from '../intent.ts';
import type { IndexedUnit, UnitIndex } from './ports.ts';

/** A concept with its weight: the inverse frequency of its rarest way of being said. */
export interface WeightedConcept {
  concept: Concept;
  weight: number;
}

/** A match in a unit's section context counts less than in its own words. */
const CONTEXT_FACTOR = 0.8;
/** Share of a multi-word phrase's value earned by some of its words only. */
const PARTIAL_FACTOR = 0.5;
/** An equivalent (glossary, lexicon) is a little less sure than the asker's own word. */
const EQUIVALENT_FACTOR = 0.9;
/** Share of the units a real word the plans never use is weighed as if it were in. */
const UNUSED_WORD_SHARE = 0.002;
const UNUSED_VERB_SHARE = 0.1;
/** A longer or shorter form of the asker's word ("langage" / "langagières"). */
const PREFIX_FACTOR = 0.85;
/** One word's translation standing for an English phrase ("research" for "draw on research"). */
const PART_FACTOR = 0.7;

/**
 * BM25-style weights: a concept the plans use everywhere ("élèves") weighs little, a rare one
 * much. A word the plans, glossary and lexicon do not know weighs as the rarest: it is what the
 * question is about and nothing answers it, which lowers the confidence of every answer.
 */
export function weighConcepts(concepts: Concept[], index: UnitIndex): WeightedConcept[] {
  const size = index.size();
  return concepts.map((concept) => {
    let frequency = 0;
    if (concept.known === 'plans') {
      for (const phrase of concept.phrases) {
        if (phrase.origin !== 'prefix' && phrase.origin !== 'part')
          frequency = Math.max(frequency, phraseFrequency(phrase, index));
      }
    } else {
      // A word the plans never use weighs as a fairly rare one ("uniformes" may be the whole
      // theme); a verb of the asker's ("insiste", "commence") as a common one.
      frequency = size * (concept.known === 'verb' ? UNUSED_VERB_SHARE : UNUSED_WORD_SHARE);
    }
    return { concept, weight: concept.emphasis * Math.log(1 + size / (1 + frequency)) };
  });
}

/** Units holding every stem of a phrase, bounded by its rarest stem. */
function phraseFrequency(phrase: Phrase, index: UnitIndex): number {
  let least = Number.POSITIVE_INFINITY;
  for (const stem of phrase.stems) least = Math.min(least, index.frequency(stem));
  return Number.isFinite(least) ? least : 0;
}

/** A unit's stems as sets, for the scoring of one or many questions. */
export interface UnitStems {
  own: Set<string>;
  context: Set<string>;
  /** Position of each stem in the unit's own words, for phrase proximity. */
  positions: Map<string, number[]>;
}

const indexedStems = new WeakMap<IndexedUnit, UnitStems>();

/**
 * stemsOf for a unit the index gave: built once per unit while the unit lives. Units held in
 * memory (store/unit-memory.ts) are scored by question after question; units read from FTS5 live
 * for one search.
 */
export function stemsOfIndexed(unit: IndexedUnit): UnitStems {
  let stems = indexedStems.get(unit);
  if (!stems) {
    stems = stemsOf(unit);
    indexedStems.set(unit, stems);
  }
  return stems;
}

export function stemsOf(unit: IndexedUnit): UnitStems {
  const positions = new Map<string, number[]>();
  unit.own.forEach((stem, i) => {
    const list = positions.get(stem);
    if (list) list.push(i);
    else positions.set(stem, [i]);
  });
  return { own: new Set(unit.own), context: new Set(unit.context), positions };
}

/** How well a unit expresses one concept, 0..1: its best phrase, in its own words or its context. */
export function conceptMatch(concept: Concept, stems: UnitStems): number {
  let best = 0;
  for (const phrase of concept.phrases) {
    if (!phrase.stems.length) continue;
    const quality =
      phrase.origin === 'question' || phrase.origin === 'typo'
        ? 1
        : phrase.origin === 'prefix'
          ? PREFIX_FACTOR
          : phrase.origin === 'part'
            ? PART_FACTOR
            : EQUIVALENT_FACTOR;
    let own = 0;
    let anywhere = 0;
    for (const stem of phrase.stems) {
      if (stems.own.has(stem)) own++;
      if (stems.own.has(stem) || stems.context.has(stem)) anywhere++;
    }
    const n = phrase.stems.length;
    let score = 0;
    if (own === n) score = quality * proximity(phrase.stems, stems.positions);
    else if (anywhere === n) score = quality * CONTEXT_FACTOR;
    else if (n > 1 && own > 0) score = (quality * PARTIAL_FACTOR * own) / n;
    if (score > best) best = score;
    if (best >= 1) break;
  }
  return best;
}

/**
 * 1 when a phrase's words stand together in the unit, less when they are scattered over a long
 * passage ("santé" at the start, "mentale" twenty words later says less).
 */
function proximity(phrase: string[], positions: Map<string, number[]>): number {
  if (phrase.length < 2) return 1;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const stem of phrase) {
    const list = positions.get(stem);
    if (!list?.length) return 1;
    // The occurrence nearest the first word's first one: good enough for short phrases.
    lo = Math.min(lo, list[0] as number);
    hi = Math.max(hi, list[0] as number);
  }
  return hi - lo <= phrase.length + 3 ? 1 : 0.85;
}

/** Share of an alternative group's value earned by its best member; the rest by the average. */
const ALTERNATIVE_BEST = 0.6;

/**
 * Weighted share of the question's concepts a unit expresses, 0..1. Concepts joined by "et / ou"
 * (an `alternative` group) count as one, worth their heaviest member: a unit expressing one of
 * them earns most of it, one expressing them all earns it whole.
 */
export function coverage(weighted: WeightedConcept[], stems: UnitStems): number {
  let total = 0;
  let got = 0;
  let groups: Map<number, { weight: number; best: number; sum: number; count: number }> | null = null;
  for (const { concept, weight } of weighted) {
    const match = conceptMatch(concept, stems);
    if (concept.alternative === undefined) {
      total += weight;
      got += weight * match;
      continue;
    }
    groups ??= new Map();
    const group = groups.get(concept.alternative) ?? { weight: 0, best: 0, sum: 0, count: 0 };
    group.weight = Math.max(group.weight, weight);
    group.best = Math.max(group.best, match);
    group.sum += match;
    group.count++;
    groups.set(concept.alternative, group);
  }
  if (groups) {
    for (const group of groups.values()) {
      total += group.weight;
      got +=
        group.weight * (ALTERNATIVE_BEST * group.best + ((1 - ALTERNATIVE_BEST) * group.sum) / group.count);
    }
  }
  return total ? got / total : 0;
}

/** Weighted share of the question's concepts that are known words at all. */
export function knownShare(weighted: WeightedConcept[]): number {
  let total = 0;
  let known = 0;
  for (const { concept, weight } of weighted) {
    total += weight;
    if (concept.known === 'plans') known += weight;
  }
  return total ? known / total : 1;
}
