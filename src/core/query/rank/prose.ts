import type { Passage, PlanNode } from '../../plans/types.ts';
import { letterKey } from '../../text/fold.ts';
import { contentStems } from '../../text/stem.ts';
import type { QueryIntent } from '../intent.ts';
import type { Hit, Retrieval, RetrievalContext } from './retrieval.ts';

/** Paragraphs of prose given when a question asks for a section's or a plan's introduction. */
const MAX_PROSE = 4;
const MAX_UNDER_HEADING = 12;
/** Shorter prose is a heading or page furniture ("Liberté Égalité Fraternité"), not an answer. */
const MIN_PROSE_CHARS = 80;
/** Share of a section's title a passage must repeat to be speaking of it. */
const TITLE_NAMED = 0.6;

/**
 * The opening paragraphs of a section or plan: after the heading the question names when there is
 * one ("l'avant-propos" -> the paragraphs after « Avant-propos »), headings and furniture left out.
 */
function openingProse(passages: Passage[], heading: string | undefined): Passage[] {
  if (heading) {
    const key = heading.replace(/[^a-z0-9]+/gu, '');
    const at = passages.findIndex((passage) => letterKey(passage.text) === key);
    if (at >= 0) {
      // The whole text under that heading, down to its signature, until the next heading.
      const end = passages.findIndex((passage, i) => i > at && isHeading(passage.text));
      return passages.slice(at + 1, end > at ? end : undefined).slice(0, MAX_UNDER_HEADING);
    }
  }
  return passages.filter((passage) => passage.text.length >= MIN_PROSE_CHARS).slice(0, MAX_PROSE);
}

/** Passages looked at after the opening prose for its signature. */
const SIGNATURE_WINDOW = 12;
const MAX_SIGNATURE_CHARS = 250;

/**
 * The signature of a preamble: a short passage after its prose that opens with a person's name
 * and goes on in lower case with a title (« Karim Benmiloud Recteur de l'académie… », « Benoit
 * Delaunay, Recteur… »); a motto in capitals (« Liberté Égalité Fraternité ») is not one.
 */
function signatureAfter(passages: Passage[], opening: Passage[]): Passage | undefined {
  const last = opening.length ? passages.indexOf(opening[opening.length - 1] as Passage) : -1;
  return passages
    .slice(last + 1, last + 1 + SIGNATURE_WINDOW)
    .find(
      (passage) =>
        passage.text.length <= MAX_SIGNATURE_CHARS &&
        /^\p{Lu}[\p{Ll}'’-]+ \p{Lu}[\p{L}'’-]+,? .*\b\p{Ll}{2,}\b/u.test(passage.text),
    );
}

/** A line of capitals ("CONTEXTE RÉGLEMENTAIRE") opens a new part of a plan. */
function isHeading(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase();
}

/**
 * The prose a question points at without a theme to rank it by: the opening passages of the
 * sections it names, else of the one plan it names (its preamble).
 */
export function proseOf(
  intent: QueryIntent,
  sections: PlanNode[],
  plans: string[],
  context: RetrievalContext,
): Retrieval | null {
  const { library } = context;
  const named = intent.planIds[0];
  const owners = sections.length
    ? sections.map((section) => section.id)
    : plans.length === 1
      ? plans
      : named
        ? [named]
        : [];
  const passages: Passage[] = [];
  for (const owner of owners) {
    const all = library.passagesOf(owner);
    const opening = openingProse(all, intent.proseWord);
    passages.push(...opening);
    // "Qui signe le PSA ?": the signature closes the preamble, too short to count as its prose.
    const signature = intent.qtype === 'who' ? signatureAfter(all, opening) : undefined;
    if (signature && !passages.includes(signature)) passages.push(signature);
  }
  // "According to its preamble, why is axis 4…": the plan's preamble where it names the section.
  if (intent.prose) {
    for (const section of sections) {
      const title = new Set(contentStems(section.title ?? section.text.split('\n')[0] ?? ''));
      if (title.size < 2) continue;
      for (const passage of library.passagesOf(section.planId)) {
        const stems = new Set(contentStems(passage.text));
        const shared = [...title].filter((stem) => stems.has(stem)).length;
        if (shared / title.size >= TITLE_NAMED && !passages.includes(passage)) passages.push(passage);
      }
    }
  }
  const hits = passages.map(
    (passage): Hit => ({
      ref: passage.id,
      planId: passage.planId,
      kind: 'passage',
      scope: passage.scope,
      coverage: 1,
      reason: 'list',
    }),
  );
  if (!hits.length) return null;
  return {
    status: 'answered',
    hits,
    kinds: [],
    academieFallback: null,
    truncated: 0,
    sections,
    confidence: 1,
  };
}
