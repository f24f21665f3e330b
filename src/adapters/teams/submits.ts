import { createHash } from 'node:crypto';
import type { SubmitKeys, TeamsSubmitStore } from '../../store/ports.ts';

/** The keys a card submit is claimed under (TeamsSubmitStore.claim): its activity, its card and values. */
export function submitKeys(input: {
  activityId?: string;
  conversationId: string;
  replyToId?: string;
  buttonId: string;
  values: Record<string, string>;
}): SubmitKeys {
  const values = Object.entries(input.values).sort(([a], [b]) => a.localeCompare(b));
  const hash = createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 16);
  return {
    activity: input.activityId ? `activity:${input.activityId}` : null,
    card: input.replyToId
      ? `card:${input.conversationId}:${input.replyToId}:${input.buttonId}:${hash}`
      : null,
  };
}

/**
 * A card updated in place shows new buttons, possibly with ids it showed before (Modifier on a
 * corrected preview): clicks on it from now on are new steps, not repeats of old ones. The click
 * that produced the update stays claimed, so a double click on it still counts once.
 */
export async function releaseCardSubmits(
  store: TeamsSubmitStore,
  conversationId: string,
  cardId: string,
  keep: string | null,
): Promise<void> {
  await store.releaseByPrefix(`card:${conversationId}:${cardId}:`, keep);
}
