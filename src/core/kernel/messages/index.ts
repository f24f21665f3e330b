import type { Lang } from '../types.ts';
import { en } from './en/index.ts';
import { fr } from './fr/index.ts';
import type { Messages } from './shape.ts';

export type { Messages } from './shape.ts';

const CATALOGS: Record<Lang, Messages> = { fr, en };

/** The language Boussole speaks to whoever has not written in another one. */
export const DEFAULT_LANG: Lang = 'fr';

/**
 * The words Boussole writes in `lang`. Code picks a message by name and never tests the language:
 * adding a language means adding a catalog, not revisiting every sentence.
 */
export function messages(lang: Lang): Messages {
  return CATALOGS[lang] ?? CATALOGS[DEFAULT_LANG];
}

/** True for the languages Boussole has a catalog for (a value read from a button or a payload). */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(CATALOGS, value);
}
