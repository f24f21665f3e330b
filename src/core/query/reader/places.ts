import * as z from '../../kernel/schema.ts';
import type { Scope } from '../../plans/scopes.ts';
import { phraseWords, type WordForm } from '../words.ts';

const placesSchema = z.object({
  academies: z.array(z.string()),
  departements: z.array(z.string()),
  /** Regions none of whose académies has a plan here ("en Bretagne"). */
  regions: z.optional(z.array(z.string())),
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
  for (const name of raw.regions ?? []) add(['région', 'en', 'région académique'], name);
  for (const name of raw.departements)
    add(['département de', 'département du', 'département', 'dsden', 'dans le', 'dans la', "dans l'"], name);
  return forms.sort((a, b) => b.words.length - a.words.length);
}

/** Checks the content of data/places.json (`file` names it in the error). */
export function readPlaceForms(raw: unknown, file: string): WordForm<string>[] {
  const parsed = placesSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} : ${parsed.error.issues[0]?.message ?? 'format invalide'}`);
  return buildPlaceForms(parsed.data);
}

/**
 * Other académies' own scopes as places without a plan, for one académie's view (BOUSSOLE_TENANTS):
 * "Que prévoit le Loiret ?" asked from Clermont-Ferrand is a question about a place this view has
 * no plan for, answered as such, not read as words.
 */
export function foreignScopeForms(scopes: readonly Scope[]): WordForm<string>[] {
  return scopes
    .flatMap((scope) =>
      [scope.name, scope.shortName, ...scope.forms].map((form) => ({
        words: phraseWords(form),
        value: scope.shortName,
      })),
    )
    .filter((form) => form.words.length > 0)
    .sort((a, b) => b.words.length - a.words.length);
}
