import type { PlanShelf } from './library.ts';
import { ScopeRegistry } from './scopes.ts';

/**
 * One académie's part of the shelf (BOUSSOLE_TENANTS): its plans, and nothing of another's, even
 * asked by id. The plan of a node is the part of its id before the first colon.
 */
export function academieShelf(shelf: PlanShelf, academie: string): PlanShelf {
  const plans = shelf.plans().filter((plan) => plan.academie === academie);
  const own = new Set(plans.map((plan) => plan.id));
  const ofOwnPlan = (id: string) => own.has(id.split(':')[0] as string);
  return {
    plans: () => plans,
    nodes: (planId) => (own.has(planId) ? shelf.nodes(planId) : []),
    passages: (planId) => (own.has(planId) ? shelf.passages(planId) : []),
    nodesOfKind: (kind) => shelf.nodesOfKind(kind).filter((node) => own.has(node.planId)),
    findShort: (short) => shelf.findShort(short).filter((node) => ofOwnPlan(node.id)),
  };
}

/**
 * The académie and its départements: the places an académie's view knows. Another académie's
 * départements are then unknown places, answered as such ("je n'ai pas de plan pour le Loiret").
 */
export function academieScopes(scopes: ScopeRegistry, academie: string): ScopeRegistry {
  return new ScopeRegistry(scopes.all.filter((scope) => scopes.academieOf(scope.key) === academie));
}
