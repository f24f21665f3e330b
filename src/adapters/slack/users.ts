import type { webApi } from '@slack/bolt';
import type { Actor } from '../../core/kernel/types.ts';
import type { Logger } from '../../platform/log.ts';
import { describeError } from './errors.ts';

const TTL_MS = 60 * 60 * 1000;
const FAILURE_TTL_MS = 60 * 1000;
const MAX_ENTRIES = 2000;

export type ActorLookup = (userId: string, workspace?: string) => Promise<Actor>;

/**
 * The workspace a request comes from, as Bolt read it from the payload: the team, or the
 * Enterprise Grid organisation for an org-wide install. It decides the académie (BOUSSOLE_TENANTS).
 */
export function workspaceOf(context: { teamId?: string; enterpriseId?: string }): string | undefined {
  return context.teamId ?? context.enterpriseId;
}

/**
 * Builds Actors with the user's display name (the router records who entered a measurement).
 * users.info is cached for an hour so a busy thread costs one call per person, and a lookup
 * failure only loses the name, never the answer.
 */
export function createActorLookup(client: webApi.WebClient, log: Logger, now = Date.now): ActorLookup {
  // The promise is cached, not the name, so a burst of messages from one person makes one call.
  const cache = new Map<string, { name: Promise<string | undefined>; until: number }>();
  async function fetchName(userId: string): Promise<string | undefined> {
    try {
      const result = await client.users.info({ user: userId });
      const profile = result.user?.profile;
      return profile?.display_name || profile?.real_name || result.user?.real_name || undefined;
    } catch (error) {
      log.warn({ err: describeError(error), userId }, 'slack: users.info failed, answering without a name');
      // Forget the failure soon: the next message tries again.
      const entry = cache.get(userId);
      if (entry) entry.until = Math.min(entry.until, now() + FAILURE_TTL_MS);
      return undefined;
    }
  }
  return async (userId, workspace) => {
    const at = now();
    let entry = cache.get(userId);
    if (!entry || entry.until <= at) {
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      entry = { name: fetchName(userId), until: at + TTL_MS };
      cache.set(userId, entry);
    }
    return actor(userId, await entry.name, workspace);
  };
}

function actor(userId: string, displayName: string | undefined, workspace: string | undefined): Actor {
  return {
    platform: 'slack',
    userId,
    ...(displayName ? { displayName } : {}),
    ...(workspace ? { workspace } : {}),
  };
}
