import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from '../../schema.ts';
import { phraseWords, type WordForm } from '../words.ts';

const placesSchema = z.object({
  academies: z.array(z.string()),
  departements: z.array(z.string()),
  ambiguous: z.array(z.string()),
});

/**
 * The ways a question names an académie or a département of France, each mapped to its display
 * name. Names that are also common words ("Somme", "Manche") need a cue before them.
 */
export function buildPlaceForms(raw: z.infer<typeof placesSchema>): WordForm<string>[] {
  const ambiguous = new Set(raw.ambiguous.map((name) => phraseWords(name).join(' ')));
  const forms: WordForm<string>[] = [];
  const add = (cues: string[], name: string) => {
    const words = phraseWords(name);
    if (!ambiguous.has(words.join(' '))) forms.push({ words, value: name });
    for (const cue of cues) forms.push({ words: [...phraseWords(cue), ...words], value: name });
  };
  for (const name of raw.academies) add(['académie de', "académie d'", 'académie'], name);
  for (const name of raw.departements)
    add(['département de', 'département du', 'département', 'dsden', 'dans le', 'dans la', "dans l'"], name);
  return forms.sort((a, b) => b.words.length - a.words.length);
}

/** Reads data/places.json; a missing file means no unknown place is recognised. */
export function loadPlaceForms(dataDir: string): WordForm<string>[] {
  const file = path.join(dataDir, 'places.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const parsed = placesSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} : ${parsed.error.issues[0]?.message ?? 'format invalide'}`);
  return buildPlaceForms(parsed.data);
}
