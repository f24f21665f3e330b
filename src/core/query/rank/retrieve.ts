import { type PlanLibrary, sectionTitle } from '../../plans/library.ts';
import type { Passage, PlanNode } from '../../plans/types.ts';
import { letterKey } from '../../text/fold.ts';
import { contentStems } from '../../text/stem.ts';
import type { AnswerKind, Concept, QueryIntent } from '../intent.ts';
import { phraseOf } from '../reader/concepts.ts';
import { asksTime } from '../words.ts';
import { expandConcepts } from './expand.ts';
import { type Filters, findSections, planFilter } from './filters.ts';
import { leadSentence } from './lead.ts';
import type { UnitIndex } from './ports.ts';
import { NO_NUMBER, rankUnits, type Scored, selectAnswer } from './ranking.ts';
import { conceptMatch, coverage, stemsOf, type WeightedConcept, weighConcepts } from './score.ts';
import { listSections } from './structure.ts';
import type { UnitKind } from './units.ts';

/** A unit retained for the answer. */
export interface Hit {
  ref: string;
  planId: string;
  kind: UnitKind;
  scope: string;
  /** Weighted share of the question the unit expresses, 0..1 (1 for a listed section item). */
  coverage: number;
  reason: 'ranked' | 'structure' | 'list';
}

export interface Side {
  /** Scope key or plan id the side stands for. */
  key: string;
  hits: Hit[];
}

export interface Retrieval {
  status: 'answered' | 'not_found';
  hits: Hit[];
  /** Kinds the answer lists, for its header (empty: a mix of items and passages). */
  kinds: AnswerKind[];
  /** Nothing for the département itself: these are its académie's units. */
  academieFallback: string | null;
  /** Units left out beyond the answer's size. */
  truncated: number;
  /** Why not found; `no_fact`: the plans name the theme but give no number, time or date for it. */
  reason?: 'no_match' | 'no_fact' | 'too_broad' | 'unknown_section' | 'empty_scope' | 'unknown_place';
  /** Sections the question named that were found. */
  sections: PlanNode[];
  /** Weighted share of the question the best unit expresses. */
  confidence: number;
  /** Comparisons: the hits of each side, in the order the question names them. */
  sides?: Side[];
  /** `no_fact`: the question's concepts the plans name without the fact asked. */
  themeFound?: string[];
  /** The sentence of a unit that answers a who / when / how many question, shown first. */
  lead?: { ref: string; sentence: string };
}

export interface RetrievalContext {
  library: PlanLibrary;
  index: UnitIndex;
  /** Stems of the number words ("cinq", "five"): a "how many" answer holds a number. */
  numberWords: ReadonlySet<string>;
  /** Stems of the words that date something: a "when" answer holds one, or a year. */
  timeWords: ReadonlySet<string>;
  monthWords: ReadonlySet<string>;
}

/** Below this share of the question's weight in its best unit, the plans do not answer it. */
export const MIN_CONFIDENCE = 0.5;
export const MIN_CONFIDENCE_IN_SECTION = 0.35;
/** For the académie's units answering a département's question. */
const MIN_CONFIDENCE_FALLBACK = 0.65;
/** Items listed when a question names a scope or plan but no theme ("Quelles actions dans le Cantal ?"). */
const MAX_LISTED = 40;

/**
 * Answers an intent from the plans: scope, plan, section and kind select; concepts rank. A
 * comparison is answered side by side, each side with its own scope or plan.
 */
export function retrieve(intent: QueryIntent, context: RetrievalContext): Retrieval {
  const { library } = context;
  if (intent.unknownPlaces.length && !intent.scopes.length) return empty(intent, 'unknown_place');
  const sides = comparedSides(intent, library);
  if (sides.length > 1) {
    const answers = sides.map((side) => ({ key: side.key, retrieval: retrieveOne(side.intent, context) }));
    const answered = answers.filter((a) => a.retrieval.status === 'answered');
    if (!answered.length) return answers[0]?.retrieval ?? empty(intent, 'no_match');
    return {
      status: 'answered',
      hits: answered.flatMap((a) => a.retrieval.hits),
      kinds: [...new Set(answered.flatMap((a) => a.retrieval.kinds))],
      academieFallback:
        answered.find((a) => a.retrieval.academieFallback)?.retrieval.academieFallback ?? null,
      truncated: answered.reduce((sum, a) => sum + a.retrieval.truncated, 0),
      sections: answered.flatMap((a) => a.retrieval.sections),
      confidence: Math.max(...answered.map((a) => a.retrieval.confidence)),
      sides: answers.map((a) => ({ key: a.key, hits: a.retrieval.hits })),
    };
  }
  return retrieveOne(intent, context);
}

