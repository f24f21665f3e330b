import type { PlanNode } from '../plans/types.ts';
import { letterKey } from '../text/fold.ts';
import type { PlanReader } from './plan-reader.ts';
import { tocObjectiveTitle } from './preamble.ts';
import type { Unit } from './units.ts';

// Section headings: axes, scopes, prose boxes and objectives. Each reader returns whether the unit
// was a heading it handled; the order of the tests in readSectionHeading is the order of precedence.

/** An axis heading without a title takes the next paragraph as its title (profile `titleFrom: next`). */
export function fillAwaitedAxisTitle(reader: PlanReader, unit: Unit): boolean {
  const target = reader.expectAxisTitle;
  if (!target) return false;
  reader.expectAxisTitle = null;
  if (target.text) return false;
  target.text = reader.text.textOf(unit).replace(/\s*\.$/u, '');
  target.title = target.text;
  target.source = { ...target.source, lines: [target.source.lines[0], unit.last] };
  return true;
}

/** Reads a unit without bullet as a section heading, if it is one. `head` is its first line. */
export function readSectionHeading(reader: PlanReader, unit: Unit, head: string): boolean {
  const { rules, profile, text } = reader;
  if (readAxisHeading(reader, unit)) return true;
  if (profile.axis.matchTitles && matchAxisTitle(reader, unit)) return true;
  const scopeHead = rules.scopeHeadings.map((re) => re.exec(head)).find(Boolean);
  if (scopeHead) {
    const found = reader.scopes.resolve(scopeHead.groups?.name ?? '');
    if (found) {
      reader.enterScope(found.key);
      return true;
    }
  }
  if (rules.passageBlocks.some((re) => re.test(head))) {
    reader.inPassageBox = true;
    reader.addPassage(unit);
    return true;
  }
  const numbered = rules.objectiveHeading?.exec(text.textOf(unit));
  if (numbered?.groups) {
    const label = profile.objective.label.replace('{n}', numbered.groups.n ?? '');
    reader.startObjective((numbered.groups.title ?? '').trim(), unit, label);
    return true;
  }
  if (tocObjectiveTitle(reader, unit)) {
    reader.startObjective(text.textOf(unit).replace(/\s*\.$/u, ''), unit, null);
    return true;
  }
  if (rules.objectiveBlock?.test(head)) {
    const generic = rules.genericObjectiveBlock?.test(head) ?? false;
    const node = reader.startObjective(generic ? '' : text.textOf(unit), unit, null);
    node.heading = text.textOf(unit);
    node.title = generic ? null : node.text;
    reader.collectingObjective = true;
    return true;
  }
  return false;
}

/** The lines of an objective block are the objective's own text, up to the next heading. */
export function extendObjectiveBlock(reader: PlanReader, unit: Unit): boolean {
  if (!reader.collectingObjective || !reader.objective) return false;
  const part = reader.text.textOf(unit);
  const current: PlanNode = reader.objective;
  // "→ Accompagner les professeurs…" is the objective's title; "- …" bullets are a bare list.
  if (!current.text && (unit.bullet === '→' || unit.bullet === '➔')) current.title = part;
  current.text = current.text ? `${current.text}\n${part}` : part;
  current.source = { ...current.source, lines: [current.source.lines[0], unit.last] };
  return true;
}

function readAxisHeading(reader: PlanReader, unit: Unit): boolean {
  const { text, profile } = reader;
  const axisHead = reader.rules.axisNumberOf(unit);
  if (!axisHead) return false;
  const known = reader.axes.get(axisHead.n);
  // A running header repeats the current axis: it is page furniture, not a new section.
  if (known) {
    reader.enterAxis(known);
    return true;
  }
  const inline = axisHead.match.groups?.title?.trim();
  const rest = inline ? text.repair(inline) : text.textOf(unit, 1).replace(/\s*\.$/u, '');
  const node = reader.createAxis(axisHead.n, rest, text.sourceOf(unit));
  if (!rest && profile.axis.titleFrom === 'next' && !node.text) reader.expectAxisTitle = node;
  return true;
}

/** A paragraph that begins with a known axis title (re-)enters that axis (profile `matchTitles`). */
function matchAxisTitle(reader: PlanReader, unit: Unit): boolean {
  const { text } = reader;
  const key = letterKey(text.textOf(unit));
  const known: { n: number; title: string; node: PlanNode | undefined }[] = [];
  for (const [n, node] of reader.axes) known.push({ n, title: node.text, node });
  for (const [n, entry] of reader.overview)
    if (!reader.axes.has(n)) known.push({ n, title: entry.text, node: undefined });
  for (const candidate of known) {
    const titleKey = letterKey(candidate.title.replace(/\s*[;.]$/u, ''));
    if (titleKey.length < 12 || !key.startsWith(titleKey)) continue;
    if (candidate.node) {
      reader.enterAxis(candidate.node);
      if (key.length > titleKey.length + 3) reader.addPassage(unit);
      return true;
    }
    // The axis heading runs into its subtitle: the title is the lines that cover the preamble's
    // title plus their lower-case continuation; the rest is the subtitle.
    let cut = 0;
    let covered = '';
    while (cut < unit.lines.length && covered.length < titleKey.length) {
      covered = letterKey(text.join(unit.lines.slice(0, cut + 1)));
      cut++;
    }
    while (cut < unit.lines.length && /^\s*\p{Ll}/u.test(unit.lines[cut] ?? '')) cut++;
    const title = text.repair(text.join(unit.lines.slice(0, cut)));
    const headingUnit: Unit = { ...unit, last: unit.first + cut - 1, lines: unit.lines.slice(0, cut) };
    reader.createAxis(candidate.n, title, text.sourceOf(headingUnit));
    if (cut < unit.lines.length) {
      reader.addPassage({ ...unit, first: unit.first + cut, lines: unit.lines.slice(cut) });
    }
    return true;
  }
  return false;
}
