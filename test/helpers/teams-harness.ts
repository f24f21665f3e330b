import { Writable } from 'node:stream';
import { startTeams, type TeamsAdapter } from '../../src/adapters/teams/index.ts';
import type { Router } from '../../src/core/kernel/types.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { type Db, openDatabase } from '../../src/store/db.ts';
import type { TeamsStores } from '../../src/store/ports.ts';
import { createTeamsStores } from '../../src/store/teams-stores.ts';
import { createFakeTeamsStores } from '../fakes/teams-stores.ts';
import { type FakeConnector, startFakeConnector } from './teams-connector.ts';
import { createScriptedRouter, type ScriptedRouter } from './teams-router.ts';

export interface TeamsHarness<R extends Router> {
  teams: TeamsAdapter;
  connector: FakeConnector;
  router: R;
  /** What the adapter keeps: in memory, or in SQLite when the test gave a database. */
  stores: TeamsStores;
  /** http://127.0.0.1:<port>/api/messages */
  endpoint: string;
  /** Every log line the adapter wrote, parsed. */
  logs: { level: number; msg: string; [key: string]: unknown }[];
  close(): Promise<void>;
}

/**
 * The real Teams adapter (startTeams, CloudAdapter) on 127.0.0.1 with an ephemeral port, a fake
 * Bot Connector and, unless given another, the scripted router. Dev mode (no authentication)
 * unless `env` says otherwise. Its stores are in memory (test/fakes) unless the test gives a
 * database (`db`, or `dbFile` to restart on the same file).
 */
export async function startTeamsHarness<R extends Router = ScriptedRouter>(
  options: {
    router?: R;
    env?: Record<string, string>;
    credentialsFactory?: unknown;
    dbFile?: string;
    db?: Db;
    deliveryTimeoutMs?: number;
    health?: () => Promise<string | null>;
  } = {},
): Promise<TeamsHarness<R>> {
  const router = (options.router ?? createScriptedRouter()) as R;
  const config = loadConfig({
    BOUSSOLE_DB: ':memory:',
    TEAMS_PORT: '0',
    BOUSSOLE_HTTP_HOST: '127.0.0.1',
    ...(options.env ?? { BOUSSOLE_TEAMS_DEV: '1' }),
  });
  const logs: TeamsHarness<R>['logs'] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const own = options.dbFile ? openDatabase(options.dbFile) : undefined;
  const db = options.db ?? own;
  const stores = db ? createTeamsStores(db) : createFakeTeamsStores();
  const connector = await startFakeConnector();
  let teams: TeamsAdapter;
  try {
    teams = await startTeams({
      config,
      router,
      stores,
      log: createLogger('debug', sink),
      ...(options.credentialsFactory ? { credentialsFactory: options.credentialsFactory } : {}),
      deliveryTimeoutMs: options.deliveryTimeoutMs ?? 15_000,
      ...(options.health ? { health: options.health } : {}),
    });
  } catch (error) {
    await connector.close();
    own?.close();
    throw error;
  }
  return {
    teams,
    connector,
    router,
    stores,
    endpoint: `http://127.0.0.1:${teams.port}/api/messages`,
    logs,
    async close() {
      await teams.stop();
      await connector.close();
      own?.close();
    },
  };
}
