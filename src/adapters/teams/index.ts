import { once } from 'node:events';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeliveryPort, Router } from '../../core/kernel/types.ts';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/log.ts';
import type { TeamsStores } from '../../store/ports.ts';
import { createAuthentication, TeamsStartError } from './auth.ts';
import { BoussoleTeamsBot } from './bot.ts';
import { BoussoleCloudAdapter } from './cloud-adapter.ts';
import { routeConsoleToLog } from './console-log.ts';
import { createTeamsDelivery } from './delivery.ts';
import { createTeamsHttpServer } from './http-server.ts';
import { requestIdOf } from './inbound.ts';
import { createLaterReplies } from './later.ts';

export { TeamsStartError } from './auth.ts';

export interface TeamsDeps {
  config: Config;
  router: Router;
  log: Logger;
  /** Conversation references, handled card submits and offered files. */
  stores: TeamsStores;
  /** The database's state for GET /healthz: null when it answers, else what is wrong. */
  health?: () => Promise<string | null>;
  /** A botframework-connector ServiceClientCredentialsFactory replacing Entra ID tokens (tests). */
  credentialsFactory?: unknown;
  /** Upper bound of one reminder delivery (tests use a short one). */
  deliveryTimeoutMs?: number;
}

export interface TeamsAdapter {
  delivery: DeliveryPort;
  /** The port actually bound (useful with TEAMS_PORT=0). */
  port: number;
  stop(): Promise<void>;
}

/** Card submit claims older than this protect against nothing: Teams retries within minutes. */
const SUBMIT_RETENTION_DAYS = 30;
/** How long stop() lets in-flight turns finish before cutting connections. */
const STOP_GRACE_MS = 5_000;

/**
 * Starts the Microsoft Teams endpoint: POST /api/messages through the botbuilder CloudAdapter and
 * GET /healthz, on TEAMS_PORT. Bot Framework authentication is on unless BOUSSOLE_TEAMS_DEV=1,
 * which turns it off and listens on 127.0.0.1 only (for the Agents Playground).
 */
export async function startTeams(deps: TeamsDeps): Promise<TeamsAdapter> {
  const { config, router, stores } = deps;
  const log = deps.log.child({ adapter: 'teams' });
  const teams = config.teams;
  const { authentication, appId, enabled } = createAuthentication(teams, deps.credentialsFactory);
  const host = teams.devMode ? '127.0.0.1' : config.httpHost;
  if (teams.devMode) {
    log.warn(
      { host },
      '⚠️  MODE DÉVELOPPEMENT TEAMS (BOUSSOLE_TEAMS_DEV=1) : authentification Bot Framework DÉSACTIVÉE, ' +
        'écoute sur 127.0.0.1 uniquement. Toute requête locale est acceptée sans signature : ne jamais utiliser en production.',
    );
  }

  const restoreConsole = routeConsoleToLog(log);
  const adapter = new BoussoleCloudAdapter(authentication);
  adapter.onTurnError = async (context, error) => {
    // Reached only when something fails outside the handlers' own error handling.
    log.error(
      { err: error, activityType: context.activity?.type, requestId: requestIdOf(context.activity) },
      'Teams turn error',
    );
  };
  const pruned = await stores.submits.prune(new Date(Date.now() - SUBMIT_RETENTION_DAYS * 86_400_000));
  if (pruned) log.debug({ pruned }, 'old Teams card submits pruned');

  const later = createLaterReplies({ adapter, appId, log });
  const bot = new BoussoleTeamsBot({ router, stores, log, later });
  const server = createTeamsHttpServer({
    adapter,
    bot,
    log,
    ...(deps.health ? { health: deps.health } : {}),
  });
  try {
    await listen(server, teams.port, host);
  } catch (error) {
    restoreConsole();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  log.info(
    { host, port, authentication: enabled ? 'on' : 'off', appId: appId || null },
    'Teams endpoint ready',
  );

  return {
    delivery: createTeamsDelivery({
      adapter,
      appId,
      references: stores.references,
      log,
      ...(deps.deliveryTimeoutMs ? { timeoutMs: deps.deliveryTimeoutMs } : {}),
    }),
    port,
    async stop() {
      await close(server);
      // Answers already acknowledged are still posted, within the same grace period.
      await later.drain(STOP_GRACE_MS);
      restoreConsole();
    },
  };
}

async function listen(server: http.Server, port: number, host: string): Promise<void> {
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new TeamsStartError(
      code === 'EADDRINUSE'
        ? `TEAMS_PORT : le port ${port} est déjà utilisé sur ${host}`
        : `Teams : impossible d'écouter sur ${host}:${port} (${code ?? String(error)})`,
    );
  }
}

async function close(server: http.Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
  await closed;
  clearTimeout(timer);
}
