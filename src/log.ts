import pino from 'pino';
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

/**
 * Structured JSON logs on stderr, so that command output on stdout stays clean for scripts.
 */
export function createLogger(level: string, destination: number | NodeJS.WritableStream = 2): Logger {
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
