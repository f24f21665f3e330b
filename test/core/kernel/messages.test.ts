import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/core/kernel/messages/en/index.ts';
import { fr } from '../../../src/core/kernel/messages/fr/index.ts';
import { messages } from '../../../src/core/kernel/messages/index.ts';
import { ROOT_DIR } from '../../../src/platform/paths.ts';

type Leaf = { path: string; value: unknown };

/** Every string and function of a catalog, with its dotted path. */
function leaves(node: unknown, path = ''): Leaf[] {
  if (node && typeof node === 'object' && !Array.isArray(node))
    return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  return [{ path, value: node }];
}

const cantal = { kind: 'departement', name: 'Cantal', shortName: 'Cantal', article: 'le' } as const;
const allier = { kind: 'departement', name: 'Allier', shortName: 'Allier', article: "l'" } as const;
const academie = {
  kind: 'academie',
  name: 'Académie de Clermont-Ferrand',
  shortName: 'Clermont-Ferrand',
} as const;

/**
 * Arguments for the messages whose parameters are not plain strings or numbers; the others are
 * called with "1", then "2" (which read as numbers where a message counts: singular and plural).
 */
const SAMPLES: Record<string, unknown[][]> = {
  'answers.noun': [
    ['axis', 1],
    ['indicator', 2],
  ],
  'answers.academieFallbackForKind': [
    ['indicator', [cantal], academie],
    ['action', [cantal, allier], undefined],
  ],
  'answers.academieFallback': [
    [[cantal, allier], academie],
    [[cantal], undefined],
  ],
  'answers.notFound.unknownPlace': [[['Lyon'], ['PA 2024']]],
  'answers.notFound.section': [['axis'], ['objective']],
  'answers.notFound.notSpecific': [[[cantal], ['PA 2024', 'PS 2023']]],
  'answers.notFound.noFact': [
    ['lecture', [cantal, academie], 'howmany'],
    ['lecture', [], 'when'],
    ['lecture', [allier], 'date'],
  ],
  'answers.notFound.nothing': [
    ['lecture', []],
    ['lecture', [academie]],
  ],
  'answers.notFound.covered': [[[]], [[cantal, allier]]],
  'format.place': [[cantal], [allier, 'de'], [academie, 'pour']],
  'format.longDate': [['2027-06-30']],
  'measurements.problems.tooLarge': [
    ['12 000 000', 'count', '10 000 000'],
    ['2 000 000 000', 'number', '1 000 000 000'],
  ],
  'indicators.rights.giveScope': [['contributor'], ['validator']],
  'indicators.targets.usage': [['target'], ['baseline']],
  'progress.verdict': [['ahead'], ['on_track'], ['behind'], ['no_target'], ['no_value']],
  'progress.gap': [['2025-2026', '2,5 pts', cantal]],
  'progress.whoCanRecord': [[[cantal, academie]]],
  'progress.inThePlan': [[allier]],
  'progress.forPlaces': [[[cantal, academie]]],
  'deadlines.saved': [['d1', 'Lecture', 'Cantal', 'chaque année le 30 juin', [14, 7], ['slack:U1']]],
  'deadlines.listRow': [['d1', 'Lecture', 'Cantal', 'chaque année le 30 juin', [14, 7], ['slack:U1']]],
  'deadlines.rules.dates': [[['2027-06-30']], [['2027-06-30', '2027-12-31']]],
  'deadlines.rules.yearly': [
    [30, 6],
    [1, 2],
  ],
  'deadlines.reminders.others': [[['2 en retard', '1 à venir']]],
  'deadlines.reminders.othersOverdue': [
    [2, undefined],
    [1, '30 juin 2027'],
  ],
  'deadlines.reminders.othersUpcoming': [
    [2, undefined],
    [1, '30 juin 2027'],
  ],
  'indicators.targets.missing': [[['l’indicateur', 'la période'], 'Écrivez par exemple …']],
};

function callings(path: string, fn: (...args: unknown[]) => unknown): unknown[][] {
  const known = SAMPLES[path];
  if (known) return known;
  const count = Math.max(fn.length, 1);
  // Strings stand for numbers too ('2' > 1): plural choices see one and several.
  return [Array(count).fill('1'), Array(count).fill('2')];
}

