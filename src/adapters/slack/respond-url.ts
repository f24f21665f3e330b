import type { RespondArguments } from '@slack/bolt';
import { SlackAdapterError } from './errors.ts';

export type Respond = (message: RespondArguments) => Promise<unknown>;

/**
 * Posts to a response_url kept in a modal's private_metadata. Bolt only builds `respond` from the
 * payload in hand, and a view_submission carries no response_url, so the one from the click that
 * opened the modal is used: it stays valid 30 minutes and lets the saved result replace the
 * preview, even in a channel the bot is not a member of.
 */
export function respondVia(url: string, timeoutMs = 10_000): Respond {
  return async (message) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) {
      throw new SlackAdapterError(
        `http_${response.status}`,
        'response_url refused the message',
        response.status >= 500,
      );
    }
  };
}
