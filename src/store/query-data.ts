import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  compileGlossary,
  type Glossary,
  type GlossaryEntry,
  type GlossaryFile,
  type GlossaryPhrase,
  glossarySchema,
} from '../core/query/glossary.ts';
import {
  compileLexicon,
  type Lexicon,
  type LexiconEntry,
  type LexiconForm,
  lexiconFileSchema,
  lexiconOver,
} from '../core/query/lexicon.ts';
import { stemsOfWords } from '../core/text/stem.ts';
import type { Db } from './db.ts';

/** Bump when what is compiled from the files changes, so that databases compile them again. */
const QUERY_DATA_VERSION = 1;
const SETTING = 'query_data_fingerprint';

/** A data file the user edited wrongly: named, with what is wrong, never a stack trace. */
export class QueryDataError extends Error {
  readonly code = 'query_data';
}

function files(dataDir: string): string[] {
  const lexiconDir = path.join(dataDir, 'lexicon');
  const lexicon = existsSync(lexiconDir)
    ? readdirSync(lexiconDir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => path.join(lexiconDir, name))
    : [];
  const glossary = path.join(dataDir, 'glossary.json');
  return [...(existsSync(glossary) ? [glossary] : []), ...lexicon];
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new QueryDataError(`JSON invalide dans ${file} : ${(error as Error).message}`);
  }
}

/** Reads and checks data/glossary.json and data/lexicon/*.json. */
export function readQueryDataFiles(dataDir: string): { glossary: GlossaryFile; lexicon: LexiconEntry[] } {
  let glossary: GlossaryFile = { equivalences: [], translations: {}, acronyms: {} };
  const lexicon: LexiconEntry[] = [];
  for (const file of files(dataDir)) {
    const schema = file.endsWith('glossary.json') ? glossarySchema : lexiconFileSchema;
    const parsed = schema.safeParse(readJson(file));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new QueryDataError(
        `${file} : ${issue?.message ?? 'format invalide'} (${issue?.path.join('.') ?? ''})`,
      );
    }
    if ('equivalences' in parsed.data) glossary = parsed.data;
    else lexicon.push(...parsed.data.entries);
  }
  return { glossary, lexicon };
}

function fingerprint(dataDir: string): string {
  const hash = createHash('sha1').update(`query data ${QUERY_DATA_VERSION}\n`);
  for (const file of files(dataDir)) hash.update(path.basename(file)).update(readFileSync(file));
  return hash.digest('hex');
}

/**
 * Compiles the glossary and the lexicon into the database when a file changed since the last
 * time (or `force`): a start-up then reads no data file but a hash of them, and a question only
 * the rows its words need. A broken file stops here with its name and the problem.
 */
export function ensureQueryData(db: Db, dataDir: string, options: { force?: boolean } = {}): boolean {
  const current = fingerprint(dataDir);
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SETTING) as
    | string
    | undefined;
  if (stored === current && !options.force) return false;
  const { glossary, lexicon } = readQueryDataFiles(dataDir);
  const compiledGlossary = compileGlossary(glossary);
  const compiledLexicon = compileLexicon([...lexicon, ...compiledGlossary.englishEntries]);
  const frenchTerms = [...compiledGlossary.terms, ...lexicon.flatMap((entry) => entry.fr)];
  const stems = stemsOfWords(frenchTerms);
  db.transaction(() => {
    for (const table of ['glossary_groups', 'glossary_entries', 'lexicon_forms', 'lexicon_words']) {
      db.prepare(`DELETE FROM ${table}`).run();
    }
    const group = db.prepare('INSERT INTO glossary_groups (id, phrases) VALUES (?, ?)');
    compiledGlossary.groups.forEach((phrases, id) => {
      group.run(id, JSON.stringify(phrases));
    });
    const entry = db.prepare(
      'INSERT INTO glossary_entries (first, words, group_id, acronym) VALUES (?, ?, ?, ?)',
    );
    for (const e of compiledGlossary.entries)
      entry.run(e.words[0], e.words.join(' '), e.group, e.acronym ? 1 : 0);
    const form = db.prepare('INSERT INTO lexicon_forms (first, stems, french) VALUES (?, ?, ?)');
    for (const f of compiledLexicon.forms) form.run(f.stems[0], f.stems.join(' '), JSON.stringify(f.french));
    const word = db.prepare('INSERT OR IGNORE INTO lexicon_words (word) VALUES (?)');
    for (const w of compiledLexicon.words) word.run(w);
    // The terms' words join the plans' in the stored stems: questions seldom need the stemmer.
    const stem = db.prepare('INSERT OR IGNORE INTO word_stems (word, stem) VALUES (?, ?)');
    for (const [w, s] of stems) stem.run(w, s);
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(SETTING, current);
  })();
  return true;
}

/** The compiled glossary, read entry by entry as questions need it. */
export function createGlossaryStore(db: Db): Glossary {
  const entries = db.prepare('SELECT words, group_id, acronym FROM glossary_entries WHERE first = ?').raw();
  const phrases = db.prepare('SELECT phrases FROM glossary_groups WHERE id = ?').pluck();
  const entryCache = new Map<string, GlossaryEntry[]>();
  const groupCache = new Map<number, GlossaryPhrase[]>();
  return {
    entriesAt(word) {
      let list = entryCache.get(word);
      if (!list) {
        list = (entries.all(word) as [string, number, number][])
          .map(([words, group, acronym]) => ({ words: words.split(' '), group, acronym: acronym === 1 }))
          .sort((a, b) => b.words.length - a.words.length);
        entryCache.set(word, list);
      }
      return list;
    },
    phrases(group) {
      let list = groupCache.get(group);
      if (!list) {
        const json = phrases.get(group) as string | undefined;
        list = json ? (JSON.parse(json) as GlossaryPhrase[]) : [];
        groupCache.set(group, list);
      }
      return list;
    },
  };
}

/** The compiled lexicon, read form by form as questions need it. */
export function createLexiconStore(db: Db): Lexicon {
  const forms = db.prepare('SELECT stems, french FROM lexicon_forms WHERE first = ?').raw();
  const cache = new Map<string, LexiconForm[]>();
  return lexiconOver(
    (stem) => {
      let list = cache.get(stem);
      if (!list) {
        list = (forms.all(stem) as [string, string][])
          .map(([stems, french]) => ({ stems: stems.split(' '), french: JSON.parse(french) as string[] }))
          .sort((a, b) => b.stems.length - a.stems.length);
        cache.set(stem, list);
      }
      return list;
    },
    () => db.prepare('SELECT word FROM lexicon_words').pluck().iterate() as Iterable<string>,
  );
}
