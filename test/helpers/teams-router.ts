import type {
  Actor,
  Citation,
  ConversationRef,
  InboundMessage,
  Reply,
  Router,
} from '../../src/core/kernel/types.ts';

/**
 * A scripted stand-in for the core router, so the Teams tests exercise the adapter alone. It
 * records what the adapter handed it. Any Router (the real one included) can be passed to the
 * harness instead.
 */
export interface ScriptedRouter extends Router {
  messages: InboundMessage[];
  clicks: {
    actor: Actor;
    conversation: ConversationRef;
    buttonId: string;
    values?: Record<string, string>;
  }[];
  homes: Actor[];
}

export const CANTAL_QUESTION = 'Quelles actions visent les faits numériques dans le Cantal ?';
export const PLAN_TITLE = 'Feuille de route CASF 2025-2030';

export const CANTAL_CITATIONS: Citation[] = [
  {
    n: 1,
    id: 'cf-casf-2025/a1/cantal/automatismes/action-1',
    plan: PLAN_TITLE,
    planId: 'cf-casf-2025',
    kind: 'action',
    scope: 'Cantal',
    path: ['Axe stratégique 1', 'Objectifs liés aux automatismes mathématiques'],
    text: 'Élaborer à nouveau une formation départementale centrée sur les faits numériques et les procédures de calcul, à partir du cycle 2.',
    source: { file: '002_daa8e2553029d5e7.txt', lines: [210, 210], page: 8 },
  },
  {
    n: 2,
    id: 'cf-casf-2025/a1/cantal/automatismes/action-2',
    plan: PLAN_TITLE,
    planId: 'cf-casf-2025',
    kind: 'action',
    scope: 'Cantal',
    path: ['Axe stratégique 1', 'Objectifs liés aux automatismes mathématiques'],
    text: 'Au cycle 1, prioriser la formation des enseignants sur la décomposition / composition des petits nombres (habiletés numériques)',
    source: { file: '002_daa8e2553029d5e7.txt', lines: [211, 211], page: null },
  },
];

export const CANTAL_ANSWER: Reply = {
  status: 'answered',
  lang: 'fr',
  text:
    'Dans le Cantal, la **feuille de route CASF** prévoit deux actions sur les faits numériques :\n\n' +
    '• Élaborer à nouveau une formation départementale centrée sur les faits numériques et les procédures de calcul, à partir du cycle 2 [1].\n' +
    '• Au cycle 1, prioriser la formation des enseignants sur la décomposition / composition des petits nombres [2].',
  citations: CANTAL_CITATIONS,
  answerId: 'answer-cantal-1',
};

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

export function createScriptedRouter(): ScriptedRouter {
  const router: ScriptedRouter = {
    messages: [],
    clicks: [],
    homes: [],
    async handleMessage(message) {
      router.messages.push(message);
      if (fold(message.text) === fold(CANTAL_QUESTION)) return CANTAL_ANSWER;
      if (fold(message.text).startsWith('saisir')) {
        return {
          status: 'preview',
          lang: 'fr',
          text: 'Vous allez enregistrer **42 %** pour « % d’élèves groupe 3 faits numériques » (Cantal, 2026).',
          buttons: [
            { id: 'confirm:m-1', label: 'Confirmer', style: 'primary' },
            { id: 'edit:m-1', label: 'Modifier' },
            { id: 'cancel:m-1', label: 'Annuler', style: 'danger' },
          ],
        };
      }
      return {
        status: 'not_found',
        lang: 'fr',
        text: 'Je n’ai rien trouvé. Tapez **aide** pour voir ce que je sais faire.',
      };
    },
    async homeView(actor) {
      router.homes.push(actor);
      const name = actor.displayName ? ` ${actor.displayName}` : '';
      return { status: 'info', lang: 'fr', text: `Bonjour${name} ! Voici vos échéances.` };
    },
    async handleClick(actor, conversation, buttonId, values) {
      router.clicks.push({ actor, conversation, buttonId, ...(values ? { values } : {}) });
      if (buttonId.startsWith('confirm')) return { status: 'saved', lang: 'fr', text: 'Mesure enregistrée.' };
      return { status: 'info', lang: 'fr', text: `Action ${buttonId} prise en compte.` };
    },
  };
  return router;
}
