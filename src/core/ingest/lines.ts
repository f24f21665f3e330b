import type { PlanProfile } from './profile.ts';

/** One physical line of a plan export, with its page and what the layout says about it. */
export interface SourceLine {
  /** 1-based line number in the file. */
  n: number;
  /** The line without its page mark and trailing spaces. */
  text: string;
  blank: boolean;
  /** The line opens a new page (it started with a single space in the export). */
  pageStart: boolean;
  page: number | null;
}

/**
 * Splits an export into lines, reads page marks and drops page furniture.
 * PDF exports mark each new page by a single leading space; plans whose bullets themselves carry a
 * leading space (" > ") declare it so that a page mark shows up as one more space ("  > ").
 */
export function readSourceLines(
  text: string,
  profile: PlanProfile,
  dropLine: (line: string) => boolean,
): SourceLine[] {
  const rawLines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: SourceLine[] = [];
  let page = profile.pageMarks ? 0 : null;
  rawLines.forEach((raw, index) => {
    let line = raw.replace(/\s+$/u, '').replace(/\t/g, ' ');
    let pageStart = false;
    if (profile.pageMarks && /^ \S/u.test(line) && !profile.indentedBullets.some((b) => line.startsWith(b))) {
      pageStart = true;
      line = line.slice(1);
    } else if (
      profile.pageMarks &&
      /^ {2}\S/u.test(line) &&
      profile.indentedBullets.some((b) => line.startsWith(` ${b}`))
    ) {
      pageStart = true;
      line = line.slice(1);
    }
    if (pageStart && page !== null) page++;
    const currentPage = page === null ? null : Math.max(page, 1);
    const decorative =
      profile.decorativeIndent > 0 && line.length - line.trimStart().length >= profile.decorativeIndent;
    const trimmed = line.trim();
    const blank = trimmed === '' || decorative || dropLine(trimmed);
    out.push({ n: index + 1, text: blank ? '' : line, blank, pageStart, page: currentPage });
  });
  return out;
}
