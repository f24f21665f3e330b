import type { PlanLibrary } from '../../plans/library.ts';
import type { AnswerKind, Concept, QueryIntent } from '../intent.ts';
import { phraseOf } from '../reader/concepts.ts';
import { asksTime } from '../words.ts';
import { expandConcepts } from './expand.ts';
import { type Filters, findSections, planFilter } from './filters.ts';
import { leadSentence } from './lead.ts';
import { completeSections, listScope, structureAsked } from './listing.ts';
import { joinParts } from './parts.ts';
import { proseOf } from './prose.ts';
import { NO_NUMBER, rankUnits, type Scored, selectAnswer } from './ranking.ts';
import {
  empty,
  FACT_TYPES,
  type Hit,
  MIN_CONFIDENCE,
  MIN_CONFIDENCE_IN_SECTION,
  type Retrieval,
  type RetrievalContext,
} from './retrieval.ts';
import { conceptMatch, stemsOfIndexed, weighConcepts } from './score.ts';
import { listSections } from './structure.ts';
import type { UnitKind } from './units.ts';

/** For the académie's units answering a département's question. */
const MIN_CONFIDENCE_FALLBACK = 0.65;

/**
 * Answers an intent from the plans: scope, plan, section and kind select; concepts rank. A
 * comparison is answered side by side, each side with its own scope or plan.
 */
export async function retrieve(intent: QueryIntent, context: RetrievalContext): Promise<Retrieval> {
  const { library } = context;
  if (intent.unknownPlaces.length && !intent.scopes.length) return empty(intent, 'unknown_place');
  if (intent.parts && intent.parts.length > 1) {
    const joined = joinParts(await Promise.all(intent.parts.map((part) => retrieve(part, context))));
    // No clause answers on its own: the question read whole may still.
    if (joined) return joined;
  }
  const sides = comparedSides(intent, library);
  if (sides.length > 1) {
    let answers = await Promise.all(
      sides.map(async (side) => ({ key: side.key, retrieval: await retrieveOne(side.intent, context) })),
    );
    // Once one side answers, the theme is established: the other side needs less of the question
    // (the HR roadmap's "charte de la déconnexion" against Orléans-Tours' "usages numériques").
    if (answers.some((a) => a.retrieval.status === 'answered')) {
      answers = await Promise.all(
        answers.map(async (a, i) =>
          a.retrieval.status === 'answered'
            ? a
            : {
                key: a.key,
                retrieval: await retrieveOne((sides[i] as (typeof sides)[number]).intent, context, true),
              },
        ),
      );
    }
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

/** `relaxed`: the other side of a comparison answered; this one needs less of the question. */
async function retrieveOne(
  intent: QueryIntent,
  context: RetrievalContext,
  relaxed = false,
): Promise<Retrieval> {
  const { library, index } = context;
  const departements = intent.scopes.filter((key) => library.scopes.get(key)?.kind === 'departement');
  const plans = planFilter(intent, library, intent.scopes);
  const sections = findSections(intent, library, new Set(plans));
  // A numbered section that does not exist ("axe 7") leaves nothing to search; a quoted text that
  // names no section is searched as words below ("what is 'stopdiscri'?").
  if (intent.sectionRefs.length && !sections.length && !intent.concepts.length && !intent.quoted.length) {
    return empty(intent, 'unknown_section');
  }
  const filters: Filters = { plans, scopes: new Set(departements), departements, sections };
  let academieFallback: string | null = null;
  let fallbackKind: AnswerKind | undefined;
  if (departements.length && !plans.some((id) => departements.some((key) => library.scopesOf(id).has(key)))) {
    // Plans written for the whole académie (the HR roadmap, Orléans-Tours): what they say is what
    // applies to the département, and the answer says so.
    const academies = departements
      .map((key) => library.scopes.academieOf(key))
      .filter((a): a is string => Boolean(a));
    filters.scopes = new Set(academies);
    academieFallback = academies[0] ?? null;
    // "Que prévoit-il spécifiquement pour le Loir-et-Cher ?": the académie's plan is not specific.
    if (intent.specific) return { ...empty(intent, 'not_specific'), sections };
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
  let ranked = await rankUnits(intent, weighted, filters, context);
  // "Les grands axes du PSA", asked among other words (a newsletter to write, a visitor's question).
  if (structureAsked(intent, sections, ranked)) return listScope(intent, filters, context);
  // "Quels indicateurs pour la lecture en Haute-Loire ?": the kind asked by name, none of it for
  // the département on the theme; its académie's may exist (the CASF's indicators are académie-wide).
  const asked = intent.kindWord ? (intent.kinds as string[]) : [];
  const lacksKind = (list: Scored[]) =>
    asked.length > 0 &&
    !list.some((item) => asked.includes(item.unit.kind) && item.coverage >= MIN_CONFIDENCE);
  // A figure about a département is not its académie's figure: no fallback for "how many".
  if (
    departements.length &&
    !academieFallback &&
    !intent.side &&
    intent.qtype !== 'howmany' &&
    ((ranked[0]?.coverage ?? 0) < MIN_CONFIDENCE || lacksKind(ranked))
  ) {
    // Nothing of the département's own: the académie-wide units still apply to it.
    const academies = departements
      .map((key) => library.scopes.academieOf(key))
      .filter((a): a is string => Boolean(a));
    const fallback = await rankUnits(intent, weighted, { ...filters, scopes: new Set(academies) }, context);
    // Stepping outside the scope asked needs a surer match.
    const surer = (fallback[0]?.coverage ?? 0) > (ranked[0]?.coverage ?? 0);
    const ofTheKind = lacksKind(ranked) && !lacksKind(fallback);
    if ((fallback[0]?.coverage ?? 0) >= MIN_CONFIDENCE_FALLBACK && (surer || ofTheKind)) {
      // The département does speak of the theme when its own best match was sure enough.
      if (ofTheKind && (ranked[0]?.coverage ?? 0) >= MIN_CONFIDENCE) fallbackKind = intent.kinds[0];
      ranked = fallback;
      academieFallback = academies[0] ?? null;
    }
  }
  // A figure about a département is not in a plan written for its whole académie.
  if (academieFallback && intent.qtype === 'howmany') return { ...empty(intent, 'no_match'), sections };
  const best = ranked[0];
  // Within a section the question named, the answer space is small: less of the question will do.
  const bar = sections.length || relaxed ? MIN_CONFIDENCE_IN_SECTION : MIN_CONFIDENCE;
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
    const stems = stemsOfIndexed(themeOnly.unit);
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
    ...(fallbackKind ? { fallbackKind } : {}),
    truncated: 0,
    sections,
    confidence: best.coverage,
  };
}

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

/**
 * "Le projet court jusqu'à quand ?", "sur combien d'années ?": a question on the time span of the
 * one plan it names, with hardly a theme of its own, is answered where the plan states its years.
 */
function withPeriod(intent: QueryIntent, library: PlanLibrary, timeWords: ReadonlySet<string>): Concept[] {
  const concepts = intent.concepts;
  if ((!asksTime(intent.qtype) && intent.qtype !== 'howmany') || intent.planIds.length !== 1) return concepts;
  // Time words ("années", "durée") are what the period answers, not a theme of their own.
  const isTime = (c: Concept) => c.phrases.every((p) => p.stems.every((stem) => timeWords.has(stem)));
  // Words of a clause that only sets the scene ("pour préparer le comité de pilotage :") are no
  // theme, and the plan's span does not speak of them.
  const themes = concepts.filter((c) => !isTime(c) && c.emphasis === 1);
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
