import type { webApi } from '@slack/bolt';
import type { DeliveryPort, DeliveryResult, Recipient, Reply } from '../../core/router/types.ts';
import type { Logger } from '../../log.ts';
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

  async function deliver(recipient: Recipient, reply: Reply): Promise<DeliveryResult> {
    if (recipient.platform !== 'slack')
      return { ok: false, retryable: false, error: 'not_a_slack_recipient' };
    try {
      const channel = await channelOf(recipient);
      const conversation = {
        platform: 'slack' as const,
        conversationId: channel,
        ...(recipient.kind === 'user' ? { direct: true } : {}),
      };
      for (const message of renderReply(reply, { conversation })) {
        await pacer.wait(channel);
        await withRetry(() =>
          client.chat.postMessage({
            channel,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
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
