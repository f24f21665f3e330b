import * as z from '../kernel/schema.ts';
import { fold } from '../text/fold.ts';
import { englishStem } from '../text/stem.ts';

const entrySchema = z.object({
  fr: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  en: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
});
export const lexiconFileSchema = z.object({ entries: z.array(entrySchema) });

/** French terms for English ones; an empty `fr` marks English words that name no theme. */
export interface LexiconEntry {
  fr: string[];
  en: string[];
}

/**
 * English words and phrases to the French terms of the plans (data/lexicon/*.json), so that an
 * English question reaches the French text offline. English is matched by its Snowball stems
 * ("dropouts" meets "dropout"), longest phrase first.
 */
export interface Lexicon {
  /** The longest English phrase starting at `words[i]` (folded words), with its French terms. */
  match(words: string[], i: number): { length: number; french: string[] } | null;
  /** The French terms of one English word on its own. */
  matchWord(word: string): string[];
  /** Every folded English word of the lexicon: what a typo in an English question is read against. */
  englishWords(): Iterable<string>;
}

/** One English form of the compiled lexicon: its stems and the French terms it stands for. */
export interface LexiconForm {
  stems: string[];
  french: string[];
}

/** Folded words of an English phrase ("head teacher's" -> head, teacher; the "s" is dropped). */
export function englishWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}+]+/u)
    .filter((word) => word && word !== 's');
}

/** Every English form of the entries, stemmed and merged (one form, all its French terms). */
export function compileLexicon(entries: LexiconEntry[]): { forms: LexiconForm[]; words: string[] } {
  const merged = new Map<string, { stems: string[]; french: Set<string> }>();
  const words = new Set<string>();
  for (const entry of entries) {
    for (const english of entry.en) {
      const folded = englishWords(english);
      for (const word of folded) words.add(word);
      const stems = folded.map(englishStem);
      if (!stems.length) continue;
      const key = stems.join(' ');
      const form = merged.get(key) ?? { stems, french: new Set<string>() };
      for (const french of entry.fr) form.french.add(french);
      merged.set(key, form);
    }
  }
  return {
    forms: [...merged.values()].map((form) => ({ stems: form.stems, french: [...form.french] })),
    words: [...words],
  };
}

/** The forms whose first stem is given, longest first: what `match` tries at a position. */
export type FormsByFirstStem = (stem: string) => LexiconForm[];

/** The matching rules over any storage of the forms (memory for tests, SQLite in the product). */
export function lexiconOver(formsStartingWith: FormsByFirstStem, words: () => Iterable<string>): Lexicon {
  return {
    match(question, i) {
      const first = question[i];
      if (first === undefined) return null;
      for (const form of formsStartingWith(englishStem(first))) {
        if (i + form.stems.length > question.length) continue;
        let ok = true;
        for (let k = 1; k < form.stems.length && ok; k++)
          ok = englishStem(question[i + k] as string) === form.stems[k];
        if (ok) return { length: form.stems.length, french: form.french };
      }
      return null;
    },
    matchWord(word) {
      return formsStartingWith(englishStem(word)).find((form) => form.stems.length === 1)?.french ?? [];
    },
    englishWords: words,
  };
}

/** A lexicon held in memory (tests, tools). */
export function memoryLexicon(entries: LexiconEntry[]): Lexicon {
  const { forms, words } = compileLexicon(entries);
  const byFirst = new Map<string, LexiconForm[]>();
  for (const form of forms) {
    const list = byFirst.get(form.stems[0] as string) ?? [];
    list.push(form);
    byFirst.set(form.stems[0] as string, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  return lexiconOver(
    (stem) => byFirst.get(stem) ?? [],
    () => words,
  );
}
