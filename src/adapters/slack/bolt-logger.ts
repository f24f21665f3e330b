import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../platform/log.ts';

const TOKEN = /\bx(?:ox[abprse]|app)-[A-Za-z0-9-]+/gu;

/**
 * Bolt and the Web API client log through this adapter into pino. Bolt's debug output includes
 * request bodies and headers (legacy verification token, response_url), so it never goes below
 * info whatever BOUSSOLE_LOG_LEVEL says, and anything shaped like a Slack token is masked.
 */
export function createBoltLogger(log: Logger, secrets: (string | undefined)[]): BoltLogger {
  const known = secrets.filter((s): s is string => Boolean(s && s.length >= 8));
  const scrub = (text: string) => {
    let clean = text.replace(TOKEN, '[secret]');
    for (const secret of known) clean = clean.split(secret).join('[secret]');
    return clean;
  };
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...messages: unknown[]) => {
      const error = messages.find((m): m is Error => m instanceof Error);
      const text = scrub(
        messages
          .filter((m) => m !== error)
          .map((m) => (typeof m === 'string' ? m : safeJson(m)))
          .join(' '),
      );
      if (error)
        log[level]({ err: { type: error.name, message: scrub(error.message) } }, text || 'bolt error');
      else log[level](text);
    };
  let level: LogLevel = boltLevelOf(log.level);
  return {
    debug: () => {},
    info: (...m) => {
      if (level === LogLevel.INFO) forward('info')(...m);
    },
    warn: (...m) => {
      if (level !== LogLevel.ERROR) forward('warn')(...m);
    },
    error: forward('error'),
    // Bolt calls setLevel with its own logLevel option; debug is refused for the reason above.
    setLevel: (next) => {
      level = next === LogLevel.DEBUG ? LogLevel.INFO : next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** Bolt's level for a pino level, never below info. */
export function boltLevelOf(pinoLevel: string): LogLevel {
  if (pinoLevel === 'error' || pinoLevel === 'fatal' || pinoLevel === 'silent') return LogLevel.ERROR;
  if (pinoLevel === 'warn') return LogLevel.WARN;
  return LogLevel.INFO;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
