import { setTimeout as sleep } from 'node:timers/promises';
import type { CloudAdapter } from 'botbuilder';
import type { DeliveryPort, DeliveryResult, Recipient, Reply } from '../../core/kernel/types.ts';
import type { Logger } from '../../platform/log.ts';
import type { TeamsReferenceStore } from '../../store/ports.ts';
import { replyActivity } from './outbound.ts';
import { findChannelReference, findUserReference, type StoredReference } from './references.ts';

/** One delivery, including the connector client's own retries, never takes longer than this. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** Connection-level failures that may pass next time ("network_error": MSAL could not fetch a token). */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'network_error',
]);

/**
 * Reminders through Teams: finds the saved conversation reference of the recipient (a user's
 * personal chat, or a channel / group chat) and posts the rendered Reply with
 * continueConversationAsync. Each call stands alone and is bounded in time, so one failing
 * recipient never holds up the others.
 *
 * Retrying is the connector client's job: botbuilder retries HTTP 429 (honouring Retry-After),
 * 5xx and refused or reset connections three times with exponential backoff. Adding a loop here
 * would multiply those attempts; what still fails is reported `retryable` for the scheduler's
 * next sweep, and refusals (403: the app was removed or blocked, 404) are not.
 */
export function createTeamsDelivery(deps: {
  adapter: CloudAdapter;
  appId: string;
  references: TeamsReferenceStore;
  log: Logger;
  timeoutMs?: number;
}): DeliveryPort {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    platform: 'teams',
    async deliver(recipient: Recipient, reply: Reply): Promise<DeliveryResult> {
      if (recipient.platform !== 'teams') {
        return { ok: false, retryable: false, error: `destinataire non Teams (${recipient.platform})` };
      }
      const reference =
        recipient.kind === 'user'
          ? await findUserReference(deps.references, recipient.id)
          : await findChannelReference(deps.references, recipient.id);
      if (!reference) {
        return {
          ok: false,
          retryable: false,
          error:
            recipient.kind === 'user'
              ? `aucune conversation personnelle Teams connue pour l'utilisateur ${recipient.id} : il doit installer l'application ou écrire une fois au bot`
              : `aucune conversation Teams connue pour le canal ${recipient.id} : l'application doit y être installée`,
        };
      }
      const result = await send(deps.adapter, deps.appId, reference, replyActivity(reply), timeoutMs);
      if (!result.ok) deps.log.warn({ recipient, ...result }, 'Teams delivery failed');
      return result;
    },
  };
}

async function send(
  adapter: CloudAdapter,
  appId: string,
  reference: StoredReference,
  activity: ReturnType<typeof replyActivity>,
  timeoutMs: number,
): Promise<DeliveryResult> {
  let failure: unknown;
  const send = adapter.continueConversationAsync(appId, reference, async (context) => {
    // The continuation event has a made-up id; without clearing it botbuilder would post a
    // "reply" to it instead of a plain new message.
    context.activity.id = undefined;
    try {
      await context.sendActivity(activity);
    } catch (error) {
      // Caught here: thrown out of this callback it would go to onTurnError, not to us.
      failure = error;
    }
  });
  const timer = new AbortController();
  try {
    const finished = await Promise.race([
      send.then(() => true),
      sleep(timeoutMs, false, { signal: timer.signal }),
    ]);
    if (!finished) return { ok: false, retryable: true, error: `délai de ${timeoutMs} ms dépassé` };
  } catch (error) {
    failure = error;
  } finally {
    timer.abort();
  }
  return failure === undefined ? { ok: true } : classify(failure);
}

function classify(error: unknown): DeliveryResult {
  const { statusCode, code, errorCode, message } = error as {
    statusCode?: number;
    code?: string;
    errorCode?: string;
    message?: string;
  };
  const text = `${statusCode ? `HTTP ${statusCode} : ` : ''}${message ?? String(error)}`;
  if (typeof statusCode === 'number') {
    return { ok: false, retryable: statusCode === 429 || statusCode >= 500, error: text };
  }
  const transient = [code, errorCode].some(
    (value) => typeof value === 'string' && TRANSIENT_CODES.has(value),
  );
  return { ok: false, retryable: transient, error: text };
}
