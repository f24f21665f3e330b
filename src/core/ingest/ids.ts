import { createHash } from 'node:crypto';
import type { NodeKind, ParsedPlan } from '../plans/types.ts';
import { letterKey } from '../text/fold.ts';

const KIND_LETTER: Record<NodeKind | 'passage', string> = {
  plan: 'p',
  axis: 'a',
  objective: 'o',
  action: 'x',
  indicator: 'i',
  passage: 't',
};

/**
 * Stable ids: a hash of what a node is (kind, scope, letters of its text), not of where it sits.
 * Re-ingesting unchanged text gives the same ids, and so does repairing punctuation or a split
 * ligature, so measurements and deadlines keep pointing at their indicator. Repeated items get a
 * suffix in order of appearance.
 */
export function assignIds(plan: ParsedPlan): ParsedPlan {
  const taken = new Set<string>();
  const rename = new Map<string, string>();
  const idFor = (kind: NodeKind | 'passage', scope: string, text: string) => {
    const digest = createHash('sha1')
      .update(`${kind}|${scope}|${letterKey(text)}`)
      .digest('hex')
      .slice(0, 7);
    const base = `${plan.meta.id}:${KIND_LETTER[kind]}${digest}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
  for (const node of plan.nodes) {
    const id = node.kind === 'plan' ? plan.meta.id : idFor(node.kind, node.scope, node.text);
    rename.set(node.id, id);
    node.id = id;
  }
  for (const node of plan.nodes) {
    if (node.parentId) node.parentId = rename.get(node.parentId) ?? node.parentId;
  }
  for (const passage of plan.passages) {
    passage.nodeId = rename.get(passage.nodeId) ?? passage.nodeId;
    passage.id = idFor('passage', passage.scope, passage.text);
  }
  return plan;
}
