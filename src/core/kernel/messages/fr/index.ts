import { adapters } from './adapters.ts';
import { answers } from './answers.ts';
import { deadlines } from './deadlines.ts';
import { format } from './format.ts';
import { indicators } from './indicators.ts';
import { measurements } from './measurements.ts';
import { progress } from './progress.ts';
import { router } from './router.ts';

/** Every word Boussole writes in French: the reference catalog, which English must match. */
export const fr = { format, answers, measurements, indicators, progress, deadlines, router, adapters };
