import type { Citation } from '../kernel/types.ts';
import type { PlanLibrary } from './library.ts';
import type { PlanNode } from './types.ts';

/** A citation for a plan item or passage: plan, section path, scope, full text, source. */
export function citationOf(library: PlanLibrary, node: PlanNode, n: number): Citation {
  return { n, ...describeNode(library, node) };
}

export function describeNode(library: PlanLibrary, node: PlanNode): Omit<Citation, 'n'> {
  const plan = library.plan(node.planId);
  return {
    id: node.id,
    plan: plan?.shortTitle ?? node.planId,
    planId: node.planId,
    kind: node.kind,
    scope: library.scopes.get(node.scope)?.name ?? node.scope,
    path: library.path(node),
    text: node.summary ? `${node.text} — ${node.summary.text}` : node.text,
    source: node.source,
  };
}
