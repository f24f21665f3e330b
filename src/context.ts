import type { Config } from './config.ts';
import { loadScopes } from './core/plans/catalog.ts';
import { PlanLibrary } from './core/plans/library.ts';
import { Answerer } from './core/query/answerer.ts';
import { loadGlossary } from './core/query/glossary.ts';
import type { AnswerWriter } from './core/query/writer.ts';
import { rememberStems } from './core/text/stem.ts';
import { createLlmClient } from './llm/client.ts';
import { loadPrompts } from './llm/prompts.ts';
import { createAnswerWriter } from './llm/writer.ts';
import type { Logger } from './log.ts';
import { type Db, openDatabase } from './store/db.ts';
import { ingestPlans, needsSeeding } from './store/ingest.ts';
import { listNodes, listPassages, listPlans, listStems, listWordStems } from './store/plan-store.ts';

/** What every entry point (CLI command, chat adapters, scheduler) shares. */
export interface AppContext {
  config: Config;
  db: Db;
  log: Logger;
  /** The plans in memory; built on first use. */
  library(): PlanLibrary;
  /** The offline answerer over the library; built on first use. */
  answerer(): Answerer;
  /** The LLM answer writer when OPENAI_API_KEY is set, else undefined (offline answers). */
  writer(): AnswerWriter | undefined;
  /** Node ids that measurements or deadlines point at (kept in view when re-ingesting). */
  referencedIds(db: Db): Set<string>;
  /** Drops the in-memory plans after an ingest. */
  reloadLibrary(): void;
  close(): void;
}

/**
 * Opens the database (creating and migrating it) and seeds it with the shipped plans when they
 * are missing or outdated, so a fresh machine needs no setup step.
 */
export function openContext(config: Config, log: Logger, options: { seed?: boolean } = {}): AppContext {
  const db = openDatabase(config.dbFile);
  if (options.seed !== false && needsSeeding(db, config.dataDir)) {
    const reports = ingestPlans(db, config.dataDir);
    log.info({ plans: reports.map((r) => r.planId) }, 'shipped plans ingested');
  }
  let library: PlanLibrary | null = null;
  let answerer: Answerer | null = null;
  let writer: AnswerWriter | undefined | null = null;
  return {
    config,
    db,
    log,
    library() {
      if (!library) {
        library = new PlanLibrary(
          listPlans(db),
          listNodes(db),
          () => listPassages(db),
          loadScopes(config.dataDir),
        );
      }
      return library;
    },
    answerer() {
      if (!answerer) {
        rememberStems(listWordStems(db));
        answerer = new Answerer(this.library(), loadGlossary(config.dataDir), listStems(db));
      }
      return answerer;
    },
    writer() {
      if (writer === null) {
        const llm = createLlmClient(config, log);
        writer = llm
          ? createAnswerWriter(llm, loadPrompts(config.promptsDir), {
              maxPromptChars: config.llm.maxPromptChars,
              maxOutputTokens: config.llm.maxOutputTokens,
            })
          : undefined;
      }
      return writer;
    },
    referencedIds: referencedNodeIds,
    reloadLibrary() {
      library = null;
      answerer = null;
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function referencedNodeIds(db: Db): Set<string> {
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    ),
  );
  const ids = new Set<string>();
  for (const table of ['measurements', 'deadlines', 'targets']) {
    if (!tables.has(table)) continue;
    for (const row of db.prepare(`SELECT DISTINCT indicator_id AS id FROM ${table}`).all() as {
      id: string;
    }[])
      ids.add(row.id);
  }
  return ids;
}
