import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWordBook } from '../../src/data/word-book.ts';
import { tempDir } from '../helpers/plans.ts';

const { dir, cleanup } = tempDir('boussole-words-');
afterAll(cleanup);

/** A sorted index spanning many 4 KB blocks, with words of varying length at block edges. */
function writeIndex(words: [string, string][]): string {
  const file = path.join(dir, `words-${words.length}.idx`);
  const sorted = [...words].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  writeFileSync(file, sorted.map(([word, flags]) => `${word}\t${flags}\n`).join(''));
  return file;
}

describe('word book on disk', () => {
  const words: [string, string][] = Array.from({ length: 5000 }, (_, n) => [
    `mot${'x'.repeat(n % 17)}${n.toString(36)}`,
    n % 3 === 0 ? 'fv' : n % 3 === 1 ? 'e' : 'fe',
  ]);
  const book = createWordBook(writeIndex(words));

  it('finds every word of a file spanning many blocks, with its flags', () => {
    for (const [word, flags] of words) {
      expect(book.isWord(word), word).toBe(true);
      expect(book.isWord(word, 'fr'), word).toBe(flags.includes('f'));
      expect(book.isWord(word, 'en'), word).toBe(flags.includes('e'));
      expect(book.isVerb(word), word).toBe(flags.includes('v'));
    }
  });

  it('finds no word that is absent: before the first, after the last, between two', () => {
    for (const absent of ['a', 'mot', 'motx', 'mot0a', 'mou', 'zzz', 'mot\u00e9']) {
      expect(book.isWord(absent), absent).toBe(false);
    }
  });

  it('answers the same on a second look-up (cached) as on the first', () => {
    expect(book.isWord(words[42]?.[0] as string)).toBe(true);
    expect(book.isWord(words[42]?.[0] as string)).toBe(true);
    expect(book.isWord('absent')).toBe(false);
    expect(book.isWord('absent')).toBe(false);
  });

  it('handles a one-line file and a missing file', () => {
    const one = createWordBook(writeIndex([['seul', 'f']]));
    expect(one.isWord('seul', 'fr')).toBe(true);
    expect(one.isWord('seuls')).toBe(false);
    expect(createWordBook(path.join(dir, 'missing.idx')).isWord('seul')).toBe(false);
  });

  it('reads the shipped dictionaries (dist/words.idx)', async () => {
    const shipped = createWordBook();
    await shipped.ready();
    expect(shipped.isWord('ecole', 'fr')).toBe(true);
    expect(shipped.isWord('school', 'en')).toBe(true);
    expect(shipped.isVerb('mangeaient')).toBe(true);
    expect(shipped.isWord('qsdfghjklm')).toBe(false);
  });
});
