import { createAppRouter } from '../../src/app/app-router.ts';
import type { Reply, Router } from '../../src/core/kernel/types.ts';
import { testContext } from './plans.ts';
import { seedProgress } from './progress.ts';

/** The app's router on a fresh database holding the progress fixtures (values, targets, deadlines). */
export function progressRouter(): {
  ctx: ReturnType<typeof testContext>;
  router: Router;
  /** A message from a console user; each call is its own conversation unless one is given. */
  say(text: string, user?: string, conversation?: string): Promise<Reply>;
  click(buttonId: string, user?: string): Promise<Reply>;
} {
  const ctx = testContext();
  // Every message waits for the fixtures: the stores are asynchronous.
  const seeded = seedProgress(ctx);
  const router = createAppRouter(ctx);
  let n = 0;
  const conversationOf = (id: string) => ({ platform: 'console' as const, conversationId: id, direct: true });
  return {
    ctx,
    router,
    async say(text, user = 'carol', conversation = `progress-${n++}`) {
      await seeded;
      return router.handleMessage({
        actor: { platform: 'console', userId: user },
        conversation: conversationOf(conversation),
        text,
      });
    },
    async click(buttonId, user = 'carol') {
      await seeded;
      return router.handleClick(
        { platform: 'console', userId: user },
        conversationOf(`progress-${n++}`),
        buttonId,
      );
    },
  };
}

/** The [n] markers of a reply's text, each of which must have its citation. */
export function markers(reply: Reply): number[] {
  return [...reply.text.matchAll(/\[(\d+)\]/gu)].map((m) => Number(m[1]));
}

/** The lines of a reply that start with a scope's bullet ("• **Cantal** — 2025-2026 : …"). */
export function scopeLine(reply: Reply, scope: string, after = ''): string | undefined {
  const from = after ? reply.text.indexOf(after) : 0;
  return reply.text
    .slice(Math.max(0, from))
    .split('\n')
    .find((line) => line.startsWith(`• **${scope}**`));
}
