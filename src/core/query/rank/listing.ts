import { type PlanLibrary, sectionTitle } from '../../plans/library.ts';
import type { PlanNode } from '../../plans/types.ts';
import { contentStems } from '../../text/stem.ts';
import type { AnswerKind, QueryIntent } from '../intent.ts';
import type { Filters } from './filters.ts';
import type { Scored } from './ranking.ts';
import { empty, type Hit, MIN_CONFIDENCE, type Retrieval, type RetrievalContext } from './retrieval.ts';
import { coverage, stemsOf, type WeightedConcept } from './score.ts';
import type { UnitKind } from './units.ts';

/** Items listed when a question names a scope or plan but no theme ("Quelles actions dans le Cantal ?"). */
const MAX_LISTED = 40;
const EMPTY_UNIT = { ref: '', planId: '', kind: 'passage' as const, scope: '', own: [], context: [] };

const LEVELS: AnswerKind[] = ['axis', 'objective', 'action', 'indicator'];

/** "Quelles actions dans le Cantal ?": the items of the kind asked in what the question names. */
export function listScope(intent: QueryIntent, filters: Filters, context: RetrievalContext): Retrieval {
  const { library } = context;
  let kinds: AnswerKind[] = intent.kinds.length ? intent.kinds : ['objective', 'action'];
  const scopes = filters.scopes;
  // The sections the question names, else the plans: "what does axis 2 contain?" lists axis 2.
  const roots = filters.sections.length ? filters.sections.map((section) => section.id) : filters.plans;
  const all = roots
    .flatMap((id) => library.descendants(id))
    .filter((node) => !scopes.size || scopes.has(node.scope));
  // "Les quatre objectifs du projet": the level that has as many items as the asker counts.
  if (intent.count && kinds.length === 1) {
    const sized = LEVELS.find((kind) => all.filter((node) => node.kind === kind).length === intent.count);
    if (sized && all.filter((node) => node.kind === kinds[0]).length !== intent.count) kinds = [sized];
  }
  const nodes = all.filter((node) => (kinds as string[]).includes(node.kind));
  if (!nodes.length) return empty(intent, 'empty_scope');
  const hits = nodes.map(
    (node): Hit => ({
      ref: node.id,
      planId: node.planId,
      kind: node.kind as UnitKind,
      scope: node.scope,
      coverage: 1,
      reason: 'list',
    }),
  );
  return {
    status: 'answered',
    hits: hits.slice(0, MAX_LISTED),
    kinds,
    academieFallback: null,
    truncated: Math.max(0, hits.length - MAX_LISTED),
    sections: filters.sections,
    confidence: 1,
  };
}

/**
 * "Quels sont les grands axes du projet stratégique ?" with words around it that name no axis (the
 * newsletter one writes, the visitor who asks): a plan's axes are few, and when no axis stands out
 * on the question's words, the question is about the plan's structure: all of its axes answer.
 */
export function structureAsked(intent: QueryIntent, sections: PlanNode[], ranked: Scored[]): boolean {
  if (!intent.kindWord || !intent.planIds.length || sections.length) return false;
  if (!intent.kinds.length || !intent.kinds.every((kind) => kind === 'axis')) return false;
  return !ranked.some((item) => item.unit.kind === 'axis' && item.coverage >= MIN_CONFIDENCE);
}

/** A section whose own title expresses this much of the question is about it as a whole. */
const SECTION_ABOUT = 0.6;
const MAX_COMPLETED = 16;
/** …or when most of its items answer on their own. */
const SECTION_MAJORITY = 0.5;

/**
 * Items of a section about the question come together: "les indicateurs de la mobilité
 * internationale" are all those of « Favoriser la mobilité des élèves », though "nombre de projets
 * eTwinning" names no mobility. Only for sections whose own title expresses the question, or most of
 * whose items answer already.
 */
export function completeSections(hits: Hit[], weighted: WeightedConcept[], library: PlanLibrary): Hit[] {
  const out = [...hits];
  const have = new Set(hits.map((hit) => hit.ref));
  const seen = new Set<string>();
  for (const hit of hits) {
    if (hit.kind !== 'action' && hit.kind !== 'indicator') continue;
    const parent = library.node(library.node(hit.ref)?.parentId ?? '');
    if (!parent || parent.kind === 'plan' || seen.has(`${parent.id}|${hit.kind}`)) continue;
    seen.add(`${parent.id}|${hit.kind}`);
    const title = contentStems(sectionTitle(parent));
    const items = library
      .children(parent.id)
      .filter((node) => node.kind === 'action' || node.kind === 'indicator');
    const answered = items.filter((node) => have.has(node.id)).length;
    const mostly = answered >= 2 && answered >= items.length * SECTION_MAJORITY;
    if (!mostly && coverage(weighted, stemsOf({ ...EMPTY_UNIT, own: title })) < SECTION_ABOUT) continue;
    for (const sibling of library.children(parent.id, hit.kind)) {
      if (have.has(sibling.id) || out.length >= MAX_COMPLETED) continue;
      have.add(sibling.id);
      out.push({ ...hit, ref: sibling.id, coverage: hit.coverage, reason: 'structure' });
    }
  }
  return out;
}
