import type { ScopeRegistry } from '../plans/scopes.ts';
import type { NodeKind, ParsedPlan, PlanMeta, PlanNode, SourceRef } from '../plans/types.ts';
import { letterKey } from '../text/fold.ts';
import { assignIds } from './ids.ts';
import { PassageWriter } from './passages.ts';
import type { PlanText } from './plan-text.ts';
import type { PlanProfile } from './profile.ts';
import type { ItemKind, ItemStyle, ProfileRules } from './profile-rules.ts';
import type { Unit } from './units.ts';

/** An axis as the preamble (preamble.ts) names (or summarises) it. */
export interface OverviewEntry {
  text: string;
  unit: Unit;
}

/** The table of contents: where it is among the units, and the objectives' titles per axis. */
export interface TableOfContents {
  start: number;
  end: number;
  objectives: Map<number, string[]>;
}

/** A list being read: its items go under the current objective (or axis). */
export interface OpenBlock {
  kind: ItemKind;
  items: ItemStyle;
  /** Items of a list printed before the objective it belongs to (two-column layouts). */
  deferred: PlanNode[] | null;
  heading: string;
  count: number;
}

/** What a reading needs to know before it starts: the plan, its profile and the pre-pass results. */
export interface ReaderSetup {
  meta: PlanMeta;
  profile: PlanProfile;
  scopes: ScopeRegistry;
  text: PlanText;
  rules: ProfileRules;
  /** The preamble's list of axes, by axis number. */
  overview: Map<number, OverviewEntry>;
  toc: TableOfContents | null;
  /** The whole file: the plan node's source. */
  span: SourceRef;
}

/**
 * One reading of a plan, unit after unit: where the reading stands (scope, axis, objective, open
 * list…) and the operations that grow the tree. The handlers in sections.ts and lists.ts decide
 * what a unit is; this class only keeps the tree and its position consistent.
 */
export class PlanReader {
  readonly meta: PlanMeta;
  readonly profile: PlanProfile;
  readonly scopes: ScopeRegistry;
  readonly text: PlanText;
  readonly rules: ProfileRules;
  readonly overview: Map<number, OverviewEntry>;
  readonly toc: TableOfContents | null;
  readonly root: PlanNode;
  readonly nodes: PlanNode[] = [];
  readonly prose: PassageWriter;
  /** Axes by number, to recognise a running header that repeats the current axis. */
  readonly axes = new Map<number, PlanNode>();
  /** Kinds of list already met in each section (see `oneBlockPerKind` in the profile). */
  readonly listKindsSeen = new Map<PlanNode, Set<ItemKind>>();

  /** The scope being read: the plan's académie, or the département named by a scope heading. */
  scope: string;
  axis: PlanNode | null = null;
  objective: PlanNode | null = null;
  block: OpenBlock | null = null;
  /** The lines read are the objective itself (an objective block's title arrow and bullets). */
  collectingObjective = false;
  /** Inside a prose box: everything is a passage until the next section. */
  inPassageBox = false;
  /** An axis announced without a title, waiting for the next paragraph to give it one. */
  expectAxisTitle: PlanNode | null = null;
  /** Items printed before the objective they belong to, waiting for it (see adoptDeferred). */
  deferred: PlanNode[] = [];

  private readonly planScope: string;
  /** Parents are resolved into ids at the end, because deferred items change parent on the way. */
  private readonly parents = new Map<PlanNode, PlanNode>();
  private ord = 0;

  constructor(setup: ReaderSetup) {
    this.meta = setup.meta;
    this.profile = setup.profile;
    this.scopes = setup.scopes;
    this.text = setup.text;
    this.rules = setup.rules;
    this.overview = setup.overview;
    this.toc = setup.toc;
    this.prose = new PassageWriter(setup.meta.id);
    this.planScope = setup.meta.academie;
    this.scope = this.planScope;
    this.root = {
      id: this.meta.id,
      planId: this.meta.id,
      parentId: null,
      kind: 'plan',
      ord: this.ord++,
      label: null,
      text: this.meta.title,
      title: this.meta.title,
      summary: null,
      scope: this.planScope,
      source: setup.span,
      heading: null,
    };
    this.nodes.push(this.root);
  }

