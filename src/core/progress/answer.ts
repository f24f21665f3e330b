import { schoolYear } from '../deadlines/calendar.ts';
import type { Deadline } from '../deadlines/types.ts';
import { type Messages, messages } from '../kernel/messages/index.ts';
import type { Actor, Lang, Reply } from '../kernel/types.ts';
import type { MeasurementDeps } from '../measurements/deps.ts';
import { isFuturePeriod } from '../measurements/evaluate.ts';
import type { IndicatorInfo } from '../measurements/indicators.ts';
import type { RoleGrant } from '../measurements/rights.ts';
import { currentValues } from '../measurements/views.ts';
import type { PlanLibrary } from '../plans/library.ts';
import type { Scope } from '../plans/scopes.ts';
import type { PlanNode } from '../plans/types.ts';
import type { Answerer } from '../query/answerer.ts';
import type { QueryIntent } from '../query/intent.ts';
import type { AnswerInput } from './answer-input.ts';
import { type ProgressAsk, readProgressAsk } from './ask.ts';
import { composeLate, composeMissing } from './compose-lists.ts';
import { composeStatus } from './compose-status.ts';
import { type ProgressData, trackedScopes } from './facts.ts';
import { createWriter } from './lines.ts';
import { MAX_INDICATORS, type Pick, selectIndicators, themeConcepts } from './select.ts';
import type { ProgressWords } from './words.ts';

/** What progress answers read: the measurements, the deadlines, the question reader and the phrases. */
export interface ProgressDeps {
  measurements: MeasurementDeps;
  deadlines(): Promise<Deadline[]>;
  answerer(): Answerer;
  words: ProgressWords;
}

/**
 * A progress answer, or `plans` when no indicator measures the theme: the plans' answer to the
 * theme (`intent`, without the progress words) then comes with the notice that says so, unless
 * the plans have nothing either and `otherwise` names the indicators other académies have.
 */
export type ProgressOutcome =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'plans'; notice: string; intent: QueryIntent; otherwise?: Reply };

export interface ProgressAnswers {
  /** The progress phrase and periods of a message, or of `previous` for a follow-up of one. */
  read(text: string, previous?: string): ProgressAsk | undefined;
  /** Answers a progress question from its intent (read by the plans' question reader). */
  answer(intent: QueryIntent, ask: ProgressAsk, actor: Actor): Promise<ProgressOutcome>;
}

/** Indicators listed when the question names no theme ("Où en est le Cantal ?"). */
const MAX_TRACKED = 8;
/** A département's plan item must express this much of the theme to be shown beside the values. */
const MIN_ITEM_COVERAGE = 0.7;

/**
 * "Où en est-on ?": the recorded values, targets and deadlines of the indicators a question
 * selects, joined with the plan items they measure. Reads everything, writes nothing: everyone
 * may ask.
 */
export function createProgressAnswers(deps: ProgressDeps): ProgressAnswers {
  return {
    read(text, previous) {
      const periods = deps.measurements.library().plans.map((plan) => plan.period);
      return readProgressAsk(text, deps.words, periods, previous);
    },
    async answer(intent, ask, actor) {
      const library = deps.measurements.library();
      const lang = intent.lang;
      const t = messages(lang).progress;
      const now = deps.measurements.now();
      const today = now.toISOString().slice(0, 10);
      const refused = checkQuestion(intent, ask, library, t, now);
      if (refused) return { kind: 'reply', reply: refused };
      const repo = deps.measurements.repo;
      const data: ProgressData = {
        values: currentValues(await repo.list()),
        targets: await repo.targets(),
        deadlines: await deps.deadlines(),
        today,
      };
      const catalog = deps.measurements.catalog();
      const selection = selectIndicators(intent, ask.words, { library, catalog, data });
      if (selection.kind === 'unknown_section') return reply(lang, 'not_found', [t.unknownSection]);
      if (selection.kind === 'no_indicator') {
        const where = t.forPlaces(placesOf(intent.scopes, library));
        const themeOnly = { ...intent, concepts: themeConcepts(intent, ask.words) };
        return {
          kind: 'plans',
          notice: t.planFallback(selection.theme, where),
          intent: themeOnly,
          ...(selection.elsewhere.length
            ? { otherwise: composeElsewhere(library, lang, selection.theme, where, selection.elsewhere) }
            : {}),
        };
      }
      // Where things stand goes through each indicator; the lists of what is late or missing
      // count what they leave out themselves.
      const limit =
        ask.mode !== 'status' ? Number.POSITIVE_INFINITY : selection.byTheme ? MAX_INDICATORS : MAX_TRACKED;
      const picks = selection.picks.slice(0, limit);
      const inScope = catalog.all.filter(
        (i) => i.current && (!intent.scopes.length || intent.scopes.some((s) => catalog.accepts(i, s))),
      );
      const untracked = inScope.filter((i) => !trackedScopes(i, data).length).length;
      if (!picks.length) {
        const where = t.forPlaces(placesOf(intent.scopes, library));
        return reply(lang, 'answered', [t.nothingTracked(where, t.indicatorCount(inScope.length))]);
      }
      const grants = await repo.grants();
      // Only the status reply shows the département's own plan items (compose-status.ts).
      const items = ask.mode === 'status' ? await planItems(deps, intent, ask, selection.byTheme) : [];
      const input = buildInput({
        deps,
        intent,
        ask,
        actor,
        picks,
        data,
        selection,
        untracked,
        grants,
        items,
      });
      const composed =
        ask.mode === 'late'
          ? composeLate(input)
          : ask.mode === 'missing'
            ? composeMissing(input)
            : composeStatus(input);
      const more = selection.picks.length - picks.length;
      return {
        kind: 'reply',
        reply: more > 0 ? { ...composed, text: `${composed.text}\n\n${t.more(more)}` } : composed,
      };
    },
  };
}

