import type { Context, webApi } from '@slack/bolt';
import type { Router } from '../../../core/kernel/types.ts';
import type { Logger } from '../../../platform/log.ts';
import type { Poster } from '../post.ts';
import type { SlackState } from '../state.ts';
import type { ActorLookup } from '../users.ts';

/** What every listener needs; built once in index.ts. */
export interface ListenerDeps {
  router: Router;
  log: Logger;
  state: SlackState;
  poster: Poster;
  actorOf: ActorLookup;
  /** Web API client for calls made outside a listener's own arguments (views.open, views.publish). */
  client: webApi.WebClient;
  /** The bot's user id: stripped from mentions, and its own messages are never answered. */
  botUserId: string;
}

/**
 * The deps of one event: its log lines and the actors it hands to the core carry the request id
 * the first middleware put on Bolt's context (in-flight.ts), so the event, the adapter's lines and
 * the audit rows the core writes can be matched.
 */
export function forRequest(deps: ListenerDeps, context: Context): ListenerDeps {
  const requestId = typeof context.requestId === 'string' ? context.requestId : undefined;
  if (!requestId) return deps;
  return {
    ...deps,
    log: deps.log.child({ requestId }),
    actorOf: async (userId, workspace) => ({ ...(await deps.actorOf(userId, workspace)), requestId }),
  };
}
