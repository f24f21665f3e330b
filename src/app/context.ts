import type { DeadlineRepository } from '../core/deadlines/ports.ts';
import { createDeadlineRoutes, type DeadlineRoutes } from '../core/deadlines/routes.ts';
import type { DeadlineContext } from '../core/deadlines/service.ts';
import { useLanguageHints } from '../core/kernel/language.ts';
import type { MeasurementDeps } from '../core/measurements/deps.ts';
import { IndicatorCatalog } from '../core/measurements/indicators.ts';
import type { MeasurementRepository } from '../core/measurements/ports.ts';
import { createMeasurementRoutes, type MeasurementRoutes } from '../core/measurements/routes.ts';
import { academieScopes, academieShelf } from '../core/plans/academie.ts';
import { PlanLibrary } from '../core/plans/library.ts';
import type { ScopeRegistry } from '../core/plans/scopes.ts';
import { Answerer } from '../core/query/answerer.ts';
import type { IntentReader } from '../core/query/hints.ts';
import { foreignScopeForms } from '../core/query/reader/places.ts';
import type { AnswerWriter } from '../core/query/writer.ts';
import { rememberStems } from '../core/text/stem.ts';
import { loadDeadlineDefaults } from '../data/deadlines.ts';
import { loadScopes } from '../data/plans.ts';
import { createWordBook } from '../data/word-book.ts';
import { loadIndicatorUnitWords, loadPlaceForms, loadQuestionWords } from '../data/word-lists.ts';
import { createLlmClient, type LlmClient } from '../llm/client.ts';
import { createMeasurementExtractor } from '../llm/extract.ts';
import { createIntentReader } from '../llm/intent.ts';
import { loadPrompts } from '../llm/prompts.ts';
import { createAnswerWriter } from '../llm/writer.ts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/log.ts';
import { type Db, openDatabase } from '../store/db.ts';
import { ingestPlans, listReferencedNodeIds, needsSeeding } from '../store/ingest.ts';
import { createPlanShelf, listWordStems } from '../store/plan-store.ts';
import { createGlossaryStore, createLexiconStore, ensureQueryData } from '../store/query-data.ts';
import { createUnitIndex } from '../store/unit-store.ts';
import { type SharedStores, sqliteStores } from './stores.ts';
import { academieStores } from './tenancy/stores.ts';
import { plansOnly, sharedSearchIndex } from './unit-index.ts';

/** What every entry point (CLI command, chat adapters, scheduler) shares. */
export interface AppContext {
  config: Config;
  /** The plans (and, on the default engine, everything else): this process's SQLite file. */
  db: Db;
  /** What replicas share: the SQLite file above, or PostgreSQL (BOUSSOLE_DATABASE_URL). */
  stores: SharedStores;
  log: Logger;
  /** The plans in memory; built on first use. */
  library(): PlanLibrary;
  /** The offline answerer over the library; built on first use. */
  answerer(): Answerer;
  /** The LLM answer writer when OPENAI_API_KEY is set, else undefined (offline answers). */
  writer(): AnswerWriter | undefined;
  /** The LLM's reading of questions when OPENAI_API_KEY is set, else undefined (offline reading). */
  intentReader(): IntentReader | undefined;
  /** Measurements: store, indicator catalog and the router's measurement routes; built on first use. */
  measurements(): {
    repo: MeasurementRepository;
    catalog: IndicatorCatalog;
    deps: MeasurementDeps;
    routes: MeasurementRoutes;
  };
  /** Deadlines: store, validation context (with the defaults of data/deadlines.json) and routes. */
  deadlines(): { repo: DeadlineRepository; context: DeadlineContext; routes: DeadlineRoutes };
  /** Node ids that measurements or deadlines point at (kept in view when re-ingesting). */
  referencedIds(db: Db): Set<string>;
  /**
   * One académie's view (BOUSSOLE_TENANTS): its plans and scopes, and the measurements, targets,
   * rights and deadlines of its scopes only. Built once per académie; a view's view is itself.
   */
  forAcademie(academie: string): AppContext;
  /** Drops the in-memory plans after an ingest. */
  reloadLibrary(): void;
  close(): void;
}

