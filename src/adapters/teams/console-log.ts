import { format } from 'node:util';
import type { Logger } from '../../platform/log.ts';

/**
 * botbuilder reports some failures itself with console.error / console.warn (an expired or badly
 * signed token prints the error and the signing keys), outside the JSON log operators read. While
 * the Teams adapter runs, those calls become log lines; stop() puts the console back.
 */
export function routeConsoleToLog(log: Logger): () => void {
  const original = { error: console.error, warn: console.warn };
  const forward =
    (level: 'error' | 'warn') =>
    (...args: unknown[]): void => {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const text = format(...args.map((arg) => (arg instanceof Error ? arg.message : arg)));
      log[level](
        { source: 'console', ...(error ? { errorName: error.name } : {}) },
        text.split('\n')[0] ?? '',
      );
    };
  const error = forward('error');
  const warn = forward('warn');
  console.error = error;
  console.warn = warn;
  return () => {
    // Only undo our own change: someone may have replaced the console since.
    if (console.error === error) console.error = original.error;
    if (console.warn === warn) console.warn = original.warn;
  };
}
