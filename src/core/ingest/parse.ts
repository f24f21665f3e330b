import type { ScopeRegistry } from '../plans/scopes.ts';
import type { NodeKind, ParsedPlan, Passage, PlanMeta, PlanNode, SourceRef } from '../plans/types.ts';
import { letterKey, looseKey } from '../text/fold.ts';
import { assignIds } from './ids.ts';
import { readSourceLines } from './lines.ts';
import { repairOcr } from './ocr.ts';
import type { PlanProfile } from './profile.ts';
import { collapseSpaces, joinLines, repairGuillemets, repairLigatures, stripMarkdown } from './repair.ts';
import { buildUnits, type Unit } from './units.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface ParseInput {
  meta: PlanMeta;
  profile: PlanProfile;
  text: string;
  vocabulary: Vocabulary;
  scopes: ScopeRegistry;
}

type ItemKind = 'action' | 'indicator';
type ItemStyle = 'bullets' | 'paragraphs' | 'either';

interface OpenBlock {
  kind: ItemKind;
  items: ItemStyle;
  /** Items of a list printed before the objective it belongs to (two-column layouts). */
  deferred: PlanNode[] | null;
  heading: string;
  count: number;
}

interface OpenPassage {
  passage: Passage;
  /** How the list the passage ends with is marked, if it ends with one. */
  list: 'bullet' | 'number' | null;
}

/** Longest passage built by joining paragraphs: beyond it, a passage stops being one answer. */
const MAX_PASSAGE_CHARS = 1500;

interface OverviewEntry {
  text: string;
  unit: Unit;
}

const BULLETS = /^(?:(?:[\uf06c\uf0a7➔→>•–▪●*]|-(?=\s))\s*)+/u;
const compile = (source: string) => new RegExp(source, 'iu');

/**
 * Reads one plan export into its tree (plan → axis → objective → action / indicator) plus passages.
 * Everything plan-specific comes from the profile; this function only holds the mechanisms.
 */
