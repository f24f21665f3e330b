import type { Passage, SourceRef } from '../plans/types.ts';
import type { Unit } from './units.ts';

/** Longest passage built by joining paragraphs: beyond it, a passage stops being one answer. */
const MAX_PASSAGE_CHARS = 1500;

type ListStyle = 'bullet' | 'number' | null;

interface OpenPassage {
  passage: Passage;
  /** How the list the passage ends with is marked, if it ends with one. */
  list: ListStyle;
}

/** Where a passage goes: the node it belongs to and the scope it speaks of. */
export interface PassagePlace {
  nodeId: string;
  scope: string;
}

/** Writes a plan's prose into passages, joining the paragraphs that an export cut apart. */
export class PassageWriter {
  readonly passages: Passage[] = [];
  // The passage being written, while nothing else has been read since: a paragraph cut by a page
  // or column break, or a list printed one item per paragraph, continues it (see continuesPassage).
  private open: OpenPassage | null = null;

  constructor(private readonly planId: string) {}

  /** Something other than prose was read: the next paragraph starts a passage of its own. */
  interrupt(): void {
    this.open = null;
  }

  add(unit: Unit, text: string, place: PassagePlace, source: SourceRef): void {
    if ((text.match(/\p{L}{3,}/gu) ?? []).length < 2) return;
    const list = listStyleOf(unit, text);
    const open = this.open;
    if (
      open &&
      open.passage.nodeId === place.nodeId &&
      open.passage.scope === place.scope &&
      continuesPassage(open, unit, text, list)
    ) {
      open.passage.text = `${open.passage.text}\n${text}`;
      open.passage.source = { ...open.passage.source, lines: [open.passage.source.lines[0], unit.last] };
      open.list = list ?? open.list;
      return;
    }
    const passage: Passage = {
      id: '',
      planId: this.planId,
      nodeId: place.nodeId,
      text,
      scope: place.scope,
      source,
    };
    this.passages.push(passage);
    this.open = { passage, list };
  }
}

function listStyleOf(unit: Unit, text: string): ListStyle {
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
function continuesPassage(open: OpenPassage, unit: Unit, text: string, list: ListStyle): boolean {
  const previous = open.passage.text.trimEnd();
  if (previous.length + text.length > MAX_PASSAGE_CHARS) return false;
  const lowerStart = /^\p{Ll}/u.test(text);
  if (unit.pageStart && !lowerStart) return false;
  const finished = /[.!?…»"]$/u.test(previous);
  if (!finished && (lowerStart || list !== null)) return true;
  return open.list !== null && list === open.list;
}
