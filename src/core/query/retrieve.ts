import type { PlanNode } from '../plans/types.ts';
import { letterKey } from '../text/fold.ts';
import { contentStems } from '../text/stem.ts';
import type { Phrase } from './glossary.ts';
import { containsAll, type RetrievalIndex } from './index.ts';
import type { Concept, QueryIntent } from './understand.ts';
import type { AnswerKind } from './vocabulary.ts';

/** Share of the question's weight an item must cover (with its section's title) to be an answer. */
const SELECT = 0.7;
/** Share a section title must cover for the whole section to be about the question. */
const ABOUT = 0.8;
/** Stricter bar when answering with académie-wide items for a département that has none. */
const SELECT_FALLBACK = 0.85;
/** Share of a section's items matching on their own for the whole section to count. */
const MAJORITY = 0.5;
const MAX_ITEMS = 40;
const FALLBACK_MAX = 8;

export interface Hit {
  node: PlanNode;
  /** Coverage of the question by the item's own text, 0..1. */
  own: number;
  /** Coverage by the item together with its section's title. */
  context: number;
  reason: 'section' | 'direct' | 'siblings' | 'list';
}

export interface Retrieval {
  status: 'answered' | 'not_found';
  hits: Hit[];
  /** Kinds actually answered (the "four objectives" of a plan may be its axes). */
  kinds: AnswerKind[];
  /** Nothing for the département itself: these are the académie's items. */
  academieFallback: string | null;
  /** Items left out beyond the answer's size limit. */
  truncated: number;
  /** Why nothing was returned. */
  reason?: 'no_match' | 'too_broad' | 'unknown_section' | 'empty_scope';
  /** Sections the question named (objective or axis) that were found. */
  sections: PlanNode[];
  /** Nothing of the kind asked: these are items of other kinds on the theme. */
  kindFallback?: AnswerKind[] | null;
}

/**
 * Structure-aware retrieval. Scope, plan, section and kind are hard filters. A section whose title
 * is about the question brings all its items (the CASF's Cantal actions under « Objectifs liés aux
 * automatismes mathématiques » all serve faits numériques though only one names them); elsewhere an
 * item must cover the question itself, with its section title as context.
 */
