import { DEFAULT_LANG, isLang, messages } from '../kernel/messages/index.ts';
import { type Actor, type ConversationRef, conversationKey, type Lang, type Reply } from '../kernel/types.ts';
import { normaliseForm } from '../plans/scopes.ts';
import { handleAdminCommand } from './admin.ts';
import type { MeasurementDeps } from './deps.ts';
import { MeasurementEntry } from './entry.ts';
import { exportTrackingTable } from './export.ts';
import type { IndicatorInfo } from './indicators.ts';
import { readMeasurement } from './parse.ts';
import { indicatorCard, indicatorChart, indicatorHistory } from './views.ts';

export interface MeasurementRoutes {
  /** A reply when the message is about measurements (entry, views, admin), else undefined. */
  message(actor: Actor, conversation: ConversationRef, text: string, lang: Lang): Promise<Reply | undefined>;
  click(
    actor: Actor,
    conversation: ConversationRef,
    buttonId: string,
    values?: Record<string, string>,
  ): Promise<Reply | undefined>;
}

/** The measurement side of the router: recognised before a message is taken as a question. */
export function createMeasurementRoutes(deps: MeasurementDeps): MeasurementRoutes {
  const entry = new MeasurementEntry(deps);

  const resolve = (words: string): { indicator?: IndicatorInfo; scope?: string } => {
    const catalog = deps.catalog();
    const byId = catalog.get(words.trim());
    if (byId) return { indicator: byId };
    const folded = ` ${normaliseForm(words)} `;
    const scope = deps
      .library()
      .scopes.forms()
      .find(({ form }) => folded.includes(` ${form} `))?.scope.key;
    const top = catalog.search(words, scope ? { scope } : {})[0];
    return { ...(top && top.score >= 0.45 ? { indicator: top.indicator } : {}), ...(scope ? { scope } : {}) };
  };

  const notFound = (words: string, lang: Lang): Reply => ({
    status: 'not_found',
    lang,
    text: messages(lang).measurements.noIndicatorFor(words),
    citations: [],
  });

  return {
    async message(actor, conversation, text, lang) {
      const admin = await handleAdminCommand(actor, text, lang, deps);
      if (admin) return admin;
      const exported = await exportTrackingTable(text, lang, deps);
      if (exported) return exported;
      const view =
        /^(fiche|indicateur|indicator|card|historique|history|graphique|graph|chart|courbe)\s+(?!.*\?)(.+)$/iu.exec(
          text,
        );
      if (view) {
        const words = view[2] as string;
        const { indicator, scope } = resolve(words);
        if (!indicator) return notFound(words, lang);
        const kind = (view[1] as string).toLowerCase();
        if (/^(?:historique|history)$/u.test(kind))
          return await indicatorHistory(indicator, deps, lang, scope);
        if (/^(?:graphique|graph|chart|courbe)$/u.test(kind)) return indicatorChart(indicator, deps, lang);
        return await indicatorCard(indicator, deps, lang);
      }
      const key = conversationKey(conversation);
      let continued: Reply | undefined;
      try {
        continued = await entry.continueDraft(actor, key, text);
      } catch (error) {
        // The shared database does not answer: a question is still answered from the plans, which
        // every replica holds itself; anything else (a value, a draft's follow-up) gets the apology.
        if (!/\?\s*$/u.test(text)) throw error;
        deps.log?.('draft lookup failed, answered as a question', { error: (error as Error).message });
      }
      if (continued) return continued;
      const reading = readMeasurement(text, deps.library().scopes);
      if (reading) return await entry.start(actor, key, text, reading, lang);
      return undefined;
    },
    async click(actor, conversation, buttonId, values) {
      // A button offered in an English answer says so: "chart:i0ab56d1:en".
      const view = /^(history|chart):([\w-]+)(?::(fr|en))?$/u.exec(buttonId);
      if (view) {
        const indicator = deps.catalog().get(view[2] as string);
        if (!indicator) return undefined;
        const lang: Lang = isLang(view[3]) ? view[3] : DEFAULT_LANG;
        return view[1] === 'history'
          ? await indicatorHistory(indicator, deps, lang)
          : indicatorChart(indicator, deps, lang);
      }
      const review = /^review:(validated|rejected):(m[0-9a-f]{12})$/u.exec(buttonId);
      if (review) {
        const verb = review[1] === 'validated' ? 'valider' : 'rejeter';
        return await handleAdminCommand(actor, `${verb} ${review[2]}`, 'fr', deps);
      }
      const enter = /^enter:([\w-]+):([\w-]+):([\d-]+)$/u.exec(buttonId);
      if (enter) {
        const indicator = deps.catalog().get(enter[1] as string);
        if (!indicator) return undefined;
        return entry.enter(
          actor,
          conversationKey(conversation),
          indicator.node.id,
          enter[2] as string,
          enter[3] as string,
          'fr',
        );
      }
      return entry.click(actor, buttonId, values);
    },
  };
}
