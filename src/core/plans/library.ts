import { letterKey } from '../text/fold.ts';
import type { ScopeRegistry } from './scopes.ts';
import type { NodeKind, Passage, PlanMeta, PlanNode } from './types.ts';

/**
 * The plans held in memory for answering: a few thousand nodes, read once from the store.
 * Answer latency stays in microseconds because nothing here touches the disk.
 */
export class PlanLibrary {
  readonly plans: PlanMeta[];
  readonly nodes: PlanNode[];
  readonly scopes: ScopeRegistry;
  private readonly byId = new Map<string, PlanNode>();
  private byShortId: Map<string, PlanNode[]> | undefined;
  private readonly childrenOf = new Map<string, PlanNode[]>();
  private readonly planById = new Map<string, PlanMeta>();
  private passageById: Map<string, Passage> | null = null;
  private passagesByOwner: Map<string, Passage[]> | null = null;
  private readonly scopesByPlan = new Map<string, Set<string>>();
  private readonly sectionKeysCache = new Map<string, { node: PlanNode; keys: string[] }[]>();
  private readonly loadPassages: () => Passage[];

  /**
   * `passages` may be a loader: answering reads only nodes, so the prose passages (which only
   * `search` shows) are not read at start-up.
   */
  constructor(
    plans: PlanMeta[],
    nodes: PlanNode[],
    passages: Passage[] | (() => Passage[]),
    scopes: ScopeRegistry,
  ) {
    this.plans = plans;
    this.nodes = nodes;
    this.loadPassages = typeof passages === 'function' ? passages : () => passages;
    this.scopes = scopes;
    for (const plan of plans) this.planById.set(plan.id, plan);
    for (const node of nodes) this.byId.set(node.id, node);
    for (const node of nodes) {
      if (!node.parentId) continue;
      const list = this.childrenOf.get(node.parentId) ?? [];
      list.push(node);
      this.childrenOf.set(node.parentId, list);
    }
    for (const list of this.childrenOf.values()) list.sort((a, b) => a.ord - b.ord);
  }

  node(id: string): PlanNode | undefined {
    return this.byId.get(id);
  }

  /**
   * A node by its full id ("cf-casf-2025:i0ab56d1") or by the short form printed in cards and
   * previews ("i0ab56d1"). A short form shared by several plans gives the choices instead.
   */
  find(id: string): { node: PlanNode } | { choices: PlanNode[] } | undefined {
    const wanted = id.trim();
    const exact = this.byId.get(wanted);
    if (exact) return { node: exact };
    if (!this.byShortId) {
      this.byShortId = new Map();
      for (const node of this.nodes) {
        const short = node.id.slice(node.id.indexOf(':') + 1);
        if (short === node.id) continue;
        this.byShortId.set(short, [...(this.byShortId.get(short) ?? []), node]);
      }
    }
    const matches = this.byShortId.get(wanted) ?? [];
    if (matches.length === 1 && matches[0]) return { node: matches[0] };
    return matches.length ? { choices: matches } : undefined;
  }

  passage(id: string): Passage | undefined {
    if (!this.passageById) this.passageById = new Map(this.loadPassages().map((p) => [p.id, p]));
    return this.passageById.get(id);
  }

  /**
   * A plan's sections of a kind with the letter keys of their title and lines, for naming them by
   * title: computed once per plan, a question names sections among hundreds of plans.
   */
  sectionKeys(planId: string, kind: 'axis' | 'objective'): { node: PlanNode; keys: string[] }[] {
    const cacheKey = `${planId}|${kind}`;
    let list = this.sectionKeysCache.get(cacheKey);
    if (!list) {
      list = this.descendants(planId, kind).map((node) => ({
        node,
        keys: [node.title ?? '', ...node.text.split('\n')].map(letterKey).filter(Boolean),
      }));
      this.sectionKeysCache.set(cacheKey, list);
    }
    return list;
  }

  /** The scopes a plan has items for: its académie, and the départements it declines itself for. */
  scopesOf(planId: string): Set<string> {
    let scopes = this.scopesByPlan.get(planId);
    if (!scopes) {
      scopes = new Set(this.descendants(planId).map((node) => node.scope));
      this.scopesByPlan.set(planId, scopes);
    }
    return scopes;
  }

  /** The prose passages a node owns (its introduction, for an axis or a plan), in the plan's order. */
  passagesOf(nodeId: string): Passage[] {
    if (!this.passagesByOwner) {
      const byOwner = new Map<string, Passage[]>();
      for (const passage of this.allPassages()) {
        const list = byOwner.get(passage.nodeId) ?? [];
        list.push(passage);
        byOwner.set(passage.nodeId, list);
      }
      for (const list of byOwner.values()) list.sort((a, b) => a.source.lines[0] - b.source.lines[0]);
      this.passagesByOwner = byOwner;
    }
    return this.passagesByOwner.get(nodeId) ?? [];
  }

  private allPassages(): Passage[] {
    if (!this.passageById) this.passageById = new Map(this.loadPassages().map((p) => [p.id, p]));
    return [...this.passageById.values()];
  }

  plan(id: string): PlanMeta | undefined {
    return this.planById.get(id);
  }

  children(id: string, kind?: NodeKind): PlanNode[] {
    const list = this.childrenOf.get(id) ?? [];
    return kind ? list.filter((node) => node.kind === kind) : list;
  }

  /** Ancestors from the plan down to the node's parent. */
  ancestors(node: PlanNode): PlanNode[] {
    const out: PlanNode[] = [];
    let current = node.parentId ? this.byId.get(node.parentId) : undefined;
    while (current) {
      out.unshift(current);
      current = current.parentId ? this.byId.get(current.parentId) : undefined;
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
