import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as z from '../schema.ts';
import { fold } from '../text/fold.ts';

const entrySchema = z.object({
  fr: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  en: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
});
const fileSchema = z.object({ entries: z.array(entrySchema) });

/** French terms for English ones; an empty `fr` marks English words that name no theme. */
export interface LexiconEntry {
  fr: string[];
  en: string[];
}

interface EnglishForm {
  stems: string[];
  french: string[];
}

/**
 * English words and phrases to the French terms of the plans (data/lexicon/*.json), so that an
 * English question reaches the French text offline. English is matched by its Snowball stems
 * ("dropouts" meets "dropout"), longest phrase first.
 */
export class Lexicon {
  private byFirstStem: Map<string, EnglishForm[]> | null = null;
  private readonly stemCache = new Map<string, string>();
  private stemmer: { stem(word: string): string } | null = null;

  constructor(private readonly entries: LexiconEntry[]) {}

  get size(): number {
    return this.entries.length;
  }

  /** Every folded English word of the lexicon: what a typo in an English question is read against. */
  *englishWords(): Iterable<string> {
    for (const entry of this.entries) for (const english of entry.en) yield* englishWords(english);
  }

  /** English Snowball stem of a folded word. */
  stem(word: string): string {
    let stem = this.stemCache.get(word);
    if (stem === undefined) {
      if (!this.stemmer) {
        const require = createRequire(import.meta.url);
        const snowball = require('snowball-stemmers') as {
          newStemmer(lang: string): { stem(word: string): string };
        };
        this.stemmer = snowball.newStemmer('english');
      }
      stem = /^\d/u.test(word) ? word : this.stemmer.stem(word);
      this.stemCache.set(word, stem);
    }
    return stem;
  }

  /**
   * The longest English phrase of the lexicon starting at `words[i]` (folded words), with the
   * French terms it stands for; null when none starts there.
   */
  match(words: string[], i: number): { length: number; french: string[] } | null {
    const index = this.index();
    const first = words[i];
    if (first === undefined) return null;
    const candidates = index.get(this.stem(first));
    if (!candidates) return null;
    for (const form of candidates) {
      if (i + form.stems.length > words.length) continue;
      let ok = true;
      for (let k = 1; k < form.stems.length && ok; k++) ok = this.stem(words[i + k] as string) === form.stems[k];
      if (ok) return { length: form.stems.length, french: form.french };
    }
    return null;
  }

  /** The French terms of one English word on its own. */
  matchWord(word: string): string[] {
    const form = this.index()
      .get(this.stem(word))
      ?.find((candidate) => candidate.stems.length === 1);
    return form?.french ?? [];
  }

  /** Built on the first English word looked up: French questions never need it. */
  private index(): Map<string, EnglishForm[]> {
    if (this.byFirstStem) return this.byFirstStem;
    const merged = new Map<string, { stems: string[]; french: Set<string> }>();
    for (const entry of this.entries) {
      for (const english of entry.en) {
        const stems = englishWords(english).map((word) => this.stem(word));
        if (!stems.length) continue;
        const key = stems.join(' ');
        const form = merged.get(key) ?? { stems, french: new Set<string>() };
        for (const french of entry.fr) form.french.add(french);
        merged.set(key, form);
      }
    }
    const index = new Map<string, EnglishForm[]>();
    for (const form of merged.values()) {
      const first = form.stems[0] as string;
      const list = index.get(first) ?? [];
      list.push({ stems: form.stems, french: [...form.french] });
      index.set(first, list);
    }
    for (const list of index.values()) list.sort((a, b) => b.stems.length - a.stems.length);
    this.byFirstStem = index;
    return index;
  }
}

/** Folded words of an English phrase ("head teacher's" -> head, teacher, s is dropped). */
export function englishWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}+]+/u)
    .filter((word) => word && word !== 's');
}

/** Reads every data/lexicon/*.json file; a broken file stops start-up with its path and error. */
export function loadLexicon(dataDir: string, extra: LexiconEntry[] = []): Lexicon {
  const dir = path.join(dataDir, 'lexicon');
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return new Lexicon(extra);
  }
  const entries: LexiconEntry[] = [];
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file} : ${parsed.error.issues[0]?.message ?? 'format invalide'}`);
    entries.push(...parsed.data.entries);
  }
  return new Lexicon([...entries, ...extra]);
}
