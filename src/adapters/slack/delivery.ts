import type { webApi } from '@slack/bolt';
import type {
  DeliveryOptions,
  DeliveryPort,
  DeliveryResult,
  Recipient,
  Reply,
} from '../../core/kernel/types.ts';
import type { Logger } from '../../platform/log.ts';
import { classifySlackError, SlackAdapterError } from './errors.ts';
import { createPacer, sleep } from './pacer.ts';
import { renderReply } from './render.ts';

export interface DeliveryTuning {
  /** Tries per Web API call, the first included. */
  attempts: number;
  /** First backoff after a 5xx or a network error; doubles each time. */
  baseDelayMs: number;
  /** A Retry-After longer than this gives up (retryable) instead of holding the sweep. */
  maxWaitMs: number;
  /** Spacing between two messages to the same channel. */
  perChannelIntervalMs: number;
}

/** Message metadata type of reminders (Slack's event_type naming: lowercase, underscores). */
const REMINDER_EVENT = 'boussole_reminder';
/** How far back a redelivery looks for its key: a lease, retries and restarts fit in two days. */
const HISTORY_LOOKBACK_S = 2 * 86_400;
const HISTORY_PAGES = 5;

export const DEFAULT_DELIVERY_TUNING: DeliveryTuning = {
  attempts: 4,
  baseDelayMs: 1000,
  maxWaitMs: 60_000,
  perChannelIntervalMs: 1100,
};

/**
 * Reminders out to Slack: a user gets a DM (conversations.open, then chat.postMessage), a channel
 * a message. `client` must not retry by itself (retries: 0, rejectRateLimitedCalls): this loop owns
 * the retries so that a 429's Retry-After or a 5xx backoff only delays that one recipient, and a
 * recipient that keeps failing comes back as a retryable result for the next sweep.
 */
export function createSlackDelivery(deps: {
  client: webApi.WebClient;
  log: Logger;
  tuning?: Partial<DeliveryTuning>;
}): DeliveryPort {
  const tuning = { ...DEFAULT_DELIVERY_TUNING, ...deps.tuning };
  const pacer = createPacer(tuning.perChannelIntervalMs);
  const { client, log } = deps;

  async function withRetry<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const failure = classifySlackError(error);
        if (!failure.retryable || attempt >= tuning.attempts) throw error;
        const wait = failure.retryAfterMs ?? tuning.baseDelayMs * 2 ** (attempt - 1);
        if (wait > tuning.maxWaitMs) throw error;
        await sleep(wait);
      }
    }
  }

  async function channelOf(recipient: Recipient): Promise<string> {
    if (recipient.kind === 'channel') return recipient.id;
    const opened = await withRetry(() => client.conversations.open({ users: recipient.id }));
    const id = opened.channel?.id;
    if (!id) throw new SlackAdapterError('dm_unavailable', 'conversations.open returned no channel');
    return id;
  }

  /**
   * Whether a message carrying this idempotency key is already in the channel: Slack has no
   * idempotent post, but it keeps the metadata of each message, so a reminder sent just before a
   * crash is found instead of being posted twice.
   */
  async function alreadyPosted(channel: string, key: string): Promise<boolean> {
    let cursor: string | undefined;
    const oldest = String(Math.floor(Date.now() / 1000) - HISTORY_LOOKBACK_S);
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const history = await withRetry(() =>
        client.conversations.history({
          channel,
          oldest,
          limit: 200,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        }),
      );
      const found = (history.messages ?? []).some(
        (m) =>
          m.metadata?.event_type === REMINDER_EVENT &&
          (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
      );
      if (found) return true;
      cursor = history.response_metadata?.next_cursor || undefined;
      if (!history.has_more || !cursor) return false;
    }
    return false;
  }

  /**
   * A history Slack refuses to show (a scope removed from the app) must not block the reminder for
   * good: at least once wins, the reminder is posted and may then appear twice.
   */
  async function alreadyPostedOrUnknown(channel: string, key: string): Promise<boolean> {
    try {
      return await alreadyPosted(channel, key);
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.retryable) throw error;
      log.warn({ key, code: failure.code }, 'slack: cannot read the history to check a reminder, posting it');
      return false;
    }
  }

  async function deliver(
    recipient: Recipient,
    reply: Reply,
    options: DeliveryOptions = {},
  ): Promise<DeliveryResult> {
    if (recipient.platform !== 'slack')
      return { ok: false, retryable: false, error: 'not_a_slack_recipient' };
    try {
      const channel = await channelOf(recipient);
      const key = options.idempotencyKey;
      if (key && options.redelivery && (await alreadyPostedOrUnknown(channel, key))) {
        log.info({ key }, 'slack: reminder already in the conversation, not posted again');
        return { ok: true };
      }
      const conversation = {
        platform: 'slack' as const,
        conversationId: channel,
        ...(recipient.kind === 'user' ? { direct: true } : {}),
      };
      for (const [i, message] of renderReply(reply, { conversation }).entries()) {
        await pacer.wait(channel);
        await withRetry(() =>
          client.chat.postMessage({
            channel,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            // The first message carries the key that alreadyPosted looks for.
            ...(key && i === 0 ? { metadata: { event_type: REMINDER_EVENT, event_payload: { key } } } : {}),
          }),
        );
      }
      const image = reply.image;
      if (image) {
        await pacer.wait(channel);
        await withRetry(() =>
          client.files.uploadV2({
            channel_id: channel,
            file: image.png,
            filename: image.filename,
            title: image.title,
          }),
        );
      }
      return { ok: true };
    } catch (error) {
      const failure = classifySlackError(error);
      log.warn(
        { recipient, code: failure.code, retryable: failure.retryable },
        'slack: reminder not delivered',
      );
      return { ok: false, retryable: failure.retryable, error: failure.code };
    }
  }

  return { platform: 'slack', deliver };
}
