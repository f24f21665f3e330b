import type { webApi } from '@slack/bolt';
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
