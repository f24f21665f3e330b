import type { PlanProfile } from './profile.ts';
import type { Unit } from './units.ts';

/** Profiles hold regular expressions as strings so that they stay data; they are compiled once here. */
export const compile = (source: string) => new RegExp(source, 'iu');

export type ItemKind = 'action' | 'indicator';
export type ItemStyle = 'bullets' | 'paragraphs' | 'either';

export interface AxisHeading {
  n: number;
  match: RegExpExecArray;
}

/** A profile's patterns, compiled, and the tests built on them. */
export interface ProfileRules {
  objectiveHeading: RegExp | null;
  objectiveBlock: RegExp | null;
  genericObjectiveBlock: RegExp | null;
  /** Headings of item lists, with the kind and style of their items. */
  blocks: { kind: ItemKind; heading: string; items: ItemStyle; re: RegExp }[];
  scopeHeadings: RegExp[];
  summaryLines: RegExp[];
  passageBlocks: RegExp[];
  /** Headings are never bulleted. */
  isHeadingCandidate(unit: Unit): boolean;
  /** The axis a unit announces ("Axe 2 …"), with the match for an inline title. */
  axisNumberOf(unit: Unit): AxisHeading | null;
}

export function compileRules(profile: PlanProfile, firstLine: (unit: Unit) => string): ProfileRules {
  const axisHeading = profile.axis.heading ? compile(profile.axis.heading) : null;
  const isHeadingCandidate = (unit: Unit) => unit.bullet === null;
  return {
    objectiveHeading: profile.objective.heading ? compile(profile.objective.heading) : null,
    objectiveBlock: profile.objective.block ? compile(profile.objective.block) : null,
    genericObjectiveBlock: profile.objective.genericBlock ? compile(profile.objective.genericBlock) : null,
    blocks: profile.blocks.map((block) => ({ ...block, re: compile(block.heading) })),
    scopeHeadings: profile.scopes.map(compile),
    summaryLines: profile.summaryLines.map(compile),
    passageBlocks: profile.passageBlocks.map(compile),
    isHeadingCandidate,
    axisNumberOf: (unit) => {
      if (!axisHeading || !isHeadingCandidate(unit)) return null;
      const match = axisHeading.exec(firstLine(unit));
      const n = Number(match?.groups?.n);
      return match && Number.isInteger(n) ? { n, match } : null;
    },
  };
}
