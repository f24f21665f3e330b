import type { AddressInfo } from 'node:net';
import { App, webApi } from '@slack/bolt';
import type { DeliveryPort, Router } from '../../core/kernel/types.ts';
import type { Config } from '../../platform/config.ts';
import { healthOf } from '../../platform/health.ts';
import type { Logger } from '../../platform/log.ts';
import type { SlackStateStore } from '../../store/ports.ts';
import { boltLevelOf, createBoltLogger } from './bolt-logger.ts';
import { createSlackDelivery, type DeliveryTuning } from './delivery.ts';
import { describeError, SlackAdapterError } from './errors.ts';
import { createSlackFetch } from './http-fetch.ts';
import { resolveBotIdentity } from './identity.ts';
import { trackInFlight } from './in-flight.ts';
import { registerListeners } from './listeners/index.ts';
import { createPoster } from './post.ts';
import { createSlackState } from './state.ts';
import { createActorLookup } from './users.ts';

export interface SlackDeps {
  config: Config;
  router: Router;
  log: Logger;
  /** Where processed events, followed threads and stashed payloads are kept. */
  store: SlackStateStore;
  /** The database's state for GET /healthz: null when it answers, else what is wrong. */
  health?: () => Promise<string | null>;
}

export interface SlackOptions {
  /**
   * Retry policy of the listeners' Web API client. Slack's default (ten retries in about thirty
   * minutes, honouring 429 Retry-After) in production; tests pass `webApi.retryPolicies.rapidRetryPolicy`.
   */
  retryConfig?: webApi.RetryOptions;
  /** Reminder delivery backoff and per-channel pacing (tests shorten them). */
  delivery?: Partial<DeliveryTuning>;
  /** How long stop() waits for answers already being written. */
  drainMs?: number;
}

export interface SlackHandle {
  delivery: DeliveryPort;
  stop(): Promise<void>;
  /** The HTTP port actually bound (SLACK_PORT=0 picks a free one); undefined in Socket Mode. */
  port?: number;
}

/**
 * Starts the Slack app: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP on SLACK_PORT
 * (/slack/events, signatures verified, GET /healthz). Every surface goes through `router`.
 */
export async function startSlack(deps: SlackDeps, options: SlackOptions = {}): Promise<SlackHandle> {
  const { config, router, store } = deps;
  const slack = config.slack;
  if (!slack.botToken) {
    throw new SlackAdapterError('config', 'SLACK_BOT_TOKEN est requis pour démarrer Slack');
  }
  if (!slack.appToken && !slack.signingSecret) {
    throw new SlackAdapterError('config', 'SLACK_SIGNING_SECRET est requis en mode HTTP');
  }
  const log = deps.log.child({ adapter: 'slack' });
  const logger = createBoltLogger(log, [slack.botToken, slack.signingSecret, slack.appToken]);
  const logLevel = boltLevelOf(log.level);
  // Every Web API client of the adapter calls Slack through one lighter transport (http-fetch.ts).
  const fetch = createSlackFetch();
  const apiUrl = slack.apiUrl ? { slackApiUrl: slack.apiUrl, fetch } : { fetch };
  const clientOptions: webApi.WebClientOptions = {
    ...apiUrl,
    logger,
    logLevel,
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
  };
  const identity = await resolveBotIdentity(
    new webApi.WebClient(slack.botToken, { ...apiUrl, logger, logLevel, retryConfig: { retries: 2 } }),
  );

  const common = {
    token: slack.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    logger,
    logLevel,
    clientOptions,
    // Bolt's in-memory conversation store is unused and would grow with every conversation.
    convoStore: false as const,
  };
  const app = slack.appToken
    ? new App({
        ...common,
        socketMode: true,
        appToken: slack.appToken,
        // The Socket Mode client opens its connection (apps.connections.open) with its own Web
        // API client, configured from here: SLACK_API_URL must reach it too.
        installerOptions: { clientOptions },
      })
    : new App({
        ...common,
        signingSecret: slack.signingSecret as string,
        // Events are acked before the listeners run; slow answers never make Slack retry.
        processBeforeResponse: false,
        customRoutes: [
          {
            path: '/healthz',
            method: ['GET'],
            handler: async (_req, res) => {
              const problem = await healthOf(deps.health);
              res.writeHead(problem ? 503 : 200, { 'content-type': 'application/json' });
              res.end(JSON.stringify(problem ? { status: 'degraded', database: problem } : { status: 'ok' }));
            },
          },
        ],
      });

  const inFlight = trackInFlight(app);
  const state = createSlackState(store, Date.now, (error, what) =>
    log.warn({ err: describeError(error), what }, 'slack: database not writable, kept in memory only'),
  );
  registerListeners(app, {
    router,
    log,
    state,
    client: app.client,
    poster: createPoster({ client: app.client, state, log }),
    actorOf: createActorLookup(app.client, log),
    botUserId: identity.botUserId,
  });
  app.error(async (error) => {
    log.error({ err: { code: error.code, message: error.message } }, 'slack: unhandled listener error');
  });

  let port: number | undefined;
  if (slack.appToken) {
    await app.start();
  } else {
    const server = await app.start({ port: slack.port, host: config.httpHost });
    port = (server.address() as AddressInfo).port;
  }
  log.info(
    { mode: slack.appToken ? 'socket' : 'http', port, botUserId: identity.botUserId },
    'slack: started',
  );

  // Reminders retry on their own terms (see delivery.ts), so their client never retries by itself.
  const deliveryClient = new webApi.WebClient(slack.botToken, {
    ...apiUrl,
    logger,
    logLevel,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const delivery = createSlackDelivery({ client: deliveryClient, log, tuning: options.delivery });

  let stopped: Promise<void> | undefined;
  return {
    delivery,
    ...(port === undefined ? {} : { port }),
    stop() {
      stopped ??= (async () => {
        await app.stop();
        await inFlight.drain(options.drainMs ?? 10_000);
        fetch.close();
        log.info('slack: stopped');
      })();
      return stopped;
    },
  };
}

export type { DeliveryTuning } from './delivery.ts';
