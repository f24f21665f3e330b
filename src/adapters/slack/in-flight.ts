import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';

/** Lets stop() wait, within a bound, for answers that were acked but not yet posted. */
export function trackInFlight(app: App): { drain(ms: number): Promise<void> } {
  const running = new Set<Promise<void>>();
  const track: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    const work = next();
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