/** Two scopes, or else two plans, named by a question: each is a side of a comparison. */
function comparedSides(intent: QueryIntent, library: PlanLibrary): { key: string; intent: QueryIntent }[] {
  if (!intent.compare) return [];
  if (intent.scopes.length > 1) {
    // Each side is that scope's own: the académie's common units would make both sides alike.
    return intent.scopes.map((key) => ({
      key,
      intent: { ...intent, scopes: [key], compare: false, side: true },
    }));
  }
  if (intent.planIds.length > 1) {
    // One alias may name two plans ("projet académique"): a scope named picks among them.
    // Each plan with the scopes of its own académie only ("le PSA et le projet d'Orléans-Tours").
    return intent.planIds
      .map((id) => library.plan(id))
      .filter((plan) => plan !== undefined)
      .map((plan) => ({
        key: plan.id,
        intent: {
          ...intent,
          planIds: [plan.id],
          scopes: intent.scopes.filter((key) => library.scopes.academieOf(key) === plan.academie),
          compare: false,
        },
      }));
  }
  return [];
}

function retrieveOne(intent: QueryIntent, context: RetrievalContext): Retrieval {
  const { library, index } = context;
  const departements = intent.scopes.filter((key) => library.scopes.get(key)?.kind === 'departement');
  const plans = planFilter(intent, library, intent.scopes);
  const sections = findSections(intent, library, new Set(plans));
  if ((intent.sectionRefs.length || intent.quoted.length) && !sections.length && !intent.concepts.length) {
    return empty(intent, 'unknown_section');
  }
  const filters: Filters = { plans, scopes: new Set(departements), departements, sections };
  let academieFallback: string | null = null;
  if (departements.length && !plans.some((id) => departements.some((key) => library.scopesOf(id).has(key)))) {
    // Plans written for the whole académie (the HR roadmap, Orléans-Tours): what they say is what
    // applies to the département, and the answer says so.
    const academies = departements
      .map((key) => library.scopes.academieOf(key))
      .filter((a): a is string => Boolean(a));
    filters.scopes = new Set(academies);
    academieFallback = academies[0] ?? null;
  } else if (intent.academieLevel && !departements.length) {
    filters.scopes = new Set(
      plans.map((id) => library.plan(id)?.academie).filter((a): a is string => Boolean(a)),
    );
  }
  // A quoted text that names no section still says what the question is about.
  const concepts = expandConcepts(
    [
      ...withPeriod(intent, library, context.timeWords),
      ...(sections.length ? [] : intent.quoted.map(quotedConcept)),
    ],
    index,
  );
  const weighted = weighConcepts(concepts, index);

  if (sections.length) {
    const listed = listSections(intent, weighted, filters, context);
    if (listed) return listed;
  }
  if (!concepts.length) {
    if (!intent.planIds.length && !intent.scopes.length && !sections.length)
      return empty(intent, 'too_broad');
    // "Qu'est-ce qui justifie l'axe « Progresser » ?": the section's own prose answers; but
    // "combien d'axes ?" is answered by the items themselves, counted.
    const countsItems = intent.qtype === 'howmany' && intent.kindWord !== null;
    if ((FACT_TYPES.has(intent.qtype) || intent.prose) && !countsItems) {
      const prose = proseOf(intent, sections, plans, context);
      if (prose) return prose;
    }
    return listScope(intent, filters, context);
  }
  let ranked = rankUnits(intent, weighted, filters, context);
  // A figure about a département is not its académie's figure: no fallback for "how many".
  if (
    departements.length &&
    !academieFallback &&
    !intent.side &&
    intent.qtype !== 'howmany' &&
    (ranked[0]?.coverage ?? 0) < MIN_CONFIDENCE
  ) {
    // Nothing of the département's own: the académie-wide units still apply to it.
    const academies = departements
      .map((key) => library.scopes.academieOf(key))
      .filter((a): a is string => Boolean(a));
    const fallback = rankUnits(intent, weighted, { ...filters, scopes: new Set(academies) }, context);
    // Stepping outside the scope asked needs a surer match.
    if (
      (fallback[0]?.coverage ?? 0) >= MIN_CONFIDENCE_FALLBACK &&
      (fallback[0]?.coverage ?? 0) > (ranked[0]?.coverage ?? 0)
    ) {
      ranked = fallback;
      academieFallback = academies[0] ?? null;
    }
  }
  // A figure about a département is not in a plan written for its whole académie.
  if (academieFallback && intent.qtype === 'howmany') return { ...empty(intent, 'no_match'), sections };
  const best = ranked[0];
  // Within a section the question named, the answer space is small: less of the question will do.
  const bar = sections.length ? MIN_CONFIDENCE_IN_SECTION : MIN_CONFIDENCE;
  if (!best || best.coverage < bar) {
    // "Qui signe l'avant-propos du CASF ?", "how was the plan drawn up?": the words miss, but
    // the question is about the plan's (or section's) own prose, which is known.
    const aboutTheText =
      intent.prose || (FACT_TYPES.has(intent.qtype) && !concepts.some((c) => c.known === 'plans'));
    const prose = aboutTheText ? proseOf(intent, sections, plans, context) : null;
    // The theme is there, the fact asked is not: say so rather than "nothing answers".
    const themeOnly = ranked.find((item) => item.lacksFact && item.coverage >= bar * NO_NUMBER);
    if (prose) return prose;
    if (!themeOnly) return { ...empty(intent, 'no_match'), sections, confidence: best?.coverage ?? 0 };
    const stems = stemsOf(themeOnly.unit);
    const found = weighted
      .filter(({ concept }) => conceptMatch(concept, stems) > 0)
      .map((w) => w.concept.label);
    return { ...empty(intent, 'no_fact'), sections, confidence: best?.coverage ?? 0, themeFound: found };
  }
  const chosen = selectAnswer(ranked, intent);
  const sentence = leadSentence(intent, weighted, unitText(library, best.unit.ref, best.unit.kind));
  return {
    ...(sentence ? { lead: { ref: best.unit.ref, sentence } } : {}),
    status: 'answered',
    hits: completeSections(chosen.map(toHit), weighted, library),
    kinds: [...new Set(chosen.map((s) => s.unit.kind).filter((k): k is AnswerKind => k !== 'passage'))],
    academieFallback,
    truncated: 0,
    sections,
    confidence: best.coverage,
  };
}

