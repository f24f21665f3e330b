import type { UnitIndex } from '../core/query/rank/ports.ts';
import type { Logger } from '../platform/log.ts';
import type { UnitSearch } from '../store/postgres/unit-search.ts';

/**
 * The unit index of a replica on PostgreSQL: the ranked search runs there (tsvector, GIN, the same
 * bm25 as FTS5), the term statistics and lookups stay with the replica's plans. When PostgreSQL
 * does not answer in time, or does not hold this replica's plans (not published yet, or another
 * replica published other versions: a rolling upgrade), the local FTS5 index answers: it gives the
 * same units in the same order (test/store/unit-search.test.ts), so the user sees no difference.
 */
export function sharedSearchIndex(local: UnitIndex, shared: UnitSearch, log: Logger): UnitIndex {
  let warned = false;
  const fallBack = (reason: string, error?: unknown) => {
    // Once per process is enough to see it; every question would flood the log while it lasts.
    if (warned) return;
    warned = true;
    log.warn({ err: error, reason }, 'PostgreSQL search unavailable: the local index answers');
  };
  return {
    size: () => local.size(),
    frequency: (stem) => local.frequency(stem),
    stems: () => local.stems(),
    get: (refs) => local.get(refs),
    async search(stems, plans, limit) {
      try {
        const found = await shared.search(stems, plans, limit);
        // Its share of PostgreSQL in use: the local index answers the same, nothing to report.
        if (found === 'busy') return local.search(stems, plans, limit);
        if (found) {
          warned = false;
          return found;
        }
        fallBack('PostgreSQL holds other plans than this replica (boussole start publishes them)');
      } catch (error) {
        fallBack('search failed', error);
      }
      return local.search(stems, plans, limit);
    },
  };
}

/**
 * An académie's view of the index (BOUSSOLE_TENANTS): whatever plans a question names, only the
 * académie's own are searched, and a lookup never returns another's unit.
 */
export function plansOnly(index: UnitIndex, plans: readonly string[]): UnitIndex {
  const own = new Set(plans);
  return {
    size: () => index.size(),
    frequency: (stem) => index.frequency(stem),
    stems: () => index.stems(),
    get: (refs) => index.get(refs).filter((unit) => own.has(unit.planId)),
    search: (stems, asked, limit) =>
      index.search(stems, asked ? asked.filter((plan) => own.has(plan)) : plans, limit),
  };
}
