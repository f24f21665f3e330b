import { looseKey } from '../text/fold.ts';
import type { OverviewEntry, PlanReader, TableOfContents } from './plan-reader.ts';
import type { PlanProfile } from './profile.ts';
import type { AxisHeading } from './profile-rules.ts';
import type { Unit } from './units.ts';

// The pre-pass: what a plan announces before its body (the preamble's list of axes, a table of
// contents), read first because it names axes and objectives whose own headings may be damaged.

type AxisNumberOf = (unit: Unit) => Pick<AxisHeading, 'n'> | null;

export function readOverview(
  units: Unit[],
  profile: PlanProfile,
  axisNumberOf: AxisNumberOf,
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
export function findTableOfContents(units: Unit[], axisNumberOf: AxisNumberOf): TableOfContents | null {
  const start = units.findIndex((unit) => axisNumberOf(unit) !== null);
  if (start < 0) return null;
  const first = axisNumberOf(units[start] as Unit)?.n;
  const end = units.findIndex((unit, i) => i > start && axisNumberOf(unit)?.n === first);
  return end > start ? { start, end, objectives: new Map() } : null;
}

/** Creates the axes the table of contents lists and notes their objectives' titles, read once. */
export function readTableOfContents(reader: PlanReader, units: Unit[]): void {
  const { toc, text, rules } = reader;
  if (!toc) return;
  let tocAxis = 0;
  for (let i = toc.start; i < toc.end; i++) {
    const unit = units[i];
    if (!unit) continue;
    const heading = rules.axisNumberOf(unit);
    if (heading) {
      tocAxis = heading.n;
      const title = text.textOf(unit, 1).replace(/\s*\.$/u, '');
      reader.createAxis(tocAxis, title, text.sourceOf(unit));
      toc.objectives.set(tocAxis, []);
    } else if (tocAxis) {
      toc.objectives.get(tocAxis)?.push(text.textOf(unit).replace(/\s*\.$/u, ''));
    }
  }
  reader.axis = null;
}

/** The objective title, as the table of contents prints it, that a unit of an axis repeats. */
export function tocObjectiveTitle(reader: PlanReader, unit: Unit): string | null {
  if (!reader.toc || !reader.axis) return null;
  const key = looseKey(reader.text.textOf(unit).replace(/\s*\.$/u, ''));
  for (const titles of reader.toc.objectives.values()) {
    const found = titles.find((title) => looseKey(title) === key);
    if (found) return found;
  }
  return null;
}
