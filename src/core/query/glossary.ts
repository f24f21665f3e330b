import * as z from '../kernel/schema.ts';
import { fold, wordTokens } from '../text/fold.ts';
import { contentStems } from '../text/stem.ts';

export const glossarySchema = z.object({
  equivalences: z.array(z.array(z.string().check(z.minLength(1))).check(z.minLength(2))),
  translations: z.record(z.string(), z.array(z.string())),
  acronyms: z.record(z.string(), z.array(z.string().check(z.minLength(2))).check(z.minLength(1))),
});

export type GlossaryFile = z.infer<typeof glossarySchema>;

/** A term as matched in plan text: the French stems of its words, all required. */
export interface GlossaryPhrase {
  stems: string[];
  /** The term as written ("faits numériques"). */
  text: string;
}

/** One entry that a question's words can match: its words, and the concept group it belongs to. */
export interface GlossaryEntry {
  /** Folded words of the term as it may appear in a question ("lecture a haute voix"). */
  words: string[];
  group: number;
  /** Acronyms ("PAS", "TER") only count when written in capitals: "pas" is also a plain word. */
  acronym: boolean;
}

/** The domain glossary (data/glossary.json) as the question reader consults it. */
export interface Glossary {
  /** Entries whose first folded word is `word`, longest first. */
  entriesAt(word: string): GlossaryEntry[];
  /** The terms of an equivalence group, stemmed. */
  phrases(group: number): GlossaryPhrase[];
}

/** The glossary compiled once (when its file changes) for the store to keep. */
export interface CompiledGlossary {
  /** Each group's terms with their stems. */
  groups: GlossaryPhrase[][];
  entries: GlossaryEntry[];
  /** The `translations` as lexicon entries (English -> French; an empty list: no theme). */
  englishEntries: { en: string[]; fr: string[] }[];
  /** Every French term a question may need the stems of. */
  terms: string[];
}

/** Words of a term, folded, as they appear in a question (stopwords kept for phrase matching). */
export function termWords(term: string): string[] {
  return wordTokens(term).map((token) => fold(token));
}

/** Stems a term the same way plan text is indexed (stopwords dropped), so phrases and nodes meet. */
export function phraseOf(term: string): GlossaryPhrase {
  // A stem of one letter ("G.S." -> "g") would match anything.
  return { text: term, stems: [...new Set(contentStems(term))].filter((stem) => stem.length > 1) };
}

/** Groups, entries and stems of a validated glossary file. */
export function compileGlossary(raw: GlossaryFile): CompiledGlossary {
  const groups: string[][] = [...raw.equivalences];
  // An acronym and its expansions mean the same thing, both ways.
  for (const [acronym, expansions] of Object.entries(raw.acronyms)) groups.push([acronym, ...expansions]);
  const entries: GlossaryEntry[] = [];
  groups.forEach((terms, group) => {
    for (const term of terms) {
      const acronym = /^[A-Z][A-Za-z0-9+]{1,5}$/u.test(term) && /[A-Z].*[A-Z]/u.test(term);
      entries.push({ words: termWords(term), group, acronym });
    }
  });
  const translated = Object.values(raw.translations).flat();
  return {
    groups: groups.map((terms) => terms.map(phraseOf).filter((phrase) => phrase.stems.length > 0)),
    entries: entries.filter((entry) => entry.words.length > 0),
    englishEntries: Object.entries(raw.translations).map(([english, french]) => ({
      en: [english],
      fr: french,
    })),
    terms: [...groups.flat(), ...translated],
  };
}

/** A glossary held in memory (tests, tools): the store keeps the same in SQLite. */
export function memoryGlossary(compiled: CompiledGlossary): Glossary {
  const byFirst = new Map<string, GlossaryEntry[]>();
  for (const entry of compiled.entries) {
    const list = byFirst.get(entry.words[0] as string) ?? [];
    list.push(entry);
    byFirst.set(entry.words[0] as string, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return {
    entriesAt: (word) => byFirst.get(word) ?? [],
    phrases: (group) => compiled.groups[group] ?? [],
  };
}