  /** Leaves the current section for an axis; a running header re-entering the same axis changes nothing. */
  enterAxis(next: PlanNode): void {
    if (next !== this.axis) {
      this.deferred = [];
      this.axis = next;
      this.objective = null;
      this.block = null;
      this.collectingObjective = false;
      this.inPassageBox = false;
      this.scope = this.planScope;
    }
  }

  /** A scope heading: what follows, within the current axis, speaks of that académie or département. */
  enterScope(key: string): void {
    this.deferred = [];
    this.scope = key;
    this.objective = null;
    this.block = null;
    this.collectingObjective = false;
  }

  createAxis(n: number, headingText: string, headingSource: SourceRef): PlanNode {
    const entry = this.overview.get(n);
    let text = headingText;
    let source = headingSource;
    let summary: PlanNode['summary'] = null;
    if (entry && this.profile.axis.overview?.role === 'summary') {
      summary = { text: entry.text, source: this.text.sourceOf(entry.unit) };
    } else if (entry && !sameTitle(headingText, entry.text)) {
      // The heading is damaged or missing; the preamble names the axis legibly.
      text = entry.text.replace(/\s*[;.]$/u, '');
      source = this.text.sourceOf(entry.unit);
    }
    const node = this.newNode('axis', this.root, text, source, {
      label: `Axe ${n}`,
      summary,
      scope: this.planScope,
    });
    this.axes.set(n, node);
    this.enterAxis(node);
    return node;
  }

  startObjective(text: string, unit: Unit, label: string | null): PlanNode {
    const node = this.newNode('objective', this.axis ?? this.root, text, this.text.sourceOf(unit), { label });
    this.adoptDeferred(node);
    this.objective = node;
    this.block = null;
    this.collectingObjective = false;
    return node;
  }

  openItem(kind: ItemKind, unit: Unit, heading: string | null): PlanNode {
    const parent = this.objective ?? this.axis ?? this.root;
    return this.newNode(kind, parent, this.text.itemText(unit), this.text.sourceOf(unit), { heading });
  }

  /** Prose goes to the innermost open section, joining the passage before it when it continues it. */
  addPassage(unit: Unit): void {
    const owner = this.objective ?? this.axis ?? this.root;
    const place = { nodeId: owner.id, scope: this.scope };
    this.prose.add(unit, this.text.textOf(unit), place, this.text.sourceOf(unit));
  }

  /** The parsed plan, with final parents and stable ids. */
  finish(): ParsedPlan {
    for (const node of this.nodes) {
      const parent = this.parents.get(node);
      if (parent) node.parentId = parent.id;
    }
    return assignIds({ meta: this.meta, nodes: this.nodes, passages: this.prose.passages });
  }

  private newNode(
    kind: NodeKind,
    parent: PlanNode,
    text: string,
    source: SourceRef,
    extra: Partial<PlanNode> = {},
  ): PlanNode {
    const ord = this.ord++;
    const node: PlanNode = {
      id: `tmp${ord}`,
      planId: this.meta.id,
      parentId: parent.id || null,
      kind,
      ord,
      label: null,
      text,
      title: kind === 'axis' || kind === 'objective' ? text || null : null,
      summary: null,
      scope: this.scope,
      source,
      heading: null,
      ...extra,
    };
    this.parents.set(node, parent);
    this.nodes.push(node);
    this.prose.interrupt();
    return node;
  }

  // Lists printed before their objective's title (interleaved columns) join the next objective;
  // when none comes, they stay where they were printed.
  private adoptDeferred(target: PlanNode): void {
    for (const node of this.deferred) this.parents.set(node, target);
    this.deferred = [];
  }
}

/** Titles are the same when one's letters contain the other's (accents, case, punctuation aside). */
function sameTitle(a: string, b: string): boolean {
  const ka = letterKey(a.replace(/\s*[;.]$/u, ''));
  const kb = letterKey(b.replace(/\s*[;.]$/u, ''));
  return ka.length > 0 && kb.length > 0 && (ka.includes(kb) || kb.includes(ka));
}
