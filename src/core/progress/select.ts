import type { IndicatorCatalog, IndicatorInfo, IndicatorMatch } from '../measurements/indicators.ts';
import type { PlanLibrary } from '../plans/library.ts';
import type { Concept, QueryIntent } from '../query/intent.ts';
import { findSections } from '../query/rank/filters.ts';
import { fold } from '../text/fold.ts';
import { type ProgressData, trackedScopes } from './facts.ts';

/** Below this share of the theme, an indicator does not measure it (as for the `fiche` command). */
const MIN_SCORE = 0.45;
/** Indicators kept beside the best one: those nearly as close to the theme. */
const NEAR_BEST = 0.85;
/** Most indicators one answer goes through. */
export const MAX_INDICATORS = 6;

/** An indicator and the scopes the answer shows it for. */
export interface Pick {
  indicator: IndicatorInfo;
  scopes: string[];
}

export type Selection =
  | { kind: 'picked'; picks: Pick[]; byTheme: boolean; theme: string }
  /** The theme matches no indicator where the question looks; `elsewhere`: those it matches in other académies. */
  | { kind: 'no_indicator'; theme: string; elsewhere: IndicatorInfo[] }
  | { kind: 'unknown_section' };

export interface SelectionSources {
  library: PlanLibrary;
  catalog: IndicatorCatalog;
  data: ProgressData;
}

/**
 * The indicators a progress question is about, read from the same intent as a plan question: the
 * plans and sections it names select, the theme ranks (with the glossary and lexicon, like the
 * `fiche` command); without a theme, every indicator that has a value, target or deadline.
 * `progressWords` are the words of the progress phrase and periods: no theme of their own.
 */
export function selectIndicators(
  intent: QueryIntent,
  progressWords: Set<string>,
  sources: SelectionSources,
): Selection {
  const { library, catalog } = sources;
  const concepts = themeConcepts(intent, progressWords);
  const theme = concepts.map((concept) => concept.label).join(' ');
  let candidates = catalog.all;
  if (intent.planIds.length) candidates = candidates.filter((i) => intent.planIds.includes(i.node.planId));
  if (intent.sectionRefs.length || intent.quoted.length) {
    const plans = new Set(intent.planIds.length ? intent.planIds : library.plans.map((plan) => plan.id));
    const sections = findSections(intent, library, plans);
    if (!sections.length && intent.sectionRefs.length) return { kind: 'unknown_section' };
    if (sections.length) {
      const ids = new Set(sections.map((section) => section.id));
      candidates = candidates.filter((i) => library.ancestors(i.node).some((a) => ids.has(a.id)));
    }
  }
  const inScope = intent.scopes.length
    ? candidates.filter((i) => intent.scopes.some((scope) => catalog.accepts(i, scope)))
    : candidates;
  const tracked = (i: IndicatorInfo) => scopesFor(i, intent.scopes, sources).tracked;
  let chosen: IndicatorInfo[];
  if (concepts.length) {
    const ranked = (among: IndicatorInfo[]) => catalog.rank({ ...intent, concepts }, { among, limit: 50 });
    const strong = (matches: IndicatorMatch[]) => {
      const best = matches[0]?.score ?? 0;
      return matches.filter((m) => m.score >= Math.max(MIN_SCORE, best * NEAR_BEST)).map((m) => m.indicator);
    };
    const here = ranked(inScope);
    const everywhere = intent.scopes.length ? ranked(candidates) : here;
    chosen = saidElsewhere(intent, concepts, inScope, candidates, catalog) ? [] : strong(here);
    if (!chosen.length) {
      const outside = strong(everywhere).filter((indicator) => !inScope.includes(indicator));
      return { kind: 'no_indicator', theme, elsewhere: outside.slice(0, 3) };
    }
    // What has values comes first; the rest of the theme is listed after, without values.
    chosen = [...chosen.filter(tracked), ...chosen.filter((i) => !tracked(i))];
  } else {
    const named = intent.sectionRefs.length > 0 || intent.quoted.length > 0;
    chosen = named ? inScope : inScope.filter(tracked);
  }
  return {
    kind: 'picked',
    picks: chosen.map((indicator) => ({
      indicator,
      scopes: scopesFor(indicator, intent.scopes, sources).scopes,
    })),
    byTheme: concepts.length > 0,
    theme,
  };
}

/**
 * Whether the theme is said in the question's own words (not a glossary equivalent) by an
 * indicator of another académie only: "automatismes" asked of the Cher is Clermont's indicator,
 * whatever "numérique" matches there through the glossary.
 */
function saidElsewhere(
  intent: QueryIntent,
  concepts: Concept[],
  inScope: IndicatorInfo[],
  candidates: IndicatorInfo[],
  catalog: IndicatorCatalog,
): boolean {
  if (!intent.scopes.length) return false;
  const literal = concepts
    .map((concept) => ({ ...concept, phrases: concept.phrases.filter((p) => p.origin !== 'glossary') }))
    .filter((concept) => concept.phrases.length);
  if (!literal.length) return false;
  const best = (among: IndicatorInfo[]) =>
    catalog.rank({ ...intent, concepts: literal }, { among, limit: 1 })[0]?.score ?? 0;
  return best(inScope) < MIN_SCORE && best(candidates) >= MIN_SCORE;
}

/** The question's concepts but those made of progress words and numbers only: its theme. */
export function themeConcepts(intent: QueryIntent, progressWords: Set<string>): Concept[] {
  return intent.concepts.filter(
    (concept) =>
      !fold(concept.label)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .every((word) => progressWords.has(word) || /^\d+$/u.test(word)),
  );
}

/**
 * The scopes an indicator is shown for: those the question names (an académie with its
 * départements that have anything), else every scope that has anything, else its own.
 */
function scopesFor(
  indicator: IndicatorInfo,
  asked: string[],
  sources: SelectionSources,
): { scopes: string[]; tracked: boolean } {
  const { library, catalog, data } = sources;
  const registry = library.scopes;
  const known = trackedScopes(indicator, data);
  const order = (keys: string[]) =>
    [...new Set(keys)].sort(
      (a, b) =>
        Number(registry.get(b)?.kind === 'academie') - Number(registry.get(a)?.kind === 'academie') ||
        registry.displayName(a).localeCompare(registry.displayName(b), 'fr'),
    );
  if (!asked.length) {
    return { scopes: known.length ? order(known) : [indicator.node.scope], tracked: known.length > 0 };
  }
  const scopes: string[] = [];
  for (const scope of asked) {
    if (!catalog.accepts(indicator, scope)) continue;
    scopes.push(scope);
    if (registry.get(scope)?.kind === 'academie')
      scopes.push(...order(known.filter((key) => key !== scope && registry.academieOf(key) === scope)));
  }
  return { scopes, tracked: scopes.some((scope) => known.includes(scope)) };
}
