import { randomUUID } from 'node:crypto';
import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';

/** Lets stop() wait, within a bound, for answers that were acked but not yet posted. */
export function trackInFlight(app: App): { drain(ms: number): Promise<void> } {
  const running = new Set<Promise<void>>();
  const turns = oneAtATime();
  const track: Middleware<AnyMiddlewareArgs> = async ({ next, body, context }) => {
    // Bolt has acked an event before this middleware runs, but the ack's bytes leave on the next
    // tick, and the answer would otherwise be computed first in the same run of microtasks: every
    // ack would wait for an answer, and under load for all the answers queued before it (Slack
    // retries an event not acked in 3 s). Events are answered one per turn of the event loop, so
    // the requests received meanwhile are read and acked between two answers.
    if (isEvent(body)) await turns.next();
    // The first middleware: the listeners read the request id from Bolt's context of the event
    // (listeners/deps.ts), for their log lines and for the actor the core audits. Passed, not
    // ambient: an AsyncLocalStorage here turned on Node 20's promise hooks for every promise of the
    // process, ~0.5 ms of CPU per message (bench:load).
    context.requestId = requestIdOf(body) ?? `slack:${randomUUID()}`;
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

/** Slack's own id for the event or interaction when there is one, so logs match Slack's. */
function requestIdOf(body: unknown): string | undefined {
  const b = body as { event_id?: unknown; trigger_id?: unknown; event?: { event_ts?: unknown } } | undefined;
  const id = b?.event_id ?? b?.trigger_id;
  return typeof id === 'string' ? `slack:${id}` : undefined;
}

function isEvent(body: unknown): boolean {
  return (body as { type?: unknown } | undefined)?.type === 'event_callback';
}

/**
 * Hands out turns in arrival order, one per turn of the event loop: each is granted from a
 * setImmediate queued by the previous one, so Node polls for I/O (new requests, their acks) in
 * between. The work a turn starts runs until it first waits on I/O, which for an answer is the
 * whole computation (the database is synchronous) up to posting it.
 */
function oneAtATime(): { next(): Promise<void> } {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const grant = () => {
    scheduled = false;
    waiting.shift()?.();
    schedule();
  };
  const schedule = () => {
    if (scheduled || waiting.length === 0) return;
    scheduled = true;
    setImmediate(grant);
  };
  return {
    next() {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        schedule();
      });
    },
  };
}
