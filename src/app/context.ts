import type { DeadlineRepository } from '../core/deadlines/ports.ts';
import { createDeadlineRoutes, type DeadlineRoutes } from '../core/deadlines/routes.ts';
import type { DeadlineContext } from '../core/deadlines/service.ts';
import { useLanguageHints } from '../core/kernel/language.ts';
import type { MeasurementDeps } from '../core/measurements/deps.ts';
import { IndicatorCatalog } from '../core/measurements/indicators.ts';
import type { MeasurementRepository } from '../core/measurements/ports.ts';
import { createMeasurementRoutes, type MeasurementRoutes } from '../core/measurements/routes.ts';
import { PlanLibrary } from '../core/plans/library.ts';
import { Answerer } from '../core/query/answerer.ts';
import type { IntentReader } from '../core/query/hints.ts';
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
import { sharedSearchIndex } from './unit-index.ts';

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
  let library: PlanLibrary | null = null;
  let answerer: Answerer | null = null;
  let writer: AnswerWriter | undefined | null = null;
  let intentReader: IntentReader | undefined | null = null;
  let catalog: IndicatorCatalog | null = null;
  // One client, so answers and measurement extraction share the circuit breaker.
  let llmClient: LlmClient | null | undefined;
  const sharedLlm = () => {
    if (llmClient === undefined) llmClient = createLlmClient(config, log);
    return llmClient;
  };
  let measurements: ReturnType<AppContext['measurements']> | null = null;
  let deadlines: ReturnType<AppContext['deadlines']> | null = null;
  const stores = options.stores ?? sqliteStores(db, config);
  return {
    config,
    db,
    stores,
    log,
    library() {
      if (!library) {
        library = new PlanLibrary(createPlanShelf(db), loadScopes(config.dataDir));
      }
      return library;
    },
    answerer() {
      if (!answerer) {
        ensureQueryData(db, config.dataDir);
        rememberStems(listWordStems(db));
        answerer = new Answerer({
          library: this.library(),
          index: stores.unitSearch
            ? sharedSearchIndex(createUnitIndex(db), stores.unitSearch(db), log)
            : createUnitIndex(db),
          glossary: createGlossaryStore(db),
          lexicon: createLexiconStore(db),
          words: questionWords(),
          places: loadPlaceForms(config.dataDir),
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
    reloadLibrary() {
      library = null;
      answerer = null;
      catalog = null;
      measurements = null;
      deadlines = null;
    },
    close() {
      if (db.open) db.close();
      // A pool's connections close in the background: the process can exit once they have.
      void stores.close();
    },
  };
}
