import type { DeadlineRepository } from '../core/deadlines/ports.ts';
import type { MeasurementRepository } from '../core/measurements/ports.ts';
import type { ConversationMemory } from '../core/router/memory.ts';
import type { Config } from '../platform/config.ts';
import { createConsoleOutbox } from '../store/console-outbox.ts';
import { createConversationStore } from '../store/conversation-store.ts';
import type { Db } from '../store/db.ts';
import { createDeadlineStore } from '../store/deadline-store.ts';
import { createMeasurementStore } from '../store/measurement-store.ts';
import type { ConsoleOutbox, SlackStateStore, TeamsStores } from '../store/ports.ts';
import type { PublishReport, UnitSearch } from '../store/postgres/unit-search.ts';
import { pruneExpired } from '../store/retention.ts';
import { createSlackStateStore } from '../store/slack-state-store.ts';
import { createTeamsStores } from '../store/teams-stores.ts';

/**
 * What replicas must share, from one engine: measurements, deadlines and reminder claims,
 * conversation memory, and the adapters' state. SQLite (one process, the default) or PostgreSQL
 * (any number of `npm start` processes on one database). The plans are not here: each process
 * reads them from data/plans into its own SQLite file (BOUSSOLE_DB).
 */
export interface SharedStores {
  engine: 'sqlite' | 'postgres';
  measurements: MeasurementRepository;
  deadlines: DeadlineRepository;
  memory: ConversationMemory;
  slack: SlackStateStore;
  teams: TeamsStores;
  outbox: ConsoleOutbox;
  /**
   * PostgreSQL's search of the plans' answer units, over this replica's plans (`db`); null on
   * SQLite, where the plans' own file holds the index.
   */
  unitSearch: ((db: Db) => UnitSearch) | null;
  /**
   * Makes the shared database's unit index hold this replica's plans (start-up, after an ingest);
   * null on SQLite, where there is nothing to share.
   */
  publishPlans(db: Db): Promise<PublishReport | null>;
  /** Deletes what is past its retention period (README, « Données personnelles »). */
  prune(now: Date): Promise<Record<string, number>>;
  /** Null when the database answers, else what is wrong, in French, for the health check. */
  health(): Promise<string | null>;
  close(): Promise<void>;
}

export function sqliteStores(db: Db, config: Config): SharedStores {
  return {
    engine: 'sqlite',
    measurements: createMeasurementStore(db),
    deadlines: createDeadlineStore(db),
    memory: createConversationStore(db, config.memoryMinutes),
    slack: createSlackStateStore(db),
    teams: createTeamsStores(db),
    outbox: createConsoleOutbox(db),
    unitSearch: null,
    publishPlans: async () => null,
    prune: async (now) => pruneExpired(db, now),
    async health() {
      try {
        db.prepare('SELECT 1').get();
        return null;
      } catch (error) {
        return `base SQLite illisible : ${(error as Error).message}`;
      }
    },
    async close() {},
  };
}

/** Why the shared database cannot be used at start-up; the message says how to fix it. */
export class SharedStoreError extends Error {}

/**
 * Opens the PostgreSQL pool (BOUSSOLE_DATABASE_POOL connections), checks it answers, and brings the
 * schema up to date: replicas starting together migrate once (advisory lock).
 */
export async function postgresStores(
  settings: { url: string; poolSize: number },
  config: Config,
): Promise<SharedStores> {
  const [{ checkConnection, openPool }, { migratePostgres }] = await Promise.all([
    import('../store/postgres/connect.ts'),
    import('../store/postgres/migrate.ts'),
  ]);
  const pool = await openPool(settings);
  const check = await checkConnection(pool, settings.url);
  if (!check.ok) {
    await pool.end();
    throw new SharedStoreError(check.message);
  }
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw new SharedStoreError((error as Error).message);
  }
  const [measurements, deadlines, memory, slack, teams, outbox, retention, units] = await Promise.all([
    import('../store/postgres/measurement-store.ts'),
    import('../store/postgres/deadline-store.ts'),
    import('../store/postgres/conversation-store.ts'),
    import('../store/postgres/slack-state-store.ts'),
    import('../store/postgres/teams-stores.ts'),
    import('../store/postgres/console-outbox.ts'),
    import('../store/postgres/retention.ts'),
    import('../store/postgres/unit-search.ts'),
  ]);
  let closed: Promise<void> | null = null;
  return {
    engine: 'postgres',
    measurements: measurements.createPgMeasurementStore(pool),
    deadlines: deadlines.createPgDeadlineStore(pool),
    memory: memory.createPgConversationStore(pool, config.memoryMinutes),
    slack: slack.createPgSlackStateStore(pool),
    teams: teams.createPgTeamsStores(pool),
    outbox: outbox.createPgConsoleOutbox(pool),
    // Searches may take half the pool; the rest stays for acks, drafts and memory.
    // The plans the answerer is built on: read once, not at every question.
    unitSearch: (db) => {
      const digest = units.planDigest(db);
      return units.createPgUnitSearch(pool, () => digest, Math.max(1, Math.floor(settings.poolSize / 2)));
    },
    publishPlans: (db) => units.publishUnits(pool, db),
    prune: (now) => retention.pruneExpiredPg(pool, now),
    async health() {
      const result = await checkConnection(pool, settings.url);
      return result.ok ? null : result.message;
    },
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}

/**
 * Publishes this replica's plans to the shared search. Failing is no reason to refuse to start or
 * to run a command: the local index gives the same answers (app/unit-index.ts).
 */
export async function publishPlans(
  stores: SharedStores,
  db: Db,
  warn: (reason: string) => void,
): Promise<PublishReport | null> {
  try {
    return await stores.publishPlans(db);
  } catch (error) {
    warn((error as Error).message);
    return null;
  }
}

export const unpublished = (reason: string) =>
  `Index de recherche PostgreSQL non mis à jour (${reason}) : les réponses viennent de l’index local de cette machine, identique.`;
