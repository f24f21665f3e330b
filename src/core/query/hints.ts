import type { Lang } from '../kernel/types.ts';
import type { PlanLibrary } from '../plans/library.ts';
import type { AnswerKind, Concept, QueryIntent, SectionRef } from './intent.ts';

/**
 * What an LLM read in a question (src/llm/intent.ts): the same facets as the question reader, and
 * the theme in the plans' French words. Suggestions only: checked against the plans here.
 */
export interface IntentHints {
  scopes: string[];
  plans: string[];
  kind: AnswerKind | null;
  section: SectionRef | null;
  keywords: string[];
}

/** The port through which an LLM, when one is configured, reads a question into hints. */
export interface IntentReader {
  read(question: string, lang: Lang, library: PlanLibrary): Promise<IntentHints | null>;
}

/**
 * The offline intent completed by an LLM's hints: facets the reader did not find are taken when
 * they name real scopes, plans and kinds; the French keywords, read like a question, become
 * concepts, and replace the words the reader could not place (an English word out of the lexicon).
 * What the reader found itself always stays.
 */
export function withHints(
  intent: QueryIntent,
  hints: IntentHints,
  library: PlanLibrary,
  readKeywords: (text: string) => Concept[],
): QueryIntent {
  const scopes = intent.scopes.length ? intent.scopes : hints.scopes.filter((key) => library.scopes.get(key));
  const planIds = intent.planIds.length ? intent.planIds : hints.plans.filter((id) => library.plan(id));
  const kinds: AnswerKind[] = intent.kinds.length || !hints.kind ? intent.kinds : [hints.kind];
  const sectionRefs =
    intent.sectionRefs.length || !hints.section || !/^\d{1,2}(?:\.\d{1,2})?$/u.test(hints.section.number)
      ? intent.sectionRefs
      : [hints.section];
  const added = readKeywords(hints.keywords.join(' ; ').slice(0, 500)).filter(
    (concept) => concept.known === 'plans' && !intent.concepts.some((own) => own.label === concept.label),
  );
  const concepts = added.length
    ? [...intent.concepts.filter((concept) => concept.known === 'plans'), ...added]
    : intent.concepts;
  // A compound question's clauses get the plan and place the model read, when they name none.
  const parts = intent.parts?.map((part) => ({
    ...part,
    scopes: part.scopes.length ? part.scopes : scopes,
    planIds: part.planIds.length ? part.planIds : planIds,
  }));
  return { ...intent, scopes, planIds, kinds, sectionRefs, concepts, ...(parts ? { parts } : {}) };
}