/**
 * Opens the database (creating and migrating it) and seeds it with the shipped plans when they
 * are missing or outdated, so a fresh machine needs no setup step. `serving`: the long-running
 * assistant, which waits less for a locked database (BOUSSOLE_BUSY_TIMEOUT_MS).
 */
export function openContext(
  config: Config,
  log: Logger,
  options: { seed?: boolean; serving?: boolean; stores?: SharedStores } = {},
): AppContext {
  const db = openDatabase(
    config.dbFile,
    options.serving ? { busyTimeoutMs: config.busyTimeoutMs, serving: true } : {},
  );
  if (options.seed !== false && needsSeeding(db, config.dataDir)) {
    const reports = ingestPlans(db, config.dataDir);
    log.info({ plans: reports.map((r) => r.planId) }, 'shipped plans ingested');
  }
  let words: ReturnType<typeof loadQuestionWords> | null = null;
  // Every reply's language is read with these words: loaded with the context, before any message.
  const questionWords = () => {
    words ??= loadQuestionWords(config.dataDir);
    return words;
  };
  useLanguageHints(questionWords().language);
  // One client, so answers and measurement extraction share the circuit breaker.
  let llmClient: LlmClient | null | undefined;
  const sharedLlm = () => {
    if (llmClient === undefined) llmClient = createLlmClient(config, log);
    return llmClient;
  };
  const stores = options.stores ?? sqliteStores(db, config);
  return buildContext({ config, db, stores, log, questionWords, sharedLlm }, null);
}

/** What every view of one process shares: the database, the stores, the words, the LLM client. */
interface ContextParts {
  config: Config;
  db: Db;
  stores: SharedStores;
  log: Logger;
  questionWords: () => ReturnType<typeof loadQuestionWords>;
  sharedLlm: () => LlmClient | null;
}

/**
 * The process's context (`academie` null: every plan and every scope) or one académie's view of it
 * (BOUSSOLE_TENANTS): its plans, its scopes, and its measurements, targets, rights and deadlines
 * only, through the same code.
 */
