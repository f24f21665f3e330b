import type { Messages } from '../shape.ts';
import { adapters } from './adapters.ts';
import { answers } from './answers.ts';
import { deadlines } from './deadlines.ts';
import { format } from './format.ts';
import { indicators } from './indicators.ts';
import { measurements } from './measurements.ts';
import { progress } from './progress.ts';
import { router } from './router.ts';

/** Every word Boussole writes in English, typed against the French catalog: none may be missing. */
export const en: Messages = {
  format,
  answers,
  measurements,
  indicators,
  progress,
  deadlines,
  router,
  adapters,
};