export function retrieve(intent: QueryIntent, index: RetrievalIndex): Retrieval {
  const library = index.library;
  const academies = intent.scopes.filter((key) => library.scopes.get(key)?.kind === 'academie');
  const departements = intent.scopes.filter((key) => library.scopes.get(key)?.kind === 'departement');
  const scopeAcademies = new Set([
    ...academies,
    ...departements.map((key) => library.scopes.academieOf(key)).filter((a): a is string => Boolean(a)),
  ]);
  let plans = intent.planIds.length ? intent.planIds : library.plans.map((plan) => plan.id);
  if (scopeAcademies.size) {
    const narrowed = plans.filter((id) => scopeAcademies.has(library.plan(id)?.academie ?? ''));
    plans = narrowed.length ? narrowed : plans;
  }
  const planSet = new Set(plans);

  const sections = findSections(intent, index, planSet);
  const sectionIds = new Set(sections.map((node) => node.id));
  let concepts = intent.concepts;
  if (!sections.length && intent.quoted.length) {
    // A quoted title that matches no section still says what the question is about.
    concepts = [...concepts, ...intent.quoted.map(quotedConcept)];
  }
  if ((intent.sectionRefs.length || intent.quoted.length) && !sections.length && !concepts.length) {
    return empty(intent.kinds, 'unknown_section');
  }

  let kinds: AnswerKind[] = intent.kinds.length ? intent.kinds : ['objective', 'action'];
  const inSection = (node: PlanNode) =>
    !sectionIds.size || library.ancestors(node).some((ancestor) => sectionIds.has(ancestor.id));
  const inScope = (node: PlanNode, scopes: Set<string>) => !scopes.size || scopes.has(node.scope);
  const candidatesFor = (wanted: AnswerKind[], scopes: Set<string>) =>
    index.nodes.filter(
      (node) =>
        planSet.has(node.planId) &&
        (wanted as string[]).includes(node.kind) &&
        inScope(node, scopes) &&
        inSection(node) &&
        !(sectionIds.has(node.id) && wanted.length === 1),
    );

  // "The four objectives of the plan": when the count matches the axes rather than the objectives.
  if (intent.count && kinds.length === 1 && kinds[0] === 'objective' && !concepts.length) {
    const objectives = candidatesFor(['objective'], new Set(departements));
    const axes = candidatesFor(['axis'], new Set(departements));
    if (objectives.length !== intent.count && axes.length === intent.count) kinds = ['axis'];
  }
  // "The nine actions of the axis": some plans call their numbered items "actions" (Orléans-Tours);
  // when the count matches those and not the levers below them, they are what is asked.
  if (intent.count && kinds.length === 1 && kinds[0] === 'action' && !concepts.length && sections.length) {
    // Counted where the answer will come from: the département's items, else its académie's.
    const own = new Set(departements);
    const scope = candidatesFor(['objective', 'action'], own).length ? own : scopeAcademies;
    const actions = candidatesFor(['action'], scope);
    const objectives = candidatesFor(['objective'], scope);
    if (actions.length !== intent.count && objectives.length === intent.count) kinds = ['objective'];
  }

  const attempt = (scopes: Set<string>, threshold = SELECT) => {
    const candidates = candidatesFor(kinds, scopes);
    if (!concepts.length) {
      const broad = !sections.length && !intent.planIds.length && !intent.scopes.length;
      if (broad) return null;
      return candidates.map((node): Hit => ({ node, own: 1, context: 1, reason: 'list' }));
    }
    return select(candidates, concepts, index, kinds, threshold);
  };

  const departementScopes = new Set(departements);
  let hits = attempt(departementScopes);
  if (hits === null) return empty(kinds, 'too_broad', sections);
  let academieFallback: string | null = null;
  if (!hits.length && departements.length) {
    // Nothing of the département's own: the académie-wide items still apply to it.
    const parents = new Set(
      departements.map((key) => library.scopes.academieOf(key)).filter((a): a is string => Boolean(a)),
    );
    const fallback = attempt(parents, SELECT_FALLBACK) ?? [];
    if (fallback.length) {
      // Stepping outside the scope asked: keep only the closest few, not the académie's whole plan.
      hits = [...fallback].sort((a, b) => b.own - a.own || b.context - a.context).slice(0, FALLBACK_MAX);
      academieFallback = [...parents][0] ?? null;
    }
  }
  let kindFallback = false;
  if (!hits.length && concepts.length) {
    // No action names the theme, but an indicator or objective may: say so rather than nothing.
    // "Que prévoit…" asks for objectives and actions by default; an indicator may still answer.
    const others = (['objective', 'action', 'indicator'] as AnswerKind[]).filter(
      (kind) => !kinds.includes(kind),
    );
    let relaxed = select(candidatesFor(others, departementScopes), concepts, index, others, SELECT);
    if (!relaxed.length && departements.length) {
      // As for the kind asked: the académie's items still apply to its départements.
      const parents = new Set(
        departements.map((key) => library.scopes.academieOf(key)).filter((a): a is string => Boolean(a)),
      );
      relaxed = select(candidatesFor(others, parents), concepts, index, others, SELECT_FALLBACK)
        .sort((a, b) => b.own - a.own || b.context - a.context)
        .slice(0, FALLBACK_MAX);
      if (relaxed.length) academieFallback = [...parents][0] ?? null;
    }
    if (relaxed.length) {
      hits = relaxed;
      kindFallback = true;
    }
  }
  hits = dedupe(hits);
  if (!hits.length) return empty(kinds, concepts.length ? 'no_match' : 'empty_scope', sections);
  const truncated = Math.max(0, hits.length - MAX_ITEMS);
  const answered = kindFallback ? [...new Set(hits.map((hit) => hit.node.kind as AnswerKind))] : kinds;
  return {
    status: 'answered',
    hits: hits.slice(0, MAX_ITEMS),
    kinds: answered,
    academieFallback,
    truncated,
    sections,
    kindFallback: kindFallback ? intent.kinds : null,
  };
}

