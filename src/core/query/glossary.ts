import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from '../schema.ts';
import { fold, wordTokens } from '../text/fold.ts';
import { contentStems } from '../text/stem.ts';

const glossarySchema = z.object({
  equivalences: z.array(z.array(z.string().check(z.minLength(1))).check(z.minLength(2))),
  translations: z.record(z.string(), z.array(z.string())),
  acronyms: z.record(z.string(), z.array(z.string().check(z.minLength(2))).check(z.minLength(1))),
});

/** A term as matched in plan text: the French stems of its words, all required. */
export interface Phrase {
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

export interface Glossary {
  /** Phrases of an equivalence group (stemmed on first use: most groups never serve). */
  phrases(group: number): Phrase[];
  /** Entries by their first folded word, longest first. */
  entriesByFirstWord: Map<string, GlossaryEntry[]>;
  /** English (or other) word or phrase -> French terms. */
  translations: Map<string, string[]>;
  /** Every term whose stems a question may need: equivalences, acronyms and French translations. */
  terms: string[];
  /** The `translations` as lexicon entries (English -> French). */
  englishEntries: { en: string[]; fr: string[] }[];
}

/** Words of a term, folded, as they appear in a question (stopwords kept for phrase matching). */
export function termWords(term: string): string[] {
  return wordTokens(term).map((token) => fold(token));
}

/** Stems a term the same way plan text is indexed (stopwords dropped), so phrases and nodes meet. */
export function phraseOf(term: string): Phrase {
  // A stem of one letter ("G.S." -> "g") would match anything.
  return { text: term, stems: [...new Set(contentStems(term))].filter((stem) => stem.length > 1) };
}

export function loadGlossary(dataDir: string): Glossary {
  const raw = glossarySchema.parse(JSON.parse(readFileSync(path.join(dataDir, 'glossary.json'), 'utf8')));
  return buildGlossary(raw);
}

export function buildGlossary(raw: z.infer<typeof glossarySchema>): Glossary {
  const groups: string[][] = [];
  const stemmed = new Map<number, Phrase[]>();
  const entries: GlossaryEntry[] = [];
  const addGroup = (terms: string[]) => {
    const group = groups.length;
    groups.push(terms);
    for (const term of terms) {
      const acronym = /^[A-Z][A-Za-z0-9+]{1,5}$/u.test(term) && /[A-Z].*[A-Z]/u.test(term);
      entries.push({ words: termWords(term), group, acronym });
    }
  };
  for (const terms of raw.equivalences) addGroup(terms);
  // An acronym and its expansions mean the same thing, both ways.
  for (const [acronym, expansions] of Object.entries(raw.acronyms)) addGroup([acronym, ...expansions]);
  const entriesByFirstWord = new Map<string, GlossaryEntry[]>();
  for (const entry of entries) {
    const first = entry.words[0];
    if (!first) continue;
    const list = entriesByFirstWord.get(first) ?? [];
    list.push(entry);
    entriesByFirstWord.set(first, list);
  }
  for (const list of entriesByFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  const translations = new Map<string, string[]>();
  for (const [word, french] of Object.entries(raw.translations))
    translations.set(termWords(word).join(' '), french);
  return {
    phrases(group) {
      let phrases = stemmed.get(group);
      if (!phrases) {
        phrases = (groups[group] ?? []).map(phraseOf).filter((phrase) => phrase.stems.length > 0);
        stemmed.set(group, phrases);
      }
      return phrases;
    },
    entriesByFirstWord,
    translations,
    terms: [...groups.flat(), ...[...translations.values()].flat()],
    englishEntries: Object.entries(raw.translations).map(([english, french]) => ({ en: [english], fr: french })),
  };
}
