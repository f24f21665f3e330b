import type { Concept, Phrase } from '../intent.ts';
import type { UnitIndex } from './ports.ts';

/** Shortest stem whose longer forms are looked for, and how much longer they may be. */
const MIN_STEM = 5;
const MAX_EXTRA = 4;

/**
 * Adds, to each single word of the question, the plans' stems that extend it or that it extends:
 * the French stemmer leaves "langage" and "langagières" apart ("langag" / "langagi"), and
 * "numérique" and "numériques" sometimes too. Built from the index's own vocabulary.
 */
export function expandConcepts(concepts: Concept[], index: UnitIndex): Concept[] {
  let vocabulary: Map<string, string[]> | null = null;
  return concepts.map((concept) => {
    const extra: Phrase[] = [];
    for (const phrase of concept.phrases) {
      if (phrase.origin === 'lexicon' || phrase.stems.length !== 1) continue;
      const stem = phrase.stems[0] as string;
      if (stem.length < MIN_STEM) continue;
      vocabulary ??= byPrefix(index);
      for (const other of vocabulary.get(stem.slice(0, MIN_STEM)) ?? []) {
        if (other === stem || Math.abs(other.length - stem.length) > MAX_EXTRA) continue;
        const related =
          (other.startsWith(stem) || (stem.startsWith(other) && other.length >= MIN_STEM)) &&
          !concept.phrases.some((p) => p.stems.length === 1 && p.stems[0] === other);
        if (related) extra.push({ stems: [other], text: other, origin: 'prefix' });
      }
    }
    return extra.length ? { ...concept, phrases: [...concept.phrases, ...extra] } : concept;
  });
}

const prefixCache = new WeakMap<UnitIndex, Map<string, string[]>>();

/** The index's stems by their first letters: the only ones a stem can extend or be extended by. */
function byPrefix(index: UnitIndex): Map<string, string[]> {
  let map = prefixCache.get(index);
  if (!map) {
    map = new Map();
    for (const stem of index.stems()) {
      if (stem.length < MIN_STEM) continue;
      const key = stem.slice(0, MIN_STEM);
      const list = map.get(key) ?? [];
      list.push(stem);
      map.set(key, list);
    }
    prefixCache.set(index, map);
  }
  return map;
}
