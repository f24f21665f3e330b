import type { ScopeRegistry } from '../plans/scopes.ts';
import type { ParsedPlan, PlanMeta, SourceRef } from '../plans/types.ts';
import { readSourceLines } from './lines.ts';
import { openListBlock, readListItem } from './lists.ts';
import { PlanReader } from './plan-reader.ts';
import { createPlanText } from './plan-text.ts';
import { findTableOfContents, readOverview, readTableOfContents } from './preamble.ts';
import type { PlanProfile } from './profile.ts';
import { compile, compileRules } from './profile-rules.ts';
import { extendObjectiveBlock, fillAwaitedAxisTitle, readSectionHeading } from './sections.ts';
import { buildUnits, type Unit } from './units.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface ParseInput {
  meta: PlanMeta;
  profile: PlanProfile;
  text: string;
  vocabulary: Vocabulary;
  scopes: ScopeRegistry;
}

/**
 * Reads one plan export into its tree (plan → axis → objective → action / indicator) plus passages.
 * Everything plan-specific comes from the profile; this module and its helpers only hold mechanisms:
 * the export is cut into units (units.ts), a pre-pass reads what the preamble announces
 * (preamble.ts), then each unit is read as a heading (sections.ts, lists.ts), a list item or prose
 * (passages.ts), growing the tree kept by a PlanReader (plan-reader.ts).
 */
export function parsePlan(input: ParseInput): ParsedPlan {
  const { meta, profile, vocabulary, scopes } = input;
  const dropPatterns = profile.dropLines.map(compile);
  const lines = readSourceLines(input.text, profile, (line) => dropPatterns.some((re) => re.test(line)));
  const units = buildUnits(lines, profile);
  const text = createPlanText(meta, profile, vocabulary);
  const rules = compileRules(profile, text.firstLine);

  // ---- Pre-pass: the preamble's list of axes and the table of contents, if the profile has them.
  const overview = readOverview(units, profile, rules.axisNumberOf, text.textOf);
  const toc = profile.axis.tableOfContents ? findTableOfContents(units, rules.axisNumberOf) : null;

  const span: SourceRef = {
    file: meta.file,
    lines: [1, Math.max(1, lines.length)],
    page: lines[0]?.page ?? null,
  };
  const reader = new PlanReader({ meta, profile, scopes, text, rules, overview, toc, span });
  readTableOfContents(reader, units);

  // ---- Main pass.
  units.forEach((unit, index) => {
    if (toc && index >= toc.start && index < toc.end) return;
    if (!readStructure(reader, unit)) reader.addPassage(unit);
  });
  return reader.finish();
}

/**
 * Reads a unit that shapes the tree: a heading, an objective's own line, a list item. Returns false
 * for prose, left to the caller; the order of the tests is the order of precedence.
 */
function readStructure(reader: PlanReader, unit: Unit): boolean {
  const head = reader.text.firstLine(unit);
  if (fillAwaitedAxisTitle(reader, unit)) return true;
  // A line of the plan's list of contents ("3 3 Assurer…") is prose, never an item.
  if (reader.rules.summaryLines.some((re) => re.test(head))) return false;
  if (
    reader.rules.isHeadingCandidate(unit) &&
    (readSectionHeading(reader, unit, head) || openListBlock(reader, unit, head))
  ) {
    return true;
  }
  if (reader.inPassageBox) return false;
  return extendObjectiveBlock(reader, unit) || readListItem(reader, unit);
}
