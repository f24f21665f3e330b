import { fold } from '../text/fold.ts';

/**
 * A chat message being taken apart: patterns run on its folded form (accents and case removed,
 * no-break spaces turned into spaces) while every piece handed back is the text as typed. Pieces
 * already read are masked, so later patterns cannot match across them or read them twice.
 */
export class MessageText {
  readonly original: string;
  readonly folded: string;
  /** Index in `original` of each folded character, plus one past the end. */
  private readonly at: number[] = [];
  private readonly used: boolean[];
  private cache: string | null = null;

  constructor(original: string) {
    this.original = original;
    let folded = '';
    let index = 0;
    // Folding one character at a time keeps the map exact even where folding changes the length
    // ("œ" -> "oe", a stray combining accent -> nothing).
    for (const char of original) {
      const out = fold(char);
      folded += out;
      // One entry per UTF-16 unit, as indices into `folded` count units, not code points.
      for (let k = 0; k < out.length; k++) this.at.push(index);
      index += char.length;
    }
    this.at.push(original.length);
    this.folded = folded;
    this.used = new Array<boolean>(folded.length).fill(false);
  }

  /** The folded text with read pieces replaced by NUL, which no pattern matches. */
  residual(): string {
    if (this.cache === null) {
      const chars = this.folded.split('');
      for (let i = 0; i < this.used.length; i++) if (this.used[i]) chars[i] = '\0';
      this.cache = chars.join('');
    }
    return this.cache;
  }

  consume(start: number, end: number): void {
    for (let i = Math.max(0, start); i < Math.min(end, this.folded.length); i++) this.used[i] = true;
    this.cache = null;
  }

  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.used[i]) return false;
    return true;
  }

  /** The text as typed for a range of the folded text. */
  slice(start: number, end: number): string {
    return this.original.slice(this.at[start] ?? 0, this.at[end] ?? this.original.length);
  }

  /** The unread parts of the text as typed, in order. */
  freeParts(from = 0, to = this.folded.length): string[] {
    const parts: string[] = [];
    let start = -1;
    for (let i = from; i <= to; i++) {
      const free = i < to && !this.used[i];
      if (free && start < 0) start = i;
      if (!free && start >= 0) {
        parts.push(this.slice(start, i));
        start = -1;
      }
    }
    return parts;
  }

  /**
   * Marks as read the little words right before `start` that only introduce what starts there
   * ("dans le" Cantal, "pour l'"année, "for" Haute-Loire). Returns the new start.
   */
  absorbBefore(start: number, words: ReadonlySet<string>, max = 3): number {
    const free = (i: number) => (this.used[i] ? '\0' : (this.folded[i] ?? ''));
    let begin = start;
    for (let n = 0; n < max; n++) {
      let i = begin;
      while (i > 0 && /[ \t]/u.test(free(i - 1))) i--;
      let j = i;
      if (free(j - 1) === "'") j--;
      while (j > 0 && /\p{L}/u.test(free(j - 1))) j--;
      const word = this.folded.slice(j, i);
      if (!word || !words.has(word)) break;
      this.consume(j, begin);
      begin = j;
    }
    return begin;
  }
}

/** Separators that may sit between two pieces without carrying meaning. */
export function onlySeparators(text: string): boolean {
  return /^[\s\0,;:.()–—-]*$/u.test(text);
}