function buildContext(parts: ContextParts, academie: string | null): AppContext {
  const { config, db, log, questionWords, sharedLlm } = parts;
  let scopeRegistry: ScopeRegistry | null = null;
  // Every scope, an académie's view included: its stores tell its départements from another's.
  const scopes = () => {
    scopeRegistry ??= loadScopes(config.dataDir);
    return scopeRegistry;
  };
  const stores = academie ? academieStores(parts.stores, academie, scopes) : parts.stores;
  const views = new Map<string, AppContext>();
  let library: PlanLibrary | null = null;
  let answerer: Answerer | null = null;
  let writer: AnswerWriter | undefined | null = null;
  let intentReader: IntentReader | undefined | null = null;
  let catalog: IndicatorCatalog | null = null;
  let measurements: ReturnType<AppContext['measurements']> | null = null;
  let deadlines: ReturnType<AppContext['deadlines']> | null = null;
  return {
    config,
    db,
    stores,
    log,
    library() {
      if (!library) {
        const shelf = createPlanShelf(db);
        library = academie
          ? new PlanLibrary(academieShelf(shelf, academie), academieScopes(scopes(), academie))
          : new PlanLibrary(shelf, scopes());
      }
      return library;
    },
    answerer() {
      if (!answerer) {
        ensureQueryData(db, config.dataDir);
        rememberStems(listWordStems(db));
        const index = stores.unitSearch
          ? sharedSearchIndex(createUnitIndex(db), stores.unitSearch(db), log)
          : createUnitIndex(db);
        answerer = new Answerer({
          library: this.library(),
          // An académie's view searches its own plans only, whatever the question names.
          index: academie
            ? plansOnly(
                index,
                this.library().plans.map((plan) => plan.id),
              )
            : index,
          glossary: createGlossaryStore(db),
          lexicon: createLexiconStore(db),
          words: questionWords(),
          places: academie
            ? [
                ...loadPlaceForms(config.dataDir),
                ...foreignScopeForms(
                  scopes().all.filter((scope) => scopes().academieOf(scope.key) !== academie),
                ),
              ]
            : loadPlaceForms(config.dataDir),
          dictionary: createWordBook(),
        });
      }
      return answerer;
    },
    intentReader() {
      if (intentReader === null) {
        const llm = sharedLlm();
        intentReader = llm
          ? createIntentReader(llm, loadPrompts(config.promptsDir), (error) =>
              log.warn({ err: error }, 'question reading by the LLM failed'),
            )
          : undefined;
      }
      return intentReader;
    },
    writer() {
      if (writer === null) {
        const llm = sharedLlm();
        writer = llm
          ? createAnswerWriter(llm, loadPrompts(config.promptsDir), {
              maxPromptChars: config.llm.maxPromptChars,
              maxOutputTokens: config.llm.maxOutputTokens,
            })
          : undefined;
      }
      return writer;
    },
    measurements() {
      if (!measurements) {
        const repo = stores.measurements;
        const deps: MeasurementDeps = {
          repo,
          library: () => this.library(),
          catalog: () => {
            if (!catalog)
              catalog = new IndicatorCatalog(
                this.library(),
                this.answerer(),
                loadIndicatorUnitWords(config.dataDir),
              );
            return catalog;
          },
          admins: config.admins,
          now: () => new Date(),
          // The renderer loads a native module and fonts: only when a chart is asked for.
          renderChart: async (spec) => (await import('../render/chart.ts')).renderTrendChart(spec),
          renderTable: async (format, table) =>
            format === 'csv'
              ? Buffer.from((await import('../render/csv.ts')).writeCsv(table.header, table.rows), 'utf8')
              : (await import('../render/xlsx.ts')).writeXlsx(table),
          // Refusals are expected outcomes, kept in the audit log: info, not warnings.
          log: (event, data) => log.info(data, event),
        };
        const llm = sharedLlm();
        if (llm) {
          deps.extractor = createMeasurementExtractor(llm, loadPrompts(config.promptsDir), (error) =>
            log.warn({ err: error }, 'measurement extraction failed'),
          );
        }
        measurements = { repo, catalog: deps.catalog(), deps, routes: createMeasurementRoutes(deps) };
      }
      return measurements;
    },
    deadlines() {
      if (!deadlines) {
        const repo = stores.deadlines;
        const self = this;
        const context: DeadlineContext = {
          repo,
          get catalog() {
            return self.measurements().deps.catalog();
          },
          get scopes() {
            return self.library().scopes;
          },
          defaults: loadDeadlineDefaults(config.dataDir),
        };
        const routes = createDeadlineRoutes({
          context: () => context,
          measurements: this.measurements().repo,
          catalog: () => this.measurements().deps.catalog(),
          admins: config.admins,
          now: () => new Date(),
        });
        deadlines = { repo, context, routes };
      }
      return deadlines;
    },
    referencedIds: listReferencedNodeIds,
    forAcademie(key) {
      if (academie) return this;
      let view = views.get(key);
      if (!view) {
        view = buildContext(parts, key);
        views.set(key, view);
      }
      return view;
    },
    reloadLibrary() {
      views.clear();
      library = null;
      answerer = null;
      catalog = null;
      measurements = null;
      deadlines = null;
    },
    close() {
      // A view shares the process's database and stores: the process closes them.
      if (academie) return;
      if (db.open) db.close();
      // A pool's connections close in the background: the process can exit once they have.
      void stores.close();
    },
  };
}
