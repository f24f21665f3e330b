import type { PlanLibrary } from '../../plans/library.ts';
import type { PlanNode } from '../../plans/types.ts';
import { letterKey } from '../../text/fold.ts';
import type { QueryIntent } from '../intent.ts';
import { type Filters, kindsFor } from './filters.ts';
import type { IndexedUnit, UnitIndex } from './ports.ts';
import { conceptMatch, coverage, stemsOfIndexed, type WeightedConcept } from './score.ts';

export interface Scored {
  unit: IndexedUnit;
  /** Weighted share of the question the unit expresses, 0..1. */
  coverage: number;
  /** Coverage with the question's preferences applied (kind, prose, level): the ranking key. */
  score: number;
  /** The unit names the theme but not what a how-many / when / what-date question asks of it. */
  lacksFact?: true;
}

/** Candidates read from the full-text index per question: enough to hold every plausible answer. */
const CANDIDATES = 400;
/** Postings read to find the candidates, at most (see candidateStems). */
const MAX_POSTINGS = 4000;
/** A unit of another kind than the one asked still answers, less surely: prose may hold the list. */
const OTHER_KIND = 0.65;
const PASSAGE_FOR_KIND = 0.8;
/** Items when the question points at an introduction or preamble. */
const ITEM_FOR_PROSE = 0.8;
/** A département's unit when the question names none: the académie's level comes first. */
const DEPARTEMENT_UNNAMED = 0.9;
/** What a "how is it measured" question finds outside indicators. */
const MEASURED_ELSEWHERE = 0.85;
const PREAMBLE_FOR_FACTS = 1.1;
/**
 * "Combien…", "quand…", "à quelle date…": a unit without a number, a time or a date does not
 * answer, however well it names the theme.
 */
export const NO_NUMBER = 0.45;
const FACT_TYPES = new Set(['who', 'when', 'date', 'howmany', 'why', 'how']);

/** Units of what the question selects, scored by the concepts it expresses, best first. */
export async function rankUnits(
  intent: QueryIntent,
  weighted: WeightedConcept[],
  filters: Filters,
  context: {
    library: PlanLibrary;
    index: UnitIndex;
    numberWords: ReadonlySet<string>;
    timeWords: ReadonlySet<string>;
    monthWords: ReadonlySet<string>;
  },
): Promise<Scored[]> {
  const { library, index } = context;
  const candidates = await index.search(candidateStems(weighted, index), filters.plans, CANDIDATES);
  const inSections = sectionTest(filters.sections, library, intent.prose);
  const scored: Scored[] = [];
  for (const unit of candidates) {
    if (filters.scopes.size && !filters.scopes.has(unit.scope)) continue;
    if (!inSections(unit)) continue;
    const stems = stemsOfIndexed(unit);
    let share = coverage(weighted, stems);
    if (share <= 0) continue;
    if (weighted.some(({ concept }) => concept.required && conceptMatch(concept, stems) === 0))
      share *= NO_NUMBER;
    const lacksFact =
      (intent.qtype === 'howmany' && !holdsNumber(unit, context.numberWords)) ||
      (intent.qtype === 'when' && !holdsTime(unit, context.timeWords)) ||
      (intent.qtype === 'date' && !holdsDate(unit, context.monthWords));
    if (lacksFact) share *= NO_NUMBER;
    const score = share * preference(intent, unit, filters, library);
    scored.push(lacksFact ? { unit, coverage: share, score, lacksFact } : { unit, coverage: share, score });
  }
  return scored.sort((a, b) => b.score - a.score || b.coverage - a.coverage);
}

/**
 * The stems that find the candidates: the rarest stem of each phrase (a unit must hold it to
 * express the phrase fully), rarest first, until their postings reach a budget: on a national
 * corpus a stem such as "élève" lists thousands of units, and reading them costs more than the
 * little such a common word adds to a unit's score. The shipped plans stay well within it.
 */
export function candidateStems(weighted: WeightedConcept[], index: UnitIndex): string[] {
  const rarest = new Map<string, number>();
  for (const { concept } of weighted) {
    for (const phrase of concept.phrases) {
      let best: string | null = null;
      let bestFrequency = Number.POSITIVE_INFINITY;
      for (const stem of phrase.stems) {
        const frequency = index.frequency(stem);
        if (frequency < bestFrequency) {
          best = stem;
          bestFrequency = frequency;
        }
      }
      if (best) rarest.set(best, bestFrequency);
    }
  }
  const chosen: string[] = [];
  let postings = 0;
  for (const [stem, frequency] of [...rarest].sort((a, b) => a[1] - b[1])) {
    if (chosen.length && postings + frequency > MAX_POSTINGS) break;
    chosen.push(stem);
    postings += frequency;
  }
  return chosen;
}