/** A section whose own title expresses this much of the question is about it as a whole. */
const SECTION_ABOUT = 0.6;
const MAX_COMPLETED = 16;
/** …or when most of its items answer on their own. */
const SECTION_MAJORITY = 0.5;

/**
 * Items of a section about the question come together: "les indicateurs de la mobilité
 * internationale" are all those of « Favoriser la mobilité des élèves », though "nombre de projets
 * eTwinning" names no mobility. Only for sections whose own title expresses the question, or most of
 * whose items answer already.
 */
function completeSections(hits: Hit[], weighted: WeightedConcept[], library: PlanLibrary): Hit[] {
  const out = [...hits];
  const have = new Set(hits.map((hit) => hit.ref));
  const seen = new Set<string>();
  for (const hit of hits) {
    if (hit.kind !== 'action' && hit.kind !== 'indicator') continue;
    const parent = library.node(library.node(hit.ref)?.parentId ?? '');
    if (!parent || parent.kind === 'plan' || seen.has(`${parent.id}|${hit.kind}`)) continue;
    seen.add(`${parent.id}|${hit.kind}`);
    const title = contentStems(sectionTitle(parent));
    const items = library
      .children(parent.id)
      .filter((node) => node.kind === 'action' || node.kind === 'indicator');
    const answered = items.filter((node) => have.has(node.id)).length;
    const mostly = answered >= 2 && answered >= items.length * SECTION_MAJORITY;
    if (!mostly && coverage(weighted, stemsOf({ ...EMPTY_UNIT, own: title })) < SECTION_ABOUT) continue;
    for (const sibling of library.children(parent.id, hit.kind)) {
      if (have.has(sibling.id) || out.length >= MAX_COMPLETED) continue;
      have.add(sibling.id);
      out.push({ ...hit, ref: sibling.id, coverage: hit.coverage, reason: 'structure' });
    }
  }
  return out;
}

const EMPTY_UNIT = { ref: '', planId: '', kind: 'passage' as const, scope: '', own: [], context: [] };

function unitText(library: PlanLibrary, ref: string, kind: UnitKind): string {
  return (kind === 'passage' ? library.passage(ref)?.text : library.node(ref)?.text) ?? '';
}