export function parsePlan(input: ParseInput): ParsedPlan {
  const { meta, profile, vocabulary, scopes } = input;
  const dropPatterns = profile.dropLines.map(compile);
  const lines = readSourceLines(input.text, profile, (line) => dropPatterns.some((re) => re.test(line)));
  const units = buildUnits(lines, profile);

  const repair = (text: string) => {
    let out = profile.format === 'markdown' ? stripMarkdown(text) : text;
    out = repairGuillemets(out);
    out = repairLigatures(out, vocabulary);
    if (profile.ocr) out = repairOcr(out, vocabulary);
    return collapseSpaces(out);
  };
  const textOf = (unit: Unit, from = 0) =>
    repair(joinLines(unit.lines.slice(from), vocabulary))
      .replace(BULLETS, '')
      .trim();
  const itemText = (unit: Unit) => textOf(unit).replace(/\s*[;,]$/u, '');
  const firstLine = (unit: Unit) =>
    collapseSpaces(
      profile.format === 'markdown' ? stripMarkdown(unit.lines[0] ?? '') : (unit.lines[0] ?? ''),
    );
  const sourceOf = (first: Unit, last: Unit = first): SourceRef => ({
    file: meta.file,
    lines: [first.first, last.last],
    page: first.page,
  });

  const axisHeading = profile.axis.heading ? compile(profile.axis.heading) : null;
  const objectiveHeading = profile.objective.heading ? compile(profile.objective.heading) : null;
  const objectiveBlock = profile.objective.block ? compile(profile.objective.block) : null;
  const genericObjectiveBlock = profile.objective.genericBlock
    ? compile(profile.objective.genericBlock)
    : null;
  const blocks = profile.blocks.map((block) => ({ ...block, re: compile(block.heading) }));
  const scopeHeadings = profile.scopes.map(compile);
  const summaryLines = profile.summaryLines.map(compile);
  const passageBlocks = profile.passageBlocks.map(compile);
  const isHeadingCandidate = (unit: Unit) => unit.bullet === null;
  const axisNumberOf = (unit: Unit) => {
    if (!axisHeading || !isHeadingCandidate(unit)) return null;
    const match = axisHeading.exec(firstLine(unit));
    const n = Number(match?.groups?.n);
    return match && Number.isInteger(n) ? { n, match } : null;
  };

  // ---- Pre-pass: the preamble's list of axes and the table of contents, if the profile has them.
  const overview = readOverview(units, profile, axisNumberOf, textOf);
  const toc = profile.axis.tableOfContents ? findTableOfContents(units, axisNumberOf) : null;

  const nodes: PlanNode[] = [];
  const passages: Passage[] = [];
  let ord = 0;
  const planScope = meta.academie;
  const root: PlanNode = {
    id: meta.id,
    planId: meta.id,
    parentId: null,
    kind: 'plan',
    ord: ord++,
    label: null,
    text: meta.title,
    title: meta.title,
    summary: null,
    scope: planScope,
    source: { file: meta.file, lines: [1, Math.max(1, lines.length)], page: lines[0]?.page ?? null },
    heading: null,
  };
  nodes.push(root);

  // The passage being written, while nothing else has been read since: a paragraph cut by a page
  // or column break, or a list printed one item per paragraph, continues it (see continuesPassage).
  let openPassage: OpenPassage | null = null;
  const newNode = (
    kind: NodeKind,
    parent: PlanNode,
    text: string,
    source: SourceRef,
    extra: Partial<PlanNode> = {},
  ): PlanNode => {
    const node: PlanNode = {
      id: `tmp${ord}`,
      planId: meta.id,
      parentId: parent.id || null,
      kind,
      ord: ord++,
      label: null,
      text,
      title: kind === 'axis' || kind === 'objective' ? text || null : null,
      summary: null,
      scope,
      source,
      heading: null,
      ...extra,
    };
    parents.set(node, parent);
    nodes.push(node);
    openPassage = null;
    return node;
  };
  const parents = new Map<PlanNode, PlanNode>();

  let scope = planScope;
  let axis: PlanNode | null = null;
  let objective: PlanNode | null = null;
  let block: OpenBlock | null = null;
  let collectingObjective = false;
  let inPassageBox = false;
  let expectAxisTitle: PlanNode | null = null;
  let deferred: PlanNode[] = [];
  const axes = new Map<number, PlanNode>();
  const listKindsSeen = new Map<PlanNode, Set<ItemKind>>();
  const tocObjectives = new Map<number, string[]>();

  const addPassage = (unit: Unit) => {
    const text = textOf(unit);
    if ((text.match(/\p{L}{3,}/gu) ?? []).length < 2) return;
    const owner = objective ?? axis ?? root;
    const list = listStyleOf(unit, text);
    const open = openPassage;
    if (
      open &&
      open.passage.nodeId === owner.id &&
      open.passage.scope === scope &&
      continuesPassage(open, unit, text, list)
    ) {
      open.passage.text = `${open.passage.text}\n${text}`;
      open.passage.source = { ...open.passage.source, lines: [open.passage.source.lines[0], unit.last] };
      open.list = list ?? open.list;
      return;
    }
    const passage: Passage = {
      id: '',
      planId: meta.id,
      nodeId: owner.id,
      text,
      scope,
      source: sourceOf(unit),
    };
    passages.push(passage);
    openPassage = { passage, list };
  };
  // Lists printed before their objective's title (interleaved columns) join the next objective;
  // when none comes, they stay where they were printed.
  const adoptDeferred = (target: PlanNode) => {
    for (const node of deferred) parents.set(node, target);
    deferred = [];
  };
  const enterAxis = (next: PlanNode) => {
    if (next !== axis) {
      deferred = [];
      axis = next;
      objective = null;
      block = null;
      collectingObjective = false;
      inPassageBox = false;
      scope = planScope;
    }
  };
  const createAxis = (n: number, headingText: string, headingSource: SourceRef) => {
    const entry = overview.get(n);
    let text = headingText;
    let source = headingSource;
    let summary: PlanNode['summary'] = null;
    if (entry && profile.axis.overview?.role === 'summary') {
      summary = { text: entry.text, source: sourceOf(entry.unit) };
    } else if (entry && !sameTitle(headingText, entry.text)) {
      // The heading is damaged or missing; the preamble names the axis legibly.
      text = entry.text.replace(/\s*[;.]$/u, '');
      source = sourceOf(entry.unit);
    }
    const node = newNode('axis', root, text, source, { label: `Axe ${n}`, summary, scope: planScope });
    axes.set(n, node);
    enterAxis(node);
    return node;
  };
  const startObjective = (text: string, unit: Unit, label: string | null) => {
    const node = newNode('objective', axis ?? root, text, sourceOf(unit), { label });
    adoptDeferred(node);
    objective = node;
    block = null;
    collectingObjective = false;
    return node;
  };
  const openItem = (kind: ItemKind, unit: Unit, heading: string | null) => {
    const parent = objective ?? axis ?? root;
    return newNode(kind, parent, itemText(unit), sourceOf(unit), { heading });
  };
  const allows = (style: ItemStyle, unit: Unit) =>
    style === 'either' || (style === 'bullets' ? unit.bullet !== null : unit.bullet === null);

  // ---- Table of contents: axes and their objectives' titles, read once.
  if (toc) {
    let tocAxis = 0;
    for (let i = toc.start; i < toc.end; i++) {
      const unit = units[i];
      if (!unit) continue;
      const heading = axisNumberOf(unit);
      if (heading) {
        tocAxis = heading.n;
        const title = textOf(unit, 1).replace(/\s*\.$/u, '');
        createAxis(tocAxis, title, sourceOf(unit));
        tocObjectives.set(tocAxis, []);
      } else if (tocAxis) {
        tocObjectives.get(tocAxis)?.push(textOf(unit).replace(/\s*\.$/u, ''));
      }
    }
    axis = null;
  }
  const tocObjectiveTitle = (unit: Unit) => {
    if (!toc || !axis) return null;
    const key = looseKey(textOf(unit).replace(/\s*\.$/u, ''));
    for (const titles of tocObjectives.values()) {
      const found = titles.find((title) => looseKey(title) === key);
      if (found) return found;
    }
    return null;
  };

  // ---- Main pass.
  const handleUnit = (unit: Unit, index: number) => {
    if (toc && index >= toc.start && index < toc.end) return;
    const head = firstLine(unit);

    if (expectAxisTitle) {
      const target: PlanNode = expectAxisTitle;
      expectAxisTitle = null;
      if (!target.text) {
        target.text = textOf(unit).replace(/\s*\.$/u, '');
        target.title = target.text;
        target.source = { ...target.source, lines: [target.source.lines[0], unit.last] };
        return;
      }
    }
    if (summaryLines.some((re) => re.test(head))) return addPassage(unit);

    if (isHeadingCandidate(unit)) {
      const axisHead = axisNumberOf(unit);
      if (axisHead) {
        const known = axes.get(axisHead.n);
        // A running header repeats the current axis: it is page furniture, not a new section.
        if (known) return enterAxis(known);
        const inline = axisHead.match.groups?.title?.trim();
        const rest = inline ? repair(inline) : textOf(unit, 1).replace(/\s*\.$/u, '');
        const node = createAxis(axisHead.n, rest, sourceOf(unit));
        if (!rest && profile.axis.titleFrom === 'next' && !node.text) expectAxisTitle = node;
        return;
      }
      if (profile.axis.matchTitles) {
        const entered = matchAxisTitle(unit);
        if (entered) return;
      }
      const scopeHead = scopeHeadings.map((re) => re.exec(head)).find(Boolean);
      if (scopeHead) {
        const found = scopes.resolve(scopeHead.groups?.name ?? '');
        if (found) {
          deferred = [];
          scope = found.key;
          objective = null;
          block = null;
          collectingObjective = false;
          return;
        }
      }
      if (passageBlocks.some((re) => re.test(head))) {
        inPassageBox = true;
        return addPassage(unit);
      }
      const numbered = objectiveHeading?.exec(textOf(unit));
      if (numbered?.groups) {
        const label = profile.objective.label.replace('{n}', numbered.groups.n ?? '');
        startObjective((numbered.groups.title ?? '').trim(), unit, label);
        return;
      }
      const tocTitle = tocObjectiveTitle(unit);
      if (tocTitle) {
        startObjective(textOf(unit).replace(/\s*\.$/u, ''), unit, null);
        return;
      }
      if (objectiveBlock?.test(head)) {
        const generic = genericObjectiveBlock?.test(head) ?? false;
        const node = startObjective(generic ? '' : textOf(unit), unit, null);
        node.heading = textOf(unit);
        node.title = generic ? null : node.text;
        collectingObjective = true;
        return;
      }
      const list = blocks.find((candidate) => candidate.re.test(head));
      if (list) {
        collectingObjective = false;
        inPassageBox = false;
        const owner = objective ?? axis;
        const seen = owner ? (listKindsSeen.get(owner) ?? new Set<ItemKind>()) : new Set<ItemKind>();
        const deferToNext = profile.oneBlockPerKind && owner !== null && seen.has(list.kind);
        if (owner && !deferToNext) listKindsSeen.set(owner, seen.add(list.kind));
        block = {
          kind: list.kind,
          items: list.items,
          deferred: deferToNext ? deferred : null,
          heading: textOf(unit),
          count: 0,
        };
        return;
      }
    }

    if (inPassageBox) return addPassage(unit);
    if (collectingObjective && objective) {
      const part = textOf(unit);
      const current: PlanNode = objective;
      // "→ Accompagner les professeurs…" is the objective's title; "- …" bullets are a bare list.
      if (!current.text && (unit.bullet === '→' || unit.bullet === '➔')) current.title = part;
      current.text = current.text ? `${current.text}\n${part}` : part;
      current.source = { ...current.source, lines: [current.source.lines[0], unit.last] };
      return;
    }
    if (block) {
      const open: OpenBlock = block;
      if (
        open.count === 0 &&
        unit.bullet === null &&
        /:$/u.test(textOf(unit)) &&
        open.items !== 'paragraphs'
      ) {
        return addPassage(unit); // "Evolutions quantitatives et/ou qualitatives portant sur :"
      }
      if (allows(open.items, unit)) {
        const node = openItem(open.kind, unit, open.heading);
        open.count++;
        if (open.deferred) open.deferred.push(node);
        return;
      }
      block = null;
      return addPassage(unit);
    }
    const defaults = profile.defaultItems;
    const hasObjectiveRule = Boolean(objectiveHeading || objectiveBlock || toc);
    if (defaults && (objective || (axis && !hasObjectiveRule)) && allows(defaults.items, unit)) {
      openItem(defaults.kind, unit, null);
      return;
    }
    addPassage(unit);
  };
  for (const [index, unit] of units.entries()) handleUnit(unit, index);

  function matchAxisTitle(unit: Unit): boolean {
    const key = letterKey(textOf(unit));
    const known: { n: number; title: string; node: PlanNode | undefined }[] = [];
    for (const [n, node] of axes) known.push({ n, title: node.text, node });
    for (const [n, entry] of overview)
      if (!axes.has(n)) known.push({ n, title: entry.text, node: undefined });
    for (const candidate of known) {
      const titleKey = letterKey(candidate.title.replace(/\s*[;.]$/u, ''));
      if (titleKey.length < 12 || !key.startsWith(titleKey)) continue;
      if (candidate.node) {
        enterAxis(candidate.node);
        if (key.length > titleKey.length + 3) addPassage(unit);
        return true;
      }
      // The axis heading runs into its subtitle: the title is the lines that cover the preamble's
      // title plus their lower-case continuation; the rest is the subtitle.
      let cut = 0;
      let covered = '';
      while (cut < unit.lines.length && covered.length < titleKey.length) {
        covered = letterKey(joinLines(unit.lines.slice(0, cut + 1), vocabulary));
        cut++;
      }
      while (cut < unit.lines.length && /^\s*\p{Ll}/u.test(unit.lines[cut] ?? '')) cut++;
      const title = repair(joinLines(unit.lines.slice(0, cut), vocabulary));
      const headingUnit: Unit = { ...unit, last: unit.first + cut - 1, lines: unit.lines.slice(0, cut) };
      createAxis(candidate.n, title, sourceOf(headingUnit));
      if (cut < unit.lines.length) {
        addPassage({ ...unit, first: unit.first + cut, lines: unit.lines.slice(cut) });
      }
      return true;
    }
    return false;
  }

  for (const node of nodes) {
    const parent = parents.get(node);
    if (parent) node.parentId = parent.id;
  }
  return assignIds({ meta, nodes, passages });
}

