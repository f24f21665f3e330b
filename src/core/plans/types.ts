/** The five kinds of node in a plan tree, from the root down. */
export type NodeKind = 'plan' | 'axis' | 'objective' | 'action' | 'indicator';

export const NODE_KINDS: readonly NodeKind[] = ['plan', 'axis', 'objective', 'action', 'indicator'];

/** Where a piece of text comes from: the shipped file, its 1-based line span and its page. */
export interface SourceRef {
  file: string;
  lines: [number, number];
  /** Page number in the exported document; null for formats without page marks (Markdown). */
  page: number | null;
}

export interface PlanNode {
  id: string;
  planId: string;
  parentId: string | null;
  kind: NodeKind;
  /** Order of appearance in the plan, used to keep answers in the document's order. */
  ord: number;
  /** Numbering as printed ("Objectif 1.3", "Axe 2", "4."), when there is one. */
  label: string | null;
  /** Full normalised text (export defects repaired). */
  text: string;
  /** The section's own title (axes, titled objectives); null for items and bare lists. */
  title: string | null;
  /** A description of the node found elsewhere in the plan (e.g. an axis announced in the preamble). */
  summary: { text: string; source: SourceRef } | null;
  /** Scope key from data/scopes.json: an académie or a département. */
  scope: string;
  source: SourceRef;
  /** The heading of the list the item was printed under ("Actions et outils au service de l'objectif"). */
  heading: string | null;
}

/** Prose of a plan (introductions, context) kept searchable and attached to its nearest node. */
export interface Passage {
  id: string;
  planId: string;
  nodeId: string;
  text: string;
  scope: string;
  source: SourceRef;
}

export interface PlanMeta {
  id: string;
  title: string;
  shortTitle: string;
  academie: string;
  period: string;
  kind: string;
  file: string;
  aliases: string[];
  /**
   * What the plan calls its levels when it does not use the usual words: Orléans-Tours calls its
   * numbered objectives "actions" and their items "leviers". A question's kind word is read with it.
   */
  itemNames: Partial<Record<Exclude<NodeKind, 'plan'>, string[]>>;
  profile: string;
}

export interface ParsedPlan {
  meta: PlanMeta;
  nodes: PlanNode[];
  passages: Passage[];
}
