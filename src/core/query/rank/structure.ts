import { sectionTitle } from '../../plans/library.ts';
import type { PlanNode } from '../../plans/types.ts';
import { contentStems } from '../../text/stem.ts';
import type { AnswerKind, QueryIntent } from '../intent.ts';
import { type Filters, kindsFor } from './filters.ts';
import type { Hit, Retrieval, RetrievalContext } from './retrieval.ts';
import { coverage, stemsOf, type WeightedConcept } from './score.ts';

const EMPTY_UNIT = { ref: '', planId: '', kind: 'passage' as const, scope: '', own: [], context: [] };

/** Below this share of the question in the section's own title, the question is about something inside it. */
const TITLE_COVERS = 0.6;

/**
 * Structure questions answered from the tree: "les objectifs de l'axe « Accueillir »", "leviers de
 * l'objectif 1.1", "the nine actions of the 'Progresser' axis". The items of the kind asked under
 * the sections named, in the plan's order. Returns null when the question asks about something
 * inside the sections rather than for their list ("axe 2 : les actions côté élèves").
 */
export function listSections(
  intent: QueryIntent,
  weighted: WeightedConcept[],
  filters: Filters,
  context: RetrievalContext,
): Retrieval | null {
  const { library } = context;
  // Why, how, who, when: the section's prose answers, not the list of its items.
  if (!intent.kinds.length && intent.qtype !== 'list' && intent.qtype !== 'what') return null;
  const items: PlanNode[] = [];
  const kinds = new Set<AnswerKind>();
  for (const section of filters.sections) {
    const plan = library.plan(section.planId);
    const asked = kindsFor(intent, plan)[0];
    const kind: AnswerKind = asked ?? (section.kind === 'axis' ? 'objective' : 'action');
    if (kind === section.kind) {
      items.push(section);
      kinds.add(kind);
      continue;
    }
    const below = library.descendants(section.id, kind);
    const scoped = inScope(below, filters, plan?.academie);
    items.push(...scoped);
    if (scoped.length) kinds.add(kind);
  }
  if (!items.length) return null;
  // The question's words beyond the section's name ask for part of it ("les actions côté élèves");
  // a word the plans never use ("retient", "prévoit-on") selects nothing inside it.
  const telling = weighted.filter(({ concept }) => concept.known === 'plans');
  if (telling.length && !(intent.count && intent.count === items.length)) {
    const covered = Math.max(
      0,
      ...filters.sections.map((section) =>
        coverage(telling, stemsOf({ ...EMPTY_UNIT, own: contentStems(sectionTitle(section)) })),
      ),
    );
    if (covered < TITLE_COVERS) return null;
  }
  const hits = [...new Set(items)].map(
    (node): Hit => ({
      ref: node.id,
      planId: node.planId,
      kind: node.kind as AnswerKind,
      scope: node.scope,
      coverage: 1,
      reason: 'structure',
    }),
  );
  return {
    status: 'answered',
    hits,
    kinds: [...kinds],
    academieFallback: null,
    truncated: 0,
    sections: filters.sections,
    confidence: 1,
  };
}

/**
 * The items of the scopes named; with none named, the académie's own items when a plan declines
 * a section for each département too (the CASF): that is the section's own list.
 */
function inScope(nodes: PlanNode[], filters: Filters, academie: string | undefined): PlanNode[] {
  if (filters.scopes.size) {
    const own = nodes.filter((node) => filters.scopes.has(node.scope));
    return own.length ? own : nodes.filter((node) => node.scope === academie);
  }
  const academieLevel = nodes.filter((node) => node.scope === academie);
  return academieLevel.length ? academieLevel : nodes;
}