/** No indicator for the theme where asked, but other académies have some: which, and where. */
function composeElsewhere(
  library: PlanLibrary,
  lang: Lang,
  theme: string,
  where: string,
  elsewhere: IndicatorInfo[],
): Reply {
  const w = createWriter(library, lang);
  const t = w.t;
  const lines = [
    t.noIndicator(theme, where),
    '',
    t.elsewhere,
    ...elsewhere.map((indicator) => {
      const academie = library.scopes.get(indicator.academie);
      return `• 📊 ${indicator.node.text} ${w.sources.cite(indicator.node)}${academie ? ` — ${academie.name}` : ''}`;
    }),
    '',
    t.rephrase,
  ];
  return { ...reply(lang, 'not_found', lines).reply, citations: w.sources.list };
}

/** A place Boussole does not follow, or something that is no period: said, with how to fix it. */
function checkQuestion(
  intent: QueryIntent,
  ask: ProgressAsk,
  library: PlanLibrary,
  t: Messages['progress'],
  now: Date,
): Reply | undefined {
  const lang = intent.lang;
  if (intent.unknownPlaces.length && !intent.scopes.length) {
    const places = intent.unknownPlaces.map(messages(lang).format.quote).join(', ');
    return reply(lang, 'not_found', [t.unknownPlace(places, followedScopes(library))]).reply;
  }
  if (ask.badPeriod) return reply(lang, 'invalid', [t.badPeriod(ask.badPeriod)]).reply;
  const future = ask.periods.find((period) => isFuturePeriod(period, now));
  if (future)
    return reply(lang, 'invalid', [t.futurePeriod(future, schoolYear(now.toISOString().slice(0, 10)))]).reply;
  return undefined;
}

function buildInput(args: {
  deps: ProgressDeps;
  intent: QueryIntent;
  ask: ProgressAsk;
  actor: Actor;
  picks: Pick[];
  data: ProgressData;
  selection: { byTheme: boolean; theme: string };
  untracked: number;
  grants: RoleGrant[];
  items: PlanNode[];
}): AnswerInput {
  const { deps, intent, ask, picks, selection } = args;
  const library = deps.measurements.library();
  const w = createWriter(library, intent.lang);
  const scopeNames = intent.scopes.map((key) => library.scopes.displayName(key));
  const about = (periods: boolean) =>
    [
      selection.theme,
      scopeNames.join(` ${w.t.and} `),
      periods ? ask.periods.join(` ${w.t.and} `) : '',
    ].filter(Boolean);
  const onTheme = selection.theme ? w.t.onTheme(selection.theme) : '';
  return {
    w,
    picks,
    data: args.data,
    ask,
    byTheme: selection.byTheme,
    actor: args.actor,
    rights: { grants: args.grants, admins: deps.measurements.admins },
    where: `${onTheme}${scopeNames.length ? ` — ${scopeNames.join(', ')}` : ''}`,
    compareScopes: intent.scopes.length > 1,
    scopesShown: Math.max(...picks.map((pick) => pick.scopes.length)),
    untracked: args.untracked,
    header: (title, periods = true) =>
      [`**${title}**`, about(periods).join(' · ')].filter(Boolean).join(' — '),
    reply: (lines, buttons) => ({
      status: 'answered',
      lang: intent.lang,
      text: tidy(lines),
      citations: w.sources.list,
      ...(buttons.length ? { buttons } : {}),
    }),
    planItems: args.items,
  };
}

/** The département's own items on the theme, as the plans' answer ranks them. */
async function planItems(
  deps: ProgressDeps,
  intent: QueryIntent,
  ask: ProgressAsk,
  byTheme: boolean,
): Promise<PlanNode[]> {
  const library = deps.measurements.library();
  const [scope, ...others] = intent.scopes;
  if (!byTheme || !scope || others.length || library.scopes.get(scope)?.kind !== 'departement') return [];
  const concepts = themeConcepts(intent, ask.words);
  const { retrieval } = await deps
    .answerer()
    .answerIntent({ ...intent, concepts, kinds: [], compare: false });
  return retrieval.hits
    .filter((hit) => (hit.kind === 'objective' || hit.kind === 'action') && hit.scope === scope)
    .filter((hit) => hit.coverage >= MIN_ITEM_COVERAGE)
    .slice(0, 2)
    .map((hit) => library.node(hit.ref))
    .filter((node): node is PlanNode => Boolean(node));
}

function reply(lang: Lang, status: Reply['status'], lines: string[]): { kind: 'reply'; reply: Reply } {
  return { kind: 'reply', reply: { status, lang, text: tidy(lines), citations: [] } };
}

/** Lines joined, with no run of blank lines and none at the end. */
function tidy(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

function placesOf(scopes: string[], library: PlanLibrary): Scope[] {
  return scopes.map((key) => library.scopes.get(key)).filter((scope) => scope !== undefined);
}

/** "Clermont-Ferrand (Allier, Cantal, Haute-Loire, Puy-de-Dôme), Orléans-Tours (…)". */
function followedScopes(library: PlanLibrary): string {
  const registry = library.scopes;
  return registry.all
    .filter((scope) => scope.kind === 'academie')
    .map((academie) => {
      const departements = registry.all.filter((scope) => scope.academie === academie.key);
      return departements.length
        ? `${academie.shortName} (${departements.map((d) => d.shortName).join(', ')})`
        : academie.shortName;
    })
    .join(', ');
}
