import type { fr } from './fr/index.ts';

/** The shape of a catalog: the French one, which every other language must match. */
export type Messages = typeof fr;
