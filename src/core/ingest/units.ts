import type { SourceLine } from './lines.ts';
import type { PlanProfile } from './profile.ts';

/** A run of lines read as one thing: a heading, a bulleted item, or a paragraph. */
export interface Unit {
  first: number;
  last: number;
  lines: string[];
  /** The bullet that opened the unit, if any. */
  bullet: string | null;
  page: number | null;
  /** The unit opens a page: in two-column exports this is where a new column or block begins. */
  pageStart: boolean;
}

const ANY_BULLET = /^(?:[\uf06c\uf0a7➔→>•–▪●*]|-(?=\s))/u;
const SENTENCE_END = /[.:;!?»)]$/u;

/** The bullet a line starts with, if it is one of the profile's item bullets. */
export function leadingBullet(line: string, profile: PlanProfile): string | null {
  const match = ANY_BULLET.exec(line.trimStart());
  if (!match) return null;
  const bullet = match[0];
  if (!profile.itemBullets.includes(bullet)) return null;
  // Nested bullets are indented and continue the item above them, unless the plan's own bullets
  // carry that indentation.
  if (/^\s/u.test(line) && !profile.indentedBullets.some((style) => line.startsWith(style))) return null;
  return bullet;
}

/**
 * Groups lines into units. A unit ends at a blank line, before an item bullet, and at a page mark
 * unless the new page visibly continues the sentence (lower-case start after an unfinished line).
 */
export function buildUnits(lines: SourceLine[], profile: PlanProfile): Unit[] {
  const units: Unit[] = [];
  let current: Unit | null = null;
  const close = () => {
    if (current) units.push(current);
    current = null;
  };
  let afterBlank = false;
  for (const line of lines) {
    if (line.blank) {
      afterBlank = true;
      continue;
    }
    if (afterBlank) {
      // Some exports put blank lines inside sentences (every other line of a column): a prose
      // paragraph resumes when the next line visibly continues its sentence.
      const open = current as Unit | null;
      const previous = open?.lines[open.lines.length - 1]?.trim() ?? '';
      const resumes =
        open !== null &&
        open.bullet === null &&
        !line.pageStart &&
        /^\p{Ll}/u.test(line.text.trim()) &&
        leadingBullet(line.text, profile) === null &&
        previous !== '' &&
        !SENTENCE_END.test(previous);
      if (!resumes) close();
      afterBlank = false;
    }
    const bullet = leadingBullet(line.text, profile);
    const trimmed = line.text.trim();
    if (current !== null) {
      const open: Unit = current;
      const previous = open.lines[open.lines.length - 1] ?? '';
      const continuesSentence = /^\p{Ll}/u.test(trimmed) && !SENTENCE_END.test(previous.trim());
      const pageBreak = line.pageStart && !continuesSentence;
      const sentenceBreak =
        profile.splitItemsOnSentences &&
        open.bullet === null &&
        /^\p{Lu}/u.test(trimmed) &&
        /[.!?]$/u.test(previous.trim()) &&
        open.lines.length > 0;
      if (bullet !== null || pageBreak || sentenceBreak) close();
    }
    if (current === null) {
      current = {
        first: line.n,
        last: line.n,
        lines: [],
        bullet,
        page: line.page,
        pageStart: line.pageStart,
      };
    }
    const unit: Unit = current;
    unit.lines.push(line.text);
    unit.last = line.n;
  }
  close();
  return units;
}
