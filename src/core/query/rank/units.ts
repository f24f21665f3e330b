import type { ParsedPlan, Passage, PlanNode } from '../../plans/types.ts';

/** What can answer a question: a plan item (axis, objective, action, indicator) or a prose passage. */
export type UnitKind = 'axis' | 'objective' | 'action' | 'indicator' | 'passage';

/** A unit as the index holds it: its own words and the titles of the sections it is read in. */
export interface UnitRecord {
  ref: string;
  planId: string;
  kind: UnitKind;
  scope: string;
  /** The unit's own text (an item with its summary, a passage). */
  own: string;
  /** Section titles above it and the heading of its list: the context its words are read in. */
  context: string;
}

/**
 * The answer units of a parsed plan. An item's context is the titles of its axis and objective
 * and the heading of its list ("Indicateurs", "Actions et outils au service de l'objectif"): an
 * indicator rarely repeats the theme its objective names. A passage is read in its owner section.
 */
export function answerUnitsOf(plan: ParsedPlan): UnitRecord[] {
  const byId = new Map(plan.nodes.map((node) => [node.id, node]));
  const contextOf = (start: PlanNode | undefined, heading: string | null): string => {
    const parts: string[] = [];
    for (let node = start; node && node.kind !== 'plan'; node = byId.get(node.parentId ?? '')) {
      parts.unshift(sectionWords(node));
    }
    if (heading) parts.push(heading);
    return parts.filter(Boolean).join('\n');
  };
  const units: UnitRecord[] = [];
  for (const node of plan.nodes) {
    if (node.kind === 'plan') continue;
    units.push({
      ref: node.id,
      planId: node.planId,
      kind: node.kind,
      scope: node.scope,
      own: ownText(node),
      context: contextOf(byId.get(node.parentId ?? ''), node.heading),
    });
  }
  for (const passage of plan.passages)
    units.push(passageUnit(passage, contextOf(byId.get(passage.nodeId), null)));
  return units;
}

export function ownText(node: PlanNode): string {
  return node.summary ? `${node.text}\n${node.summary.text}` : node.text;
}

function passageUnit(passage: Passage, context: string): UnitRecord {
  return {
    ref: passage.id,
    planId: passage.planId,
    kind: 'passage',
    scope: passage.scope,
    own: passage.text,
    context,
  };
}

/**
 * The words a section lends to what it contains: its title (with its summary), or its whole
 * text when it is one line. A bare list of operational objectives has no title, and lending all
 * its lines to every item below would blur them.
 */
function sectionWords(section: PlanNode): string {
  const title = section.title ?? (section.text.includes('\n') ? '' : section.text);
  return section.summary ? `${title}\n${section.summary.text}` : title;
}