function empty(kinds: AnswerKind[], reason: Retrieval['reason'], sections: PlanNode[] = []): Retrieval {
  return { status: 'not_found', hits: [], kinds, academieFallback: null, truncated: 0, reason, sections };
}

function quotedConcept(text: string): Concept {
  return { label: text, phrases: [{ text, stems: [...new Set(contentStems(text))] }], group: null };
}

/** Sections named by number ("objectif 1.3", "axe 2") or by a quoted title. */
function findSections(intent: QueryIntent, index: RetrievalIndex, plans: Set<string>): PlanNode[] {
  const library = index.library;
  const found: PlanNode[] = [];
  for (const ref of intent.sectionRefs) {
    const candidates = index.nodes.filter((node) => plans.has(node.planId) && node.kind === ref.kind);
    if (ref.kind === 'axis') {
      found.push(...candidates.filter((node) => node.label === `Axe ${ref.number}`));
      continue;
    }
    const exact = candidates.filter((node) => (node.label ?? '').replace(/^Objectif\s+/u, '') === ref.number);
    if (exact.length) {
      found.push(...exact);
      continue;
    }
    // "objectif 2.3" in a plan numbering objectives within each axis (axis 2, objective "3.").
    const [axisNumber, objectiveNumber] = ref.number.split('.');
    if (objectiveNumber) {
      found.push(
        ...candidates.filter((node) => {
          const axis = library.ancestorOfKind(node, 'axis');
          return node.label === `${objectiveNumber}.` && axis?.label === `Axe ${axisNumber}`;
        }),
      );
    }
  }
  for (const quote of intent.quoted) {
    const key = letterKey(quote);
    if (key.length < 8) continue;
    for (const node of index.nodes) {
      if (!plans.has(node.planId) || (node.kind !== 'objective' && node.kind !== 'axis')) continue;
      const lines = [node.title ?? '', ...node.text.split('\n')].map(letterKey).filter(Boolean);
      if (
        lines.some(
          (line) =>
            line === key ||
            (line.includes(key) && key.length >= line.length * 0.6) ||
            (key.includes(line) && line.length >= key.length * 0.8),
        )
      ) {
        found.push(node);
      }
    }
  }
  return [...new Set(found)];
}

interface Weighted {
  concept: Concept;
  weight: number;
}

function weigh(concepts: Concept[], index: RetrievalIndex): Weighted[] {
  return concepts.map((concept) => {
    let df = 0;
    for (const phrase of concept.phrases) df = Math.max(df, index.documentFrequency(phrase));
    return { concept, weight: Math.log(1 + index.size / (1 + df)) };
  });
}

/** How well a set of stems (or two sets together) expresses one concept, 0..1. */
function match(concept: Concept, stems: Set<string>, extra?: Set<string>): number {
  let best = 0;
  concept.phrases.forEach((phrase: Phrase, i) => {
    let hits = 0;
    for (const stem of phrase.stems) if (stems.has(stem) || extra?.has(stem)) hits++;
    const full = hits === phrase.stems.length && hits > 0;
    // The asker's own words weigh a little more than a glossary equivalent.
    const score = full
      ? i === 0
        ? 1
        : 0.9
      : phrase.stems.length > 1
        ? (0.5 * hits) / phrase.stems.length
        : 0;
    if (score > best) best = score;
  });
  return best;
}

function coverage(weighted: Weighted[], stems: Set<string>, extra?: Set<string>): number {
  let total = 0;
  let got = 0;
  for (const { concept, weight } of weighted) {
    total += weight;
    got += weight * match(concept, stems, extra);
  }
  return total ? got / total : 0;
}

/** The section an item is read in: its objective, or its axis when the plan has no objectives. */
function sectionOf(node: PlanNode, index: RetrievalIndex): PlanNode | undefined {
  const library = index.library;
  return (
    library.ancestorOfKind(node, 'objective') ??
    (node.kind === 'axis' ? undefined : library.ancestorOfKind(node, 'axis'))
  );
}

