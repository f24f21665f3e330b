import { webApi } from '@slack/bolt';

/** A Slack failure the adapter reports upward, with a stable string code. */
export class SlackAdapterError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'SlackAdapterError';
  }
}

export interface SlackFailure {
  code: string;
  retryable: boolean;
  /** Slack's Retry-After, when it sent one. */
  retryAfterMs?: number;
}

/** Platform errors (HTTP 200, ok:false) that are Slack's trouble rather than the request's. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'service_unavailable',
  'internal_error',
  'fatal_error',
  'request_timeout',
]);

/** Translates a Web API client error into what a retry loop needs to know. */
export function classifySlackError(error: unknown): SlackFailure {
  const e = error as {
    code?: string;
    statusCode?: number;
    retryAfter?: number;
    data?: { error?: string };
  };
  switch (e?.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { code: 'rate_limited', retryable: true, retryAfterMs: (e.retryAfter ?? 1) * 1000 };
    case webApi.ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      return { code: `http_${status}`, retryable: status === 429 || status >= 500 };
    }
    case webApi.ErrorCode.RequestError:
      return { code: 'network', retryable: true };
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'platform_error';
      return { code, retryable: TRANSIENT_PLATFORM_ERRORS.has(code) };
    }
    default:
      if (error instanceof SlackAdapterError) return { code: error.code, retryable: error.retryable };
      return { code: 'unexpected', retryable: false };
  }
}

/** For logs: the error's code and message, never the request (which may carry tokens). */
export function describeError(error: unknown): { code: string; message: string } {
  const failure = classifySlackError(error);
  const message = error instanceof Error ? error.message : String(error);
  return { code: failure.code, message: message.replace(/\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/gu, '[secret]') };
}
