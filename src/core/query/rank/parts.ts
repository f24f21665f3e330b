import type { Retrieval } from './retrieval.ts';

/**
 * The answers of a compound question's clauses as one: every answered clause's units, in the
 * order the question asks them, each unit once. Null when no clause is answered.
 */
export function joinParts(answers: Retrieval[]): Retrieval | null {
  const answered = answers.filter((a) => a.status === 'answered');
  const first = answered[0];
  if (!first) return null;
  const seen = new Set<string>();
  const hits = answered
    .flatMap((a) => a.sides?.flatMap((side) => side.hits) ?? a.hits)
    .filter((hit) => !seen.has(hit.ref) && seen.add(hit.ref));
  const lead = answered.find((a) => a.lead)?.lead;
  const fallback = answered.find((a) => a.academieFallback);
  return {
    status: 'answered',
    hits,
    kinds: [...new Set(answered.flatMap((a) => a.kinds))],
    academieFallback: fallback?.academieFallback ?? null,
    ...(fallback?.fallbackKind ? { fallbackKind: fallback.fallbackKind } : {}),
    truncated: answered.reduce((sum, a) => sum + a.truncated, 0),
    sections: answered.flatMap((a) => a.sections),
    confidence: Math.max(...answered.map((a) => a.confidence)),
    ...(lead ? { lead } : {}),
  };
}
