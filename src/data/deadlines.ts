import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DeadlineDefault } from '../core/deadlines/service.ts';

/** Default deadline rules per plan (data/deadlines.json); a missing file means no defaults. */
export function loadDeadlineDefaults(dataDir: string): DeadlineDefault[] {
  try {
    const raw = JSON.parse(readFileSync(path.join(dataDir, 'deadlines.json'), 'utf8')) as {
      defaults?: DeadlineDefault[];
    };
    return raw.defaults ?? [];
  } catch {
    return [];
  }
}