function toHit(scored: Scored): Hit {
  const { unit } = scored;
  return {
    ref: unit.ref,
    planId: unit.planId,
    kind: unit.kind,
    scope: unit.scope,
    coverage: scored.coverage,
    reason: 'ranked',
  };
}

const FACT_TYPES = new Set(['who', 'when', 'date', 'howmany', 'why', 'how']);
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

/** A line of capitals ("CONTEXTE RÉGLEMENTAIRE") opens a new part of a plan. */
function isHeading(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase();
}

/**
 * The prose a question points at without a theme to rank it by: the opening passages of the
 * sections it names, else of the one plan it names (its preamble).
 */
function proseOf(
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
  for (const owner of owners) passages.push(...openingProse(library.passagesOf(owner), intent.proseWord));
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

const LEVELS: AnswerKind[] = ['axis', 'objective', 'action', 'indicator'];

/** "Quelles actions dans le Cantal ?": the items of the kind asked in what the question names. */
function listScope(intent: QueryIntent, filters: Filters, context: RetrievalContext): Retrieval {
  const { library } = context;
  let kinds: AnswerKind[] = intent.kinds.length ? intent.kinds : ['objective', 'action'];
  const scopes = filters.scopes;
  const all = filters.plans
    .flatMap((id) => library.descendants(id))
    .filter((node) => !scopes.size || scopes.has(node.scope));
  // "Les quatre objectifs du projet": the level that has as many items as the asker counts.
  if (intent.count && kinds.length === 1) {
    const sized = LEVELS.find((kind) => all.filter((node) => node.kind === kind).length === intent.count);
    if (sized && all.filter((node) => node.kind === kinds[0]).length !== intent.count) kinds = [sized];
  }
  const nodes = all.filter((node) => (kinds as string[]).includes(node.kind));
  if (!nodes.length) return empty(intent, 'empty_scope');
  const hits = nodes.map(
    (node): Hit => ({
      ref: node.id,
      planId: node.planId,
      kind: node.kind as UnitKind,
      scope: node.scope,
      coverage: 1,
      reason: 'list',
    }),
  );
  return {
    status: 'answered',
    hits: hits.slice(0, MAX_LISTED),
    kinds,
    academieFallback: null,
    truncated: Math.max(0, hits.length - MAX_LISTED),
    sections: filters.sections,
    confidence: 1,
  };
}

/**
 * "Le projet court jusqu'à quand ?", "sur combien d'années ?": a question on the time span of the
 * one plan it names, with hardly a theme of its own, is answered where the plan states its years.
 */
function withPeriod(intent: QueryIntent, library: PlanLibrary, timeWords: ReadonlySet<string>): Concept[] {
  const concepts = intent.concepts;
  if ((!asksTime(intent.qtype) && intent.qtype !== 'howmany') || intent.planIds.length !== 1) return concepts;
  // Time words ("années", "durée") are what the period answers, not a theme of their own.
  const isTime = (c: Concept) => c.phrases.every((p) => p.stems.every((stem) => timeWords.has(stem)));
  const themes = concepts.filter((c) => !isTime(c));
  // A date is asked of the plan itself only when nothing else is named ("la date de la réunion").
  const themeAllowed = intent.qtype === 'date' ? 0 : 1;
  if (themes.filter((concept) => concept.known === 'plans').length > themeAllowed) return concepts;
  const years = (library.plan(intent.planIds[0] as string)?.period ?? '').match(/20\d\d/gu) ?? [];
  if (!years.length) return concepts;
  const time = concepts.filter(isTime);
  // "Combien d'années ?" counts time; "à quel âge ?" counts something else.
  if (intent.qtype === 'howmany' && !time.length) return concepts;
  const phrases = [...years.map((year) => phraseOf(year, 'question')), ...time.flatMap((c) => c.phrases)];
  const period: Concept = { label: years.join('-'), phrases, group: null, known: 'plans', emphasis: 1 };
  return [...themes, period];
}

function quotedConcept(text: string): Concept {
  return { label: text, phrases: [phraseOf(text, 'question')], group: null, known: 'plans', emphasis: 1 };
}

export function empty(intent: QueryIntent, reason: Retrieval['reason']): Retrieval {
  return {
    status: 'not_found',
    hits: [],
    kinds: intent.kinds,
    academieFallback: null,
    truncated: 0,
    reason,
    sections: [],
    confidence: 0,
  };
}
