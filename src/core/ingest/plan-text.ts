import type { PlanMeta, SourceRef } from '../plans/types.ts';
import { repairOcr } from './ocr.ts';
import type { PlanProfile } from './profile.ts';
import { collapseSpaces, joinLines, repairGuillemets, repairLigatures, stripMarkdown } from './repair.ts';
import type { Unit } from './units.ts';
import type { Vocabulary } from './vocabulary.ts';

const BULLETS = /^(?:(?:[\uf06c\uf0a7➔→>•–▪●*]|-(?=\s))\s*)+/u;

/** How the parser reads a unit's words: export defects repaired, bullets dropped, source kept. */
export interface PlanText {
  /** Repairs one plan's export defects (Markdown, guillemets, split ligatures, OCR misreadings). */
  repair(text: string): string;
  /** Joins physical lines into one, mending words hyphenated at line ends. */
  join(lines: string[]): string;
  /** The unit's repaired text from its line `from` on, without leading bullets. */
  textOf(unit: Unit, from?: number): string;
  /** A list item's text, without the separator that ends it in an enumeration. */
  itemText(unit: Unit): string;
  /** The unit's first line, only lightly cleaned: what headings are matched against. */
  firstLine(unit: Unit): string;
  /** Where a run of units sits in the plan's file. */
  sourceOf(first: Unit, last?: Unit): SourceRef;
}

export function createPlanText(meta: PlanMeta, profile: PlanProfile, vocabulary: Vocabulary): PlanText {
  const repair = (text: string) => {
    let out = profile.format === 'markdown' ? stripMarkdown(text) : text;
    out = repairGuillemets(out);
    out = repairLigatures(out, vocabulary);
    if (profile.ocr) out = repairOcr(out, vocabulary);
    return collapseSpaces(out);
  };
  const join = (lines: string[]) => joinLines(lines, vocabulary);
  const textOf = (unit: Unit, from = 0) =>
    repair(join(unit.lines.slice(from)))
      .replace(BULLETS, '')
      .trim();
  return {
    repair,
    join,
    textOf,
    itemText: (unit) => textOf(unit).replace(/\s*[;,]$/u, ''),
    firstLine: (unit) =>
      collapseSpaces(
        profile.format === 'markdown' ? stripMarkdown(unit.lines[0] ?? '') : (unit.lines[0] ?? ''),
      ),
    sourceOf: (first, last = first) => ({
      file: meta.file,
      lines: [first.first, last.last],
      page: first.page,
    }),
  };
}
