import { answers } from './answers.ts';
import { format } from './format.ts';

/** Every word Boussole writes in French: the reference catalog, which English must match. */
export const fr = { format, answers };
