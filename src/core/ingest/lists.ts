import type { PlanReader } from './plan-reader.ts';
import type { ItemKind, ItemStyle } from './profile-rules.ts';
import type { Unit } from './units.ts';

// Lists of actions and indicators: a heading from the profile opens one, and the units after it
// are its items as long as they look like them (bullets, paragraphs, or either).

/** Opens a list when a unit is one of the profile's list headings. `head` is its first line. */
export function openListBlock(reader: PlanReader, unit: Unit, head: string): boolean {
  const list = reader.rules.blocks.find((candidate) => candidate.re.test(head));
  if (!list) return false;
  reader.collectingObjective = false;
  reader.inPassageBox = false;
  const owner = reader.objective ?? reader.axis;
  const seen = owner ? (reader.listKindsSeen.get(owner) ?? new Set<ItemKind>()) : new Set<ItemKind>();
  const deferToNext = reader.profile.oneBlockPerKind && owner !== null && seen.has(list.kind);
  if (owner && !deferToNext) reader.listKindsSeen.set(owner, seen.add(list.kind));
  reader.block = {
    kind: list.kind,
    items: list.items,
    deferred: deferToNext ? reader.deferred : null,
    heading: reader.text.textOf(unit),
    count: 0,
  };
  return true;
}

/**
 * Reads a unit met inside a list, or under a section whose profile gives items without a heading.
 * Inside a list, a unit that does not look like an item closes the list and is read as prose.
 */
export function readListItem(reader: PlanReader, unit: Unit): boolean {
  const open = reader.block;
  if (open) {
    if (
      open.count === 0 &&
      unit.bullet === null &&
      /:$/u.test(reader.text.textOf(unit)) &&
      open.items !== 'paragraphs'
    ) {
      reader.addPassage(unit); // "Evolutions quantitatives et/ou qualitatives portant sur :"
      return true;
    }
    if (allows(open.items, unit)) {
      const node = reader.openItem(open.kind, unit, open.heading);
      open.count++;
      if (open.deferred) open.deferred.push(node);
      return true;
    }
    reader.block = null;
    reader.addPassage(unit);
    return true;
  }
  const defaults = reader.profile.defaultItems;
  const { objectiveHeading, objectiveBlock } = reader.rules;
  const hasObjectiveRule = Boolean(objectiveHeading || objectiveBlock || reader.toc);
  if (defaults && (reader.objective || (reader.axis && !hasObjectiveRule)) && allows(defaults.items, unit)) {
    reader.openItem(defaults.kind, unit, null);
    return true;
  }
  return false;
}

function allows(style: ItemStyle, unit: Unit): boolean {
  return style === 'either' || (style === 'bullets' ? unit.bullet !== null : unit.bullet === null);
}
