import * as z from '../kernel/schema.ts';
import { phraseWords } from '../query/words.ts';

/**
 * What a progress question asks: where things stand, what is late, or which indicators have no
 * value for a period.
 */
export type ProgressMode = 'status' | 'late' | 'missing';

/** In this order a phrase found in several lists counts for the first. */
export const PROGRESS_MODES: readonly ProgressMode[] = ['late', 'missing', 'status'];

const phrases = z.array(z.string().check(z.minLength(1)));
const progressSchema = z.object({ status: phrases, late: phrases, missing: phrases });

export type ProgressFile = z.infer<typeof progressSchema>;

/** A phrase as folded words; `*` stands for one to three words. */
export interface ProgressForm {
  words: string[];
  mode: ProgressMode;
}

/** The phrases of data/query/progress.json, ready to match a question's words. */
export interface ProgressWords {
  /** Longest first, so that « qu'est-ce qui est en retard » wins over « est en retard ». */
  forms: ProgressForm[];
}

export function buildProgressWords(raw: ProgressFile): ProgressWords {
  const forms: ProgressForm[] = [];
  for (const mode of PROGRESS_MODES) {
    for (const phrase of raw[mode]) {
      const words = phrase
        .split(/\s+/u)
        .flatMap((part) => (part === '*' ? ['*'] : phraseWords(part)))
        .filter(Boolean);
      if (words.some((word) => word !== '*')) forms.push({ words, mode });
    }
  }
  forms.sort((a, b) => b.words.length - a.words.length);
  return { forms };
}

/** Checks the content of data/query/progress.json (`file` names it in the error). */
export function readProgressWords(raw: unknown, file: string): ProgressWords {
  const parsed = progressSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} : ${parsed.error.issues[0]?.message ?? 'format invalide'}`);
  return buildProgressWords(parsed.data);
}
