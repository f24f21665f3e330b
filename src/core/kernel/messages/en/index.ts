import type { Messages } from '../index.ts';
import { answers } from './answers.ts';
import { format } from './format.ts';

/** Every word Boussole writes in English, typed against the French catalog: none may be missing. */
export const en: Messages = { format, answers };