describe('message catalogs', () => {
  it('gives English exactly the messages French has, of the same kinds', () => {
    const shape = (catalog: unknown) => leaves(catalog).map(({ path, value }) => `${path}: ${typeof value}`);
    expect(shape(en)).toEqual(shape(fr));
  });

  it('has no empty message in either language', () => {
    for (const catalog of [fr, en]) {
      const empty = leaves(catalog).filter(({ value }) => typeof value === 'string' && !value.trim());
      expect(empty.map((leaf) => leaf.path)).toEqual([]);
    }
  });

  it('has only strings and functions as messages', () => {
    const others = leaves(fr).filter(({ value }) => typeof value !== 'string' && typeof value !== 'function');
    expect(others.map((leaf) => leaf.path)).toEqual([]);
  });

  it('writes a non-empty sentence from every message that takes values', () => {
    for (const catalog of [fr, en]) {
      for (const { path, value } of leaves(catalog)) {
        if (typeof value !== 'function') continue;
        for (const args of callings(path, value as (...args: unknown[]) => unknown)) {
          const text = (value as (...args: unknown[]) => unknown)(...args);
          expect(typeof text, `${path}(${JSON.stringify(args)})`).toBe('string');
          expect((text as string).trim(), `${path}(${JSON.stringify(args)})`).not.toBe('');
        }
      }
    }
  });

  it('follows French typography in French and English typography in English', () => {
    expect(messages('fr').format.percent('62,5')).toBe('62,5 %');
    expect(messages('en').format.percent('62.5')).toBe('62.5%');
    expect(messages('fr').format.place(allier, 'à')).toBe("à l'Allier");
    expect(messages('fr').format.place(cantal, 'de')).toBe('du Cantal');
    expect(messages('en').format.place(academie)).toBe('the académie of Clermont-Ferrand');
    expect(messages('fr').format.longDate('2027-06-30')).toBe('30 juin 2027');
    expect(messages('en').format.longDate('2027-06-30')).toBe('30 June 2027');
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(?:ts|mjs)$/u.test(name) ? [full] : [];
  });
}

/** A language compared with a literal: `lang === 'fr' ? … : …`, `const fr = lang === 'fr'`. */
const LANGUAGE_TEST = /[!=]==\s*['"](?:fr|en)['"]|['"](?:fr|en)['"]\s*[!=]==/u;

/**
 * The only places allowed to test the language: they read the user's words, they write none.
 * Each entry is a file and the exact code it may contain.
 */
const READING_THE_LANGUAGE: { file: string; code: string; why: string }[] = [
  // The dictionaries flag each word French, English or both: which flag a lookup checks.
  { file: 'src/data/word-book.ts', code: "if (lang === 'fr') return flags.includes('f');", why: 'word list' },
  { file: 'src/data/word-book.ts', code: "if (lang === 'en') return flags.includes('e');", why: 'word list' },
  // An English question is read with the English lexicon as well as the French one.
  {
    file: 'src/core/query/reader/concepts.ts',
    code: "if (entry && lang === 'en' && (lexicon.match(folded, i)?.length ?? 0) > entry.length) entry = null;",
    why: 'question reading',
  },
  {
    file: 'src/core/query/reader/concepts.ts',
    code: "const english = lang === 'en' ? lexicon.match(folded, i) : null;",
    why: 'question reading',
  },
  {
    file: 'src/core/query/reader/concepts.ts',
    code: "if (ignorable && (lang !== 'en' || !lexicon.match(folded, i))) continue;",
    why: 'question reading',
  },
  {
    file: 'src/core/query/reader/concepts.ts',
    code: "lang === 'en' || (!frenchWord && !sources.dictionary.isWord(token.folded, 'fr'))",
    why: 'question reading',
  },
];

describe('no language chosen in code', () => {
  it('writes no sentence by testing the language: messages come from the catalogs', () => {
    const found: string[] = [];
    for (const file of sources(path.join(ROOT_DIR, 'src'))) {
      const relative = path.relative(ROOT_DIR, file).split(path.sep).join('/');
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!LANGUAGE_TEST.test(line)) continue;
        const allowed = READING_THE_LANGUAGE.some((a) => a.file === relative && line.trim() === a.code);
        if (!allowed) found.push(`${relative}: ${line.trim()}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('catches the ternaries it is meant to catch', () => {
    for (const line of [
      "const text = lang === 'fr' ? 'Bonjour' : 'Hello';",
      "const fr = reply.lang === 'fr';",
      "parts.push(reply.lang !== 'en' ? 'Sources :' : 'Sources:');",
      "'en' === lang ? 'Hello' : 'Bonjour'",
    ])
      expect(LANGUAGE_TEST.test(line), line).toBe(true);
  });
});
