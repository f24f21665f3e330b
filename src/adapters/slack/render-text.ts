/**
 * Portable reply text → Slack mrkdwn. Everything that reaches Slack goes through `escapeMrkdwn`:
 * user questions, plan text and model output alike.
 */

const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Escapes the three characters Slack's mrkdwn treats as control characters, then breaks the
 * broadcast keywords: `<!channel>` is already inert once `<` is escaped, but a zero-width space also
 * stops "@channel" / "@here" / "@everyone" typed as plain text from notifying a whole channel.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/([@!])(channel|here|everyone)\b/giu, `$1${ZERO_WIDTH_SPACE}$2`);
}

/** One paragraph of portable text as mrkdwn: escaped, **bold** → *bold*, "- " bullets → "• ". */
export function paragraphToMrkdwn(paragraph: string): string {
  return escapeMrkdwn(paragraph)
    .replace(/\*\*(\S(?:[^*]*\S)?)\*\*/gu, '*$1*')
    .replace(/^[ \t]*[-*][ \t]+/gmu, '• ');
}

/** Paragraphs are separated by blank lines in the portable format. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/gu, '\n')
    .split(/\n[ \t]*\n+/u)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Splits one mrkdwn paragraph into pieces of at most `max` characters: at line ends first, then at
 * spaces, and only as a last resort inside a word (never inside an `&amp;` entity).
 */
export function splitLongParagraph(paragraph: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = paragraph;
  while (rest.length > max) {
    const cut = findCut(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function findCut(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const separator of ['\n', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at > max / 2) return at;
  }
  let cut = max;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  return Math.max(1, cut);
}

/** Packs paragraphs into section texts of at most `max` characters, never splitting a paragraph needlessly. */
export function packSections(paragraphs: string[], max: number): string[] {
  const sections: string[] = [];
  let current = '';
  for (const piece of paragraphs.flatMap((p) => splitLongParagraph(p, max))) {
    if (!current) current = piece;
    else if (current.length + 2 + piece.length <= max) current += `\n\n${piece}`;
    else {
      sections.push(current);
      current = piece;
    }
  }
  if (current) sections.push(current);
  return sections;
}

/** Cuts a plain label to a Block Kit length limit. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
