const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Makes user, plan or model text inert in a Teams TextBlock while keeping it readable: a tag such
 * as `<at>Name</at>` (a mention) or `<b>` gets a zero-width space after its "<", and a Markdown
 * link or image `[x](url)` loses its link syntax. **bold** and [n] markers are kept on purpose.
 */
export function neutralise(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu, '')
      .replace(/<(?=[A-Za-z/!?])/gu, `<${ZERO_WIDTH_SPACE}`)
      .replace(/\]\(/gu, `]${ZERO_WIDTH_SPACE}(`)
  );
}

/**
 * Adaptive Card TextBlocks have no inline code: `m07…` would show its backticks. The identifier
 * stays, without them (ids are plain words a user can copy).
 */
export function plainCode(text: string): string {
  return text.replace(/`([^`\n]+)`/gu, '$1');
}

/** Portable text → paragraphs (blank-line separated) → lines (bullets stay one line each). */
export function paragraphsOf(text: string): string[][] {
  return text
    .replace(/\r\n?/gu, '\n')
    .split(/\n[ \t]*\n+/u)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== ''),
    )
    .filter((lines) => lines.length > 0);
}

/**
 * Cuts text to at most `max` characters at the last line break before the limit (or the last
 * space when lines are very long), so a long answer ends on a whole line. Returns whether it was cut.
 */
export function truncateText(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const head = text.slice(0, max);
  const newline = head.lastIndexOf('\n');
  const cut = newline > max / 2 ? newline : head.lastIndexOf(' ');
  const kept = (cut > max / 2 ? head.slice(0, cut) : head).trimEnd();
  return { text: `${closeBold(kept)} …`, truncated: true };
}

/** An odd number of "**" would turn the rest of the card bold once the text is cut. */
function closeBold(text: string): string {
  return (text.match(/\*\*/gu)?.length ?? 0) % 2 === 1 ? `${text}**` : text;
}

/** One plain line for notifications and clients that cannot show cards. */
export function plainSummary(text: string, maxChars = 200): string {
  const flat = text.replace(/\*\*/gu, '').replace(/\s+/gu, ' ').trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}
