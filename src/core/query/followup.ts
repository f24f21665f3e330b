import type { QueryIntent } from './intent.ts';

const MARKER = /^(?:et|and|mais|puis|aussi|also|what about|how about|same for|pareil pour|idem pour)\b/iu;

/**
 * A message that only makes sense after the previous one: "et dans l'Allier ?", "and the
 * indicators?", or any short message that names no theme of its own.
 */
export function looksLikeFollowUp(text: string, intent: QueryIntent): boolean {
  const words = text.trim().split(/\s+/u).filter(Boolean).length;
  const ownTheme = intent.concepts.length > 0 || intent.sectionRefs.length > 0 || intent.quoted.length > 0;
  return MARKER.test(text.trim()) ? words <= 12 : !ownTheme && words <= 6;
}

/** Without an LLM, a follow-up keeps what it does not restate: plan, scope, kind, theme, section. */
export function carryOver(intent: QueryIntent, previous: QueryIntent): QueryIntent {
  const ownTheme = intent.concepts.length > 0 || intent.sectionRefs.length > 0 || intent.quoted.length > 0;
  // A follow-up is one ask completed by the previous one: clauses read alone would miss what it carries.
  const { parts: _clauses, ...own } = intent;
  return {
    ...own,
    scopes: intent.scopes.length ? intent.scopes : previous.scopes,
    // Naming another scope may change académie, and so plan: only keep the plan when no scope is named.
    planIds: intent.planIds.length || intent.scopes.length ? intent.planIds : previous.planIds,
    kinds: intent.kinds.length ? intent.kinds : previous.kinds,
    kindWord: intent.kinds.length ? intent.kindWord : (previous.kindWord ?? null),
    measure: intent.measure || (!intent.kinds.length && Boolean(previous.measure)),
    concepts: ownTheme ? intent.concepts : previous.concepts,
    sectionRefs: ownTheme ? intent.sectionRefs : previous.sectionRefs,
    quoted: ownTheme ? intent.quoted : previous.quoted,
    count: intent.count,
  };
}
