import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WordBook } from '../core/query/reader/dictionary.ts';
import { ROOT_DIR } from '../platform/paths.ts';

const TAB = 9;
const NEWLINE = 10;

/**
 * The dictionaries' words (dist/words.idx, built with the bundle by word-index.mjs), looked up
 * by binary search on the file's bytes. Read on the first look-up; built then if missing (a
 * checkout whose bundle was never built).
 */
export function createWordBook(file = path.join(ROOT_DIR, 'dist', 'words.idx')): WordBook {
  let bytes: Buffer | null = null;
  const load = async () => {
    if (!existsSync(file)) {
      // @ts-expect-error: plain JavaScript build script without types
      const { buildWordIndex } = await import('./word-index.mjs');
      buildWordIndex(file);
    }
    return readFileSync(file);
  };
  let pending: Promise<Buffer> | null = null;
  const flagsOf = (word: string): string | null => {
    if (!bytes) {
      if (!existsSync(file)) return null;
      bytes = readFileSync(file);
    }
    return lookup(bytes, Buffer.from(word));
  };
  return {
    isWord(word, lang) {
      const flags = flagsOf(word);
      if (!flags) return false;
      if (lang === 'fr') return flags.includes('f');
      if (lang === 'en') return flags.includes('e');
      return flags.includes('f') || flags.includes('e');
    },
    isVerb(word) {
      return flagsOf(word)?.includes('v') ?? false;
    },
    async ready() {
      if (!existsSync(file)) {
        pending ??= load();
        bytes = await pending;
      }
    },
  };
}

/** The flags of a word in the sorted "word<TAB>flags" lines, or null. */
function lookup(bytes: Buffer, key: Buffer): string | null {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let start = mid;
    while (start > 0 && bytes[start - 1] !== NEWLINE) start--;
    const tab = bytes.indexOf(TAB, start);
    const end = bytes.indexOf(NEWLINE, tab);
    if (tab < 0 || end < 0) return null;
    const order = Buffer.compare(bytes.subarray(start, tab), key);
    if (order === 0) return bytes.toString('latin1', tab + 1, end);
    if (order < 0) lo = end + 1;
    else hi = start;
  }
  return null;
}
