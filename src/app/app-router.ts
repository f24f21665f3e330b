import type { Router } from '../core/kernel/types.ts';
import { createProgressAnswers } from '../core/progress/answer.ts';
import { personalOverview } from '../core/router/home.ts';
import { createRouter } from '../core/router/router.ts';
import { loadProgressWords } from '../data/word-lists.ts';
import { storeFailureOf } from '../store/failures.ts';
import type { AppContext } from './context.ts';
import { createTenantRouter } from './tenancy/router.ts';

/**
 * The one router of the app, as Slack, Teams, the console chat and `boussole say` all use it: with
 * BOUSSOLE_TENANTS, each académie's messages go to a router over that académie's view.
 */
export function createAppRouter(ctx: AppContext): Router {
  return createTenantRouter(ctx, routerOver);
}

/** A router over one context: the whole process's, or one académie's view of it. */
function routerOver(ctx: AppContext): Router {
  return createRouter({
    library: () => ctx.library(),
    answerer: () => ctx.answerer(),
    memory: ctx.stores.memory,
    writer: ctx.writer(),
    intentReader: ctx.intentReader(),
    measurements: ctx.measurements().routes,
    deadlines: ctx.deadlines().routes,
    progress: createProgressAnswers({
      measurements: ctx.measurements().deps,
      deadlines: () => ctx.deadlines().repo.list(),
      answerer: () => ctx.answerer(),
      words: loadProgressWords(ctx.config.dataDir),
    }),
    overview: (actor, lang) => personalOverview(actor, ctx.measurements().deps, ctx.deadlines().repo, lang),
    onError: (error, context) => ctx.log.error({ err: error, ...context }, 'router failure'),
    failureOf: storeFailureOf,
  });
}
