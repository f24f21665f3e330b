import { letterKey } from '../text/fold.ts';
import type { ScopeRegistry } from './scopes.ts';
import type { NodeKind, Passage, PlanMeta, PlanNode } from './types.ts';

/**
 * Where the plans are kept (the store): read plan by plan, so that memory follows the plans a
 * question touches, not the size of the corpus.
 */
export interface PlanShelf {
  plans(): PlanMeta[];
  /** Every node of a plan, the plan's root first, in document order. */
  nodes(planId: string): PlanNode[];
  /** Every prose passage of a plan, in document order. */
  passages(planId: string): Passage[];
  /** The nodes of a kind across plans (the indicators, for measurements). */
  nodesOfKind(kind: NodeKind): PlanNode[];
  /** Nodes whose id ends with ":short" (the short ids printed in cards). */
  findShort(short: string): PlanNode[];
}

/** A shelf over arrays: tests and tools that build plans in memory. */
export function memoryShelf(plans: PlanMeta[], nodes: PlanNode[], passages: Passage[]): PlanShelf {
  const ofPlan = <T extends { planId: string }>(list: T[], planId: string) =>
    list.filter((x) => x.planId === planId);
  return {
    plans: () => plans,
    nodes: (planId) => ofPlan(nodes, planId).sort((a, b) => a.ord - b.ord),
    passages: (planId) => ofPlan(passages, planId).sort((a, b) => a.source.lines[0] - b.source.lines[0]),
    nodesOfKind: (kind) => nodes.filter((node) => node.kind === kind),
    findShort: (short) => nodes.filter((node) => node.id.endsWith(`:${short}`)),
  };
}

/** One plan read from the shelf, indexed for the tree walks answering does. */
class LoadedPlan {
  readonly byId = new Map<string, PlanNode>();
  readonly childrenOf = new Map<string, PlanNode[]>();
  private passageIndex: { byId: Map<string, Passage>; byOwner: Map<string, Passage[]> } | null = null;

  constructor(
    nodes: PlanNode[],
    private readonly loadPassages: () => Passage[],
  ) {
    for (const node of nodes) this.byId.set(node.id, node);
    for (const node of nodes) {
      if (!node.parentId) continue;
      const list = this.childrenOf.get(node.parentId) ?? [];
      list.push(node);
      this.childrenOf.set(node.parentId, list);
    }
    for (const list of this.childrenOf.values()) list.sort((a, b) => a.ord - b.ord);
  }

  /** Passages are read on first need: most questions cite none. */
  passages(): { byId: Map<string, Passage>; byOwner: Map<string, Passage[]> } {
    if (!this.passageIndex) {
      const byId = new Map<string, Passage>();
      const byOwner = new Map<string, Passage[]>();
      for (const passage of this.loadPassages()) {
        byId.set(passage.id, passage);
        const list = byOwner.get(passage.nodeId) ?? [];
        list.push(passage);
        byOwner.set(passage.nodeId, list);
      }
      this.passageIndex = { byId, byOwner };
    }
    return this.passageIndex;
  }
}

/** Plans kept in memory at once, least recently used dropped first. */
const MAX_LOADED_PLANS = 128;

/**
 * The plans as answering reads them: metadata of every plan, and each plan's tree loaded on first
 * need (a node's id starts with its plan's id). At most MAX_LOADED_PLANS trees stay in memory.
 */
export class PlanLibrary {
  readonly plans: PlanMeta[];
  readonly scopes: ScopeRegistry;
  private readonly planById = new Map<string, PlanMeta>();
  private readonly loaded = new Map<string, LoadedPlan>();
  private indicatorList: PlanNode[] | null = null;
  // Small per-plan summaries kept when a plan's tree is dropped: naming a section or a scope looks
  // at every plan, and should not read each again.
  private readonly sectionKeysCache = new Map<string, { node: PlanNode; keys: string[] }[]>();
  private readonly scopesCache = new Map<string, Set<string>>();

  constructor(
    private readonly shelf: PlanShelf,
    scopes: ScopeRegistry,
  ) {
    this.plans = shelf.plans();
    this.scopes = scopes;
    for (const plan of this.plans) this.planById.set(plan.id, plan);
  }

  private load(planId: string): LoadedPlan | undefined {
    const cached = this.loaded.get(planId);
    if (cached) {
      // Most recently used last: the first entry is the one to drop.
      this.loaded.delete(planId);
      this.loaded.set(planId, cached);
      return cached;
    }
    if (!this.planById.has(planId)) return undefined;
    const plan = new LoadedPlan(this.shelf.nodes(planId), () => this.shelf.passages(planId));
    this.loaded.set(planId, plan);
    if (this.loaded.size > MAX_LOADED_PLANS) this.loaded.delete(this.loaded.keys().next().value as string);
    return plan;
  }

