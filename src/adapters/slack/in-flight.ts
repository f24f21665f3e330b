import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import { withRequestId } from '../../platform/request-context.ts';

/** Lets stop() wait, within a bound, for answers that were acked but not yet posted. */
export function trackInFlight(app: App): { drain(ms: number): Promise<void> } {
  const running = new Set<Promise<void>>();
  const track: Middleware<AnyMiddlewareArgs> = async ({ next, body }) => {
    // The first middleware: everything after it, listeners and core included, logs this id.
    const work = withRequestId(requestIdOf(body), () => next());
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
    }
  };
  app.use(track);
  return {
    async drain(ms) {
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, ms);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}

/** Slack's own id for the event or interaction when there is one, so logs match Slack's. */
function requestIdOf(body: unknown): string | undefined {
  const b = body as { event_id?: unknown; trigger_id?: unknown; event?: { event_ts?: unknown } } | undefined;
  const id = b?.event_id ?? b?.trigger_id;
  return typeof id === 'string' ? `slack:${id}` : undefined;
}
