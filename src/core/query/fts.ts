import { fold, wordTokens } from '../text/fold.ts';
import { stemToken } from '../text/stem.ts';
import { isStopword } from '../text/stopwords.ts';

/** The full-text index port: runs an FTS5 MATCH expression, best (lowest bm25) first. */
export interface SearchIndex {
  search(match: string, limit: number): { ref: string; plan: string; kind: string; rank: number }[];
}

/**
 * Builds a safe FTS5 MATCH expression from free text: only letters and digits reach the query,
 * each word matched as a prefix of the accent-folded text or by its French stem. Returns null
 * when nothing searchable is left (only stopwords or punctuation).
 */
export function buildMatchExpression(text: string): string | null {
  const clauses = new Set<string>();
  for (const token of wordTokens(text)) {
    if (isStopword(token)) continue;
    const folded = fold(token).replace(/[^a-z0-9]/gu, '');
    if (folded.length < 2) continue;
    clauses.add(`text:"${folded}"*`);
    const stem = stemToken(token).replace(/[^a-z0-9]/gu, '');
    if (stem.length >= 2) clauses.add(`stems:"${stem}"`);
    if (clauses.size > 64) break;
  }
  return clauses.size ? [...clauses].join(' OR ') : null;
}