  private planOf(id: string): LoadedPlan | undefined {
    const colon = id.indexOf(':');
    return this.load(colon < 0 ? id : id.slice(0, colon));
  }

  node(id: string): PlanNode | undefined {
    return this.planOf(id)?.byId.get(id);
  }

  /**
   * A node by its full id ("cf-casf-2025:i0ab56d1") or by the short form printed in cards and
   * previews ("i0ab56d1"). A short form shared by several plans gives the choices instead.
   */
  find(id: string): { node: PlanNode } | { choices: PlanNode[] } | undefined {
    const wanted = id.trim();
    const exact = this.node(wanted);
    if (exact) return { node: exact };
    if (!wanted || wanted.includes(':')) return undefined;
    const matches = this.shelf.findShort(wanted);
    if (matches.length === 1 && matches[0]) return { node: matches[0] };
    return matches.length ? { choices: matches } : undefined;
  }

  /** Every indicator of every plan: what measurements are recorded against. */
  indicators(): PlanNode[] {
    this.indicatorList ??= this.shelf.nodesOfKind('indicator');
    return this.indicatorList;
  }

  passage(id: string): Passage | undefined {
    return this.planOf(id)?.passages().byId.get(id);
  }

  /** The prose passages a node owns (its introduction, for an axis or a plan), in the plan's order. */
  passagesOf(nodeId: string): Passage[] {
    return this.planOf(nodeId)?.passages().byOwner.get(nodeId) ?? [];
  }

  /**
   * A plan's sections of a kind with the letter keys of their title and lines, for naming them by
   * title: computed once per plan, a question names sections among hundreds of plans.
   */
  sectionKeys(planId: string, kind: 'axis' | 'objective'): { node: PlanNode; keys: string[] }[] {
    const key = `${planId}|${kind}`;
    let list = this.sectionKeysCache.get(key);
    if (!list) {
      list = this.descendants(planId, kind).map((node) => ({
        node,
        keys: [node.title ?? '', ...node.text.split('\n')].map(letterKey).filter(Boolean),
      }));
      this.sectionKeysCache.set(key, list);
    }
    return list;
  }

  /** The scopes a plan has items for: its académie, and the départements it declines itself for. */
  scopesOf(planId: string): Set<string> {
    let scopes = this.scopesCache.get(planId);
    if (!scopes) {
      scopes = new Set(this.descendants(planId).map((node) => node.scope));
      this.scopesCache.set(planId, scopes);
    }
    return scopes;
  }

  plan(id: string): PlanMeta | undefined {
    return this.planById.get(id);
  }

  children(id: string, kind?: NodeKind): PlanNode[] {
    const list = this.planOf(id)?.childrenOf.get(id) ?? [];
    return kind ? list.filter((node) => node.kind === kind) : list;
  }

  /** Ancestors from the plan down to the node's parent. */
  ancestors(node: PlanNode): PlanNode[] {
    const plan = this.planOf(node.id);
    const out: PlanNode[] = [];
    let current = node.parentId ? plan?.byId.get(node.parentId) : undefined;
    while (current) {
      out.unshift(current);
      current = current.parentId ? plan?.byId.get(current.parentId) : undefined;
    }
    return out;
  }

  /** The nearest ancestor (or the node itself) of a kind. */
  ancestorOfKind(node: PlanNode, kind: NodeKind): PlanNode | undefined {
    if (node.kind === kind) return node;
    return this.ancestors(node).find((ancestor) => ancestor.kind === kind);
  }

  /** All descendants in document order. */
  descendants(id: string, kind?: NodeKind): PlanNode[] {
    const out: PlanNode[] = [];
    const walk = (parent: string) => {
      for (const child of this.children(parent)) {
        if (!kind || child.kind === kind) out.push(child);
        walk(child.id);
      }
    };
    walk(id);
    return out;
  }

  /** Section path shown in citations: the titles of the axis and objective above the node. */
  path(node: PlanNode): string[] {
    return this.ancestors(node)
      .filter((ancestor) => ancestor.kind !== 'plan')
      .map((ancestor) => sectionTitle(ancestor));
  }
}

/** A short printable title for an axis or objective ("Axe 2 — Faire société", "Objectif 1.3 — …"). */
export function sectionTitle(node: PlanNode, max = 110): string {
  const firstLine = node.text.split('\n')[0] ?? node.text;
  const title = firstLine.length > max ? `${firstLine.slice(0, max - 1).trimEnd()}…` : firstLine;
  if (!node.label) return title;
  const label = /^\d+\.$/u.test(node.label) ? node.label.slice(0, -1) : node.label;
  return /^\d+$/u.test(label) ? `${label}. ${title}` : `${label} — ${title}`;
}
