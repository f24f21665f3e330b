import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type { WordBook } from '../core/query/reader/dictionary.ts';
import { ROOT_DIR } from '../platform/paths.ts';

const TAB = 9;
const NEWLINE = 10;
/** Bytes per block of the index kept on disk; one block is read per look-up. */
const BLOCK_BYTES = 4096;
/** Longest line of the index (a word, a tab, its flags): words are far shorter. */
const MAX_LINE_BYTES = 512;
/** Looked-up words kept with their flags: a question's words repeat across questions. */
const CACHED_WORDS = 4096;

/**
 * The dictionaries' words (dist/words.idx, built with the bundle by word-index.mjs), looked up on
 * disk: only the first word of each 4 KB block stays in memory (about 2,000 words for the 8.6 MB
 * file), and a look-up reads the one block that can hold the word. The serving process thus keeps
 * ~100 KB instead of the whole file (issue 14: memory must not grow with the data). Opened on the
 * first look-up; built then if missing (a checkout whose bundle was never built).
 */
export function createWordBook(file = path.join(ROOT_DIR, 'dist', 'words.idx')): WordBook {
  let blocks: BlockIndex | null = null;
  const cache = new Map<string, string | null>();
  let pending: Promise<void> | null = null;
  const build = async () => {
    // @ts-expect-error: plain JavaScript build script without types
    const { buildWordIndex } = await import('./word-index.mjs');
    buildWordIndex(file);
  };
  const flagsOf = (word: string): string | null => {
    const known = cache.get(word);
    if (known !== undefined) return known;
    if (!blocks) {
      if (!existsSync(file)) return null;
      blocks = indexBlocks(file);
    }
    const flags = lookup(blocks, Buffer.from(word));
    // Map keeps insertion order: the oldest entry goes first once full.
    if (cache.size >= CACHED_WORDS) cache.delete(cache.keys().next().value as string);
    cache.set(word, flags);
    return flags;
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
        pending ??= build();
        await pending;
      }
    },
  };
}

/** Where each block of the sorted file starts, and the first word of each. */
interface BlockIndex {
  fd: number;
  size: number;
  starts: number[];
  firstWords: Buffer[];
  buffer: Buffer;
}

/** Reads the first line of every block: two small reads per block, never the whole file. */
function indexBlocks(file: string): BlockIndex {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const probe = Buffer.alloc(MAX_LINE_BYTES);
    const starts: number[] = [];
    const firstWords: Buffer[] = [];
    let start = 0;
    while (start < size) {
      const read = readSync(fd, probe, 0, MAX_LINE_BYTES, start);
      const tab = probe.subarray(0, read).indexOf(TAB);
      if (tab < 0) break;
      starts.push(start);
      firstWords.push(Buffer.from(probe.subarray(0, tab)));
      const boundary = start + BLOCK_BYTES;
      if (boundary >= size) break;
      // The next block starts at the first line that begins at or after the boundary.
      const ahead = readSync(fd, probe, 0, MAX_LINE_BYTES, boundary - 1);
      const newline = probe.subarray(0, ahead).indexOf(NEWLINE);
      if (newline < 0) break;
      start = boundary + newline;
    }
    return { fd, size, starts, firstWords, buffer: Buffer.alloc(BLOCK_BYTES + MAX_LINE_BYTES) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The flags of a word: the last block whose first word is not after it, then its lines. */
function lookup(index: BlockIndex, key: Buffer): string | null {
  let lo = 0;
  let hi = index.starts.length - 1;
  if (hi < 0 || Buffer.compare(index.firstWords[0] as Buffer, key) > 0) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (Buffer.compare(index.firstWords[mid] as Buffer, key) <= 0) lo = mid;
    else hi = mid - 1;
  }
  const start = index.starts[lo] as number;
  const end = index.starts[lo + 1] ?? index.size;
  const length = readSync(index.fd, index.buffer, 0, end - start, start);
  return lookupLines(index.buffer.subarray(0, length), key);
}

/** Binary search on the sorted "word<TAB>flags" lines of one block. */
function lookupLines(bytes: Buffer, key: Buffer): string | null {
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