/** Titles are the same when one's letters contain the other's (accents, case, punctuation aside). */
function sameTitle(a: string, b: string): boolean {
  const ka = letterKey(a.replace(/\s*[;.]$/u, ''));
  const kb = letterKey(b.replace(/\s*[;.]$/u, ''));
  return ka.length > 0 && kb.length > 0 && (ka.includes(kb) || kb.includes(ka));
}

function readOverview(
  units: Unit[],
  profile: PlanProfile,
  axisNumberOf: (unit: Unit) => { n: number } | null,
  textOf: (unit: Unit) => string,
): Map<number, OverviewEntry> {
  const entries = new Map<number, OverviewEntry>();
  const spec = profile.axis.overview;
  if (!spec) return entries;
  const firstAxis = units.findIndex((unit) => axisNumberOf(unit) !== null);
  const preamble = firstAxis >= 0 ? units.slice(0, firstAxis) : units;
  if (spec.item) {
    const re = new RegExp(spec.item, 'iu');
    for (const unit of preamble) {
      const match = re.exec(textOf(unit));
      const n = Number(match?.groups?.n);
      if (match?.groups?.title && Number.isInteger(n) && !entries.has(n)) {
        entries.set(n, { text: match.groups.title.trim(), unit });
      }
    }
  }
  if (spec.intro) {
    const re = new RegExp(spec.intro, 'iu');
    const introIndex = preamble.findIndex((unit) => re.test(textOf(unit)));
    const count = new Set(units.map((unit) => axisNumberOf(unit)?.n).filter((n) => n !== undefined)).size;
    if (introIndex >= 0) {
      preamble.slice(introIndex + 1, introIndex + 1 + count).forEach((unit, i) => {
        entries.set(i + 1, { text: textOf(unit), unit });
      });
    }
  }
  return entries;
}

