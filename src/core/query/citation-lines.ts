import type { Citation } from '../kernel/types.ts';

/** One line of sources for a chat: the citations of one section, their markers and where they are. */
export interface CitationLine {
  numbers: number[];
  /** "Feuille de route CASF › Axe 1 › Automatismes mathématiques — Cantal, p. 8". */
  where: string;
}

/**
 * The sources of a reply as a reader wants them: one line per section rather than the same path
 * six times, its markers first ("[2–7]"), the page when the source has pages, and never a file
 * name or line range (those stay in the JSON of `ask --json`).
 */
export function citationLines(citations: readonly Citation[]): CitationLine[] {
  const lines: (CitationLine & { key: string; pages: Set<number> })[] = [];
  for (const citation of [...citations].sort((a, b) => a.n - b.n)) {
    const path = [citation.plan, ...citation.path].filter((part) => part.trim() !== '').join(' › ');
    const key = `${path}|${citation.scope}`;
    let line = lines.find((candidate) => candidate.key === key);
    if (!line) {
      line = { key, numbers: [], where: '', pages: new Set() };
      lines.push(line);
    }
    line.numbers.push(citation.n);
    if (citation.source.page !== null) line.pages.add(citation.source.page);
    const pages = [...line.pages].sort((a, b) => a - b);
    const page = pages.length ? `, p. ${pages.length > 1 ? `${pages[0]}-${pages.at(-1)}` : pages[0]}` : '';
    line.where = `${path}${citation.scope ? ` — ${citation.scope}` : ''}${page}`;
  }
  return lines.map(({ numbers, where }) => ({ numbers, where }));
}

/** "[1]", "[2–5]", "[1, 3, 6]": the markers of a line, runs joined. */
export function markers(numbers: readonly number[]): string {
  const runs: string[] = [];
  let start = numbers[0];
  let previous = start;
  const close = () => {
    if (start === undefined || previous === undefined) return;
    runs.push(
      start === previous
        ? `${start}`
        : previous === start + 1
          ? `${start}, ${previous}`
          : `${start}–${previous}`,
    );
  };
  for (const n of numbers.slice(1)) {
    if (previous !== undefined && n === previous + 1) {
      previous = n;
      continue;
    }
    close();
    start = n;
    previous = n;
  }
  close();
  return `[${runs.join(', ')}]`;
}

/** A whole line of sources: "[2–5] Feuille de route CASF › … — Cantal". */
export function formatCitationLine(line: CitationLine, maxChars = 300): string {
  const text = `${markers(line.numbers)} ${line.where}`;
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}
