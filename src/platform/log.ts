import { createRequire } from 'node:module';
import type pino from 'pino';
import { currentRequestId } from './request-context.ts';

export type Logger = pino.Logger;

/** Keys whose values are secrets or tokens: pino replaces them before anything is written. */
const REDACT = [
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.apiKey',
  '*.appPassword',
  '*.password',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'req.headers.authorization',
  'config.slack.botToken',
  'config.slack.signingSecret',
  'config.slack.appToken',
  'config.teams.appPassword',
  'config.llm.apiKey',
];

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

// pino is CommonJS, so it can be required on demand (see createCommandLogger).
const require = createRequire(import.meta.url);

/**
 * Structured JSON logs on stderr, so that command output on stdout stays clean for scripts.
 */
export function createLogger(level: string, destination: number | NodeJS.WritableStream = 2): Logger {
  const pino = require('pino') as typeof import('pino');
  const stream =
    typeof destination === 'number' ? pino.destination({ dest: destination, sync: true }) : destination;
  return pino(
    {
      level,
      base: { app: 'boussole' },
      redact: { paths: REDACT, censor: '[secret]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    stream,
  );
}

/**
 * The logger of a one-shot command: the same logger as createLogger, created on the first message
 * at or above `level`. Most commands log nothing, and loading pino is ~30 ms of their start-up.
 */
export function createCommandLogger(level: string, destination: number | NodeJS.WritableStream = 2): Logger {
  let logger: Logger | null = null;
  const threshold = LEVELS[level] ?? Number.POSITIVE_INFINITY;
  const ignore = () => {};
  return new Proxy({} as Logger, {
    get(_target, key) {
      if (typeof key === 'string' && (LEVELS[key] ?? threshold) < threshold) return ignore;
      logger ??= createLogger(level, destination);
      const value = Reflect.get(logger, key, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
  });
}