/** The table of contents runs from the first axis heading to that heading's second occurrence. */
function findTableOfContents(
  units: Unit[],
  axisNumberOf: (unit: Unit) => { n: number } | null,
): { start: number; end: number } | null {
  const start = units.findIndex((unit) => axisNumberOf(unit) !== null);
  if (start < 0) return null;
  const first = axisNumberOf(units[start] as Unit)?.n;
  const end = units.findIndex((unit, i) => i > start && axisNumberOf(unit)?.n === first);
  return end > start ? { start, end } : null;
}

function listStyleOf(unit: Unit, text: string): OpenPassage['list'] {
  if (unit.bullet !== null) return 'bullet';
  return /^\d{1,2}(?:[.)]|\s)/u.test(text) ? 'number' : null;
}

/**
 * Whether a paragraph continues the passage before it rather than starting a new one: the passage
 * stops mid-sentence and the paragraph carries on (lower case, or the items of a list the passage
 * introduces: "le bien-être des élèves dépend notamment :" / "- du respect…"), or the passage is a
 * list and this is its next item ("Les actions qui seront menées pour les élèves" / "1 Agir…" /
 * "2 Porter…"). A new heading or sentence after a finished one starts a passage of its own.
 */
function continuesPassage(open: OpenPassage, unit: Unit, text: string, list: OpenPassage['list']): boolean {
  const previous = open.passage.text.trimEnd();
  if (previous.length + text.length > MAX_PASSAGE_CHARS) return false;
  const lowerStart = /^\p{Ll}/u.test(text);
  if (unit.pageStart && !lowerStart) return false;
  const finished = /[.!?…»"]$/u.test(previous);
  if (!finished && (lowerStart || list !== null)) return true;
  return open.list !== null && list === open.list;
}
