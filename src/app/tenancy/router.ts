import { detectLanguage } from '../../core/kernel/language.ts';
import { messages } from '../../core/kernel/messages/index.ts';
import type { Actor, Lang, Reply, Router } from '../../core/kernel/types.ts';
import type { ScopeRegistry } from '../../core/plans/scopes.ts';
import type { AppContext } from '../context.ts';

/**
 * The router of a deployment serving several académies (BOUSSOLE_TENANTS): each message goes to
 * its académie's router, built on that académie's view of the context (its plans, places,
 * measurements, rights and deadlines only). A workspace the configuration does not name gets a
 * refusal that says what to configure, and nothing of any académie. The console is the operator's
 * chat on the machine itself: it sees every académie, as the CLI does. Without BOUSSOLE_TENANTS,
 * this is the one router over everything.
 */
export function createTenantRouter(ctx: AppContext, build: (view: AppContext) => Router): Router {
  const everything = build(ctx);
  const tenants = ctx.config.tenants;
  if (!tenants.size) return everything;
  const routers = new Map<string, Router>();
  const routerOf = (actor: Actor): Router | null => {
    if (actor.platform === 'console') return everything;
    const academie = actor.workspace ? tenants.get(`${actor.platform}:${actor.workspace}`) : undefined;
    if (!academie) return null;
    let router = routers.get(academie);
    if (!router) {
      router = build(ctx.forAcademie(academie));
      routers.set(academie, router);
    }
    return router;
  };
  return {
    handleMessage: async (message) =>
      (await routerOf(message.actor)?.handleMessage(message)) ??
      unknownWorkspace(message.actor, detectLanguage(message.text)),
    homeView: async (actor) => (await routerOf(actor)?.homeView(actor)) ?? unknownWorkspace(actor, 'fr'),
    handleClick: async (actor, conversation, buttonId, values) =>
      (await routerOf(actor)?.handleClick(actor, conversation, buttonId, values)) ??
      unknownWorkspace(actor, 'fr'),
  };
}

function unknownWorkspace(actor: Actor, lang: Lang): Reply {
  const where = `${actor.platform}:${actor.workspace ?? '?'}`;
  return { status: 'refused', lang, text: messages(lang).router.unknownWorkspace(where), citations: [] };
}

/** The académies BOUSSOLE_TENANTS names that data/scopes.json does not know, in a message; null when all are known. */
export function unknownAcademies(tenants: Map<string, string>, scopes: ScopeRegistry): string | null {
  const known = scopes.all.filter((scope) => scope.kind === 'academie').map((scope) => scope.key);
  const unknown = [...new Set(tenants.values())].filter((key) => !known.includes(key));
  if (!unknown.length) return null;
  return `Configuration invalide :\n  BOUSSOLE_TENANTS : académie inconnue ${unknown.map((key) => `« ${key} »`).join(', ')} (académies connues : ${known.join(', ')})`;
}