/** How sure a unit answers beyond its words: what the question asks of it (kind, prose, level). */
function preference(intent: QueryIntent, unit: IndexedUnit, filters: Filters, library: PlanLibrary): number {
  let factor = 1;
  const kinds = kindsFor(intent, library.plan(unit.planId));
  if (kinds.length && !(kinds as string[]).includes(unit.kind)) {
    // "Comment mesure-t-on…" wants indicators, but what is measured may be said elsewhere.
    const implied = intent.measure && intent.kindWord === null;
    factor *= implied ? MEASURED_ELSEWHERE : unit.kind === 'passage' ? PASSAGE_FOR_KIND : OTHER_KIND;
  }
  // A plan's own preamble (prose owned by no section) answers questions about the plan itself.
  if (
    FACT_TYPES.has(intent.qtype) &&
    intent.planIds.length &&
    unit.kind === 'passage' &&
    !unit.context.length
  ) {
    factor *= PREAMBLE_FOR_FACTS;
  }
  if (intent.prose && unit.kind !== 'passage') factor *= ITEM_FOR_PROSE;
  if (
    !filters.scopes.size &&
    !intent.scopes.length &&
    library.scopes.get(unit.scope)?.kind === 'departement'
  ) {
    factor *= DEPARTEMENT_UNNAMED;
  }
  return factor;
}

/** Whether a unit dates something: a year, a month, a frequency, "depuis", "jusqu'en"… */
function holdsTime(unit: IndexedUnit, timeWords: ReadonlySet<string>): boolean {
  return unit.own.some((stem) => /^(?:19|20)\d\d$/u.test(stem) || timeWords.has(stem));
}

/** Whether a unit names a date: a year or a month ("en début d'année" dates nothing). */
function holdsDate(unit: IndexedUnit, monthWords: ReadonlySet<string>): boolean {
  return unit.own.some((stem) => /^(?:19|20)\d\d$/u.test(stem) || monthWords.has(stem));
}

function holdsNumber(unit: IndexedUnit, numberWords: ReadonlySet<string>): boolean {
  return unit.own.some((stem) => /\d/u.test(stem) || numberWords.has(stem));
}

/** Whether a unit lies in one of the sections (itself, below it, or prose it owns). */
function sectionTest(
  sections: PlanNode[],
  library: PlanLibrary,
  prose: boolean,
): (unit: IndexedUnit) => boolean {
  if (!sections.length) return () => true;
  const ids = new Set(sections.map((node) => node.id));
  const plans = new Set(sections.map((node) => node.planId));
  return (unit) => {
    const passage = unit.kind === 'passage' ? library.passage(unit.ref) : undefined;
    const node = passage ? library.node(passage.nodeId) : library.node(unit.ref);
    if (!node) return false;
    // "According to its preamble, why is axis 4…": the plan's own introduction speaks of its axes.
    if (prose && passage && node.kind === 'plan' && plans.has(node.planId)) return true;
    return ids.has(node.id) || library.ancestors(node).some((ancestor) => ids.has(ancestor.id));
  };
}

/** Units within this share of the best score answer too. */
const RELATIVE_CUTOFF = 0.5;
/** And never below this share of the question. */
const ABSOLUTE_FLOOR = 0.4;
const MAX_ANSWER = 16;

/**
 * The answer from a ranking: the best unit and those close to it (a share of its score), never
 * more than a handful; the same text printed twice in a plan is cited once.
 */
export function selectAnswer(ranked: Scored[], intent: QueryIntent): Scored[] {
  const best = ranked[0];
  if (!best) return [];
  const limit = intent.count && intent.count > MAX_ANSWER ? intent.count : MAX_ANSWER;
  const seen = new Set<string>();
  const chosen: Scored[] = [];
  for (const item of ranked) {
    if (chosen.length >= limit) break;
    if (item.score < RELATIVE_CUTOFF * best.score || item.coverage < ABSOLUTE_FLOOR) break;
    const key = `${item.unit.planId}|${item.unit.scope}|${letterKey(item.unit.own.join(' '))}`;
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(item);
  }
  return chosen;
}
