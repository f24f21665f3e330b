import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import { forRequest, type ListenerDeps } from './deps.ts';

/**
 * Slack redelivers an event it thinks went unanswered (X-Slack-Retry-Num), and Bolt runs the
 * listeners again. The event_id is claimed in the store (shared by every replica
 * on PostgreSQL) before any listener runs, so a retry, a
 * duplicate or a redelivery after a restart is answered once. The claim never throws: with the
 * database down it falls back to memory (state.ts), because the listener must still answer.
 */
export function registerDedupe(app: App, deps: ListenerDeps): void {
  const dedupe: Middleware<AnyMiddlewareArgs> = async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await deps.state.claimEvent(eventId))) {
      forRequest(deps, context).log.info(
        { eventId, retryNum: context.retryNum, retryReason: context.retryReason },
        'slack: duplicate event dropped',
      );
      return;
    }
    await next();
  };
  app.use(dedupe);
}
