import { type PlanLibrary, sectionTitle } from '../../plans/library.ts';
import type { PlanMeta, PlanNode } from '../../plans/types.ts';
import { letterKey } from '../../text/fold.ts';
import { contentStems } from '../../text/stem.ts';
import type { AnswerKind, QueryIntent } from '../intent.ts';
import { phraseWords } from '../words.ts';

/** What a question selects: the plans to read, the scopes of units, and the sections named. */
export interface Filters {
  plans: string[];
  /** Scopes units must have; empty means any. */
  scopes: Set<string>;
  /** Départements named (their académie's units are the fallback). */
  departements: string[];
  sections: PlanNode[];
}

/** Plans the question names, else those of the académies its scopes belong to, else all. */
export function planFilter(intent: QueryIntent, library: PlanLibrary, scopes: string[]): string[] {
  const academies = new Set(
    scopes.map((key) => library.scopes.academieOf(key)).filter((a): a is string => Boolean(a)),
  );
  const all = library.plans.map((plan) => plan.id);
  const inAcademies = (ids: string[]) => ids.filter((id) => academies.has(library.plan(id)?.academie ?? ''));
  if (!academies.size) return intent.planIds.length ? intent.planIds : all;
  // A plan named of another académie than the scope's ("the Clermont plan and Orléans-Tours"):
  // the scope's own plans answer for it.
  const named = inAcademies(intent.planIds);
  if (named.length) return named;
  const own = inAcademies(all);
  return own.length ? own : intent.planIds.length ? intent.planIds : all;
}

/**
 * The kind a question's kind word names in a given plan: Orléans-Tours calls its numbered
 * objectives "actions", so "les actions de l'axe 2" are objectives there.
 */
export function kindsFor(intent: QueryIntent, plan: PlanMeta | undefined): AnswerKind[] {
  if (!intent.kindWord || !plan) return intent.kinds;
  for (const [kind, names] of Object.entries(plan.itemNames ?? {})) {
    if ((names ?? []).some((name) => phraseWords(name).join(' ') === intent.kindWord))
      return [kind as AnswerKind];
  }
  return intent.kinds;
}

/** Sections named by number ("objectif 1.3", "axe 2") or by a title, quoted or not, in the plans. */
export function findSections(intent: QueryIntent, library: PlanLibrary, plans: Set<string>): PlanNode[] {
  const found: PlanNode[] = [];
  const sectionsOf = (kind: 'axis' | 'objective') =>
    [...plans].flatMap((id) => library.sectionKeys(id, kind).map((section) => section.node));
  for (const ref of intent.sectionRefs) {
    if (ref.kind === 'axis') {
      found.push(...sectionsOf('axis').filter((node) => node.label === `Axe ${ref.number}`));
      continue;
    }
    const candidates = sectionsOf('objective');
    const exact = candidates.filter((node) => (node.label ?? '').replace(/^Objectif\s+/u, '') === ref.number);
    if (exact.length) {
      found.push(...exact);
      continue;
    }
    // "objectif 2.3" in a plan numbering objectives within each axis (axis 2, objective "3.").
    const [axisNumber, objectiveNumber] = ref.number.split('.');
    if (objectiveNumber) {
      found.push(
        ...candidates.filter((node) => {
          const axis = library.ancestorOfKind(node, 'axis');
          return node.label === `${objectiveNumber}.` && axis?.label === `Axe ${axisNumber}`;
        }),
      );
    }
  }
  const byTitle: PlanNode[] = [];
  for (const quote of intent.quoted) {
    const key = letterKey(quote);
    if (key.length < 5) continue;
    const before = byTitle.length;
    for (const kind of ['axis', 'objective'] as const) {
      for (const id of plans) {
        for (const section of library.sectionKeys(id, kind))
          if (titleMatches(section.keys, key)) byTitle.push(section.node);
      }
    }
    if (byTitle.length === before) byTitle.push(...nearTitles(quote, [...plans], library));
  }
  // A title and a number naming the same section agree; a title alone names its sections.
  let sections = [...new Set([...found, ...byTitle])];
  if (found.length && byTitle.length) {
    const both = found.filter((node) => byTitle.some((other) => other.id === node.id));
    sections = both.length ? both : found;
  }
  return fromFewPlans(sections);
}

/** "L'objectif 1.3" of how many plans: beyond a few, the question needs its plan named. */
const MAX_SECTION_PLANS = 3;

function fromFewPlans(sections: PlanNode[]): PlanNode[] {
  const plans = [...new Set(sections.map((section) => section.planId))];
  if (plans.length <= MAX_SECTION_PLANS) return sections;
  const kept = new Set(plans.slice(0, MAX_SECTION_PLANS));
  return sections.filter((section) => kept.has(section.planId));
}

/** Share of a title's words a quote quoted from memory must give, all its own words being the title's. */
const NEAR_TITLE = 0.6;

/**
 * A title quoted from memory, a few words left out: « fédérer les partenaires de l'école autour des
 * ambitions des territoires » for « … des ambitions scolaires et éducatives des territoires ».
 * Every word of the quote is in the title, which it mostly covers; the closest titles win.
 */
function nearTitles(quote: string, plans: string[], library: PlanLibrary): PlanNode[] {
  const words = new Set(contentStems(quote));
  if (words.size < 3) return [];
  let best = 0;
  let found: PlanNode[] = [];
  for (const kind of ['axis', 'objective'] as const) {
    for (const id of plans) {
      for (const { node } of library.sectionKeys(id, kind)) {
        const title = new Set(contentStems(sectionTitle(node, 400)));
        if (![...words].every((word) => title.has(word))) continue;
        const share = words.size / title.size;
        if (share < NEAR_TITLE || share < best) continue;
        if (share > best) found = [];
        best = share;
        found.push(node);
      }
    }
  }
  return found;
}

/**
 * A quoted text names a section when it is its title, the start of it ("« Accueillir »" for
 * « Accueillir chacune et chacun… »), or most of one of its lines.
 */
function titleMatches(lines: string[], key: string): boolean {
  return lines.some(
    (line) =>
      line === key ||
      (line.startsWith(key) && key.length >= 5) ||
      (line.includes(key) && key.length >= line.length * 0.6) ||
      (key.includes(line) && line.length >= key.length * 0.8),
  );
}