/** A section is about the question when its own title covers it, or most of its listed lines do. */
function isAbout(section: PlanNode, weighted: Weighted[], index: RetrievalIndex): boolean {
  const lines = index.linesOf(section);
  const titled = section.title !== null || lines.length === 1;
  if (titled && coverage(weighted, index.titleStems(section)) >= ABOUT) return true;
  const listed = section.title !== null && lines.length > 1 && lines[0] ? lines.slice(1) : lines;
  // A generic heading ("Objectif général") followed by one sentence: that sentence is its title.
  if (listed.length === 1 && listed[0]) return coverage(weighted, listed[0]) >= ABOUT;
  if (listed.length < 2) return false;
  const covering = listed.filter((stems) => coverage(weighted, stems) >= SELECT).length;
  return covering / listed.length >= MAJORITY;
}

function select(
  candidates: PlanNode[],
  concepts: Concept[],
  index: RetrievalIndex,
  kinds: AnswerKind[],
  threshold: number,
): Hit[] {
  const weighted = weigh(concepts, index);
  const aboutCache = new Map<string, boolean>();
  const about = (section: PlanNode) => {
    let value = aboutCache.get(section.id);
    if (value === undefined) {
      value = isAbout(section, weighted, index);
      aboutCache.set(section.id, value);
    }
    return value;
  };
  const scored = candidates.map((node) => {
    const stems = index.stems(node);
    const section = sectionOf(node, index);
    const own = coverage(weighted, stems);
    const context = section ? coverage(weighted, stems, index.titleStems(section)) : own;
    return { node, own, context, section };
  });
  const chosen = new Map<string, Hit>();
  for (const item of scored) {
    if (item.section && item.node.kind !== 'objective' && item.node.kind !== 'axis' && about(item.section)) {
      chosen.set(item.node.id, {
        node: item.node,
        own: item.own,
        context: Math.max(item.context, ABOUT),
        reason: 'section',
      });
    } else if (item.context >= threshold && item.own > 0) {
      chosen.set(item.node.id, { node: item.node, own: item.own, context: item.context, reason: 'direct' });
    } else if ((item.node.kind === 'objective' || item.node.kind === 'axis') && about(item.node)) {
      chosen.set(item.node.id, {
        node: item.node,
        own: item.own,
        context: Math.max(item.context, ABOUT),
        reason: 'section',
      });
    }
  }
  // When most items of a section answer on their own, their siblings do too (the "eTwinning"
  // indicator under « Favoriser la mobilité des élèves »).
  const bySection = new Map<string, typeof scored>();
  for (const item of scored) {
    if (!item.section || item.node.kind === 'objective' || item.node.kind === 'axis') continue;
    const list = bySection.get(item.section.id) ?? [];
    list.push(item);
    bySection.set(item.section.id, list);
  }
  for (const list of bySection.values()) {
    if (list.length < 2) continue;
    const picked = list.filter((item) => chosen.has(item.node.id)).length;
    if (picked / list.length < MAJORITY) continue;
    for (const item of list) {
      if (!chosen.has(item.node.id))
        chosen.set(item.node.id, {
          node: item.node,
          own: item.own,
          context: item.context,
          reason: 'siblings',
        });
    }
  }
  // With "what is planned" questions, a chosen objective brings its actions.
  if (kinds.includes('objective') && kinds.includes('action')) {
    for (const item of scored) {
      if (item.node.kind === 'action' && item.section && chosen.get(item.section.id)?.reason === 'section') {
        if (!chosen.has(item.node.id))
          chosen.set(item.node.id, {
            node: item.node,
            own: item.own,
            context: item.context,
            reason: 'section',
          });
      }
    }
  }
  return [...chosen.values()];
}

/** The same item printed in two sections (or twice in a list) is answered once. */
function dedupe(hits: Hit[]): Hit[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = `${hit.node.planId}|${hit.node.scope}|${hit.node.kind}|${letterKey(hit.node.text)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { containsAll, coverage, type Weighted, weigh };
