import type {
  Actor,
  Citation,
  ConversationRef,
  FormSpec,
  InboundMessage,
  Reply,
  Router,
} from '../../src/core/kernel/types.ts';

export const CANTAL_QUESTION = 'Quelles actions visent les faits numériques dans le Cantal ?';

/** A 1×1 transparent PNG: enough for files.uploadV2 to have bytes to send. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const CANTAL_CITATIONS: Citation[] = [
  {
    n: 1,
    id: 'cantal-a-2-3',
    plan: 'Projet départemental du Cantal 2023-2027',
    planId: 'cantal',
    kind: 'action',
    scope: 'Cantal',
    path: ['Axe 2 — Climat scolaire', 'Objectif 3 — Prévenir le harcèlement'],
    text: 'Former les équipes à la prévention du cyberharcèlement et des faits numériques.',
    source: { file: 'cantal.txt', lines: [120, 124], page: 14 },
  },
  {
    n: 2,
    id: 'cantal-a-2-4',
    plan: 'Projet départemental du Cantal 2023-2027',
    planId: 'cantal',
    kind: 'action',
    scope: 'Cantal',
    path: ['Axe 2 — Climat scolaire'],
    text: 'Installer un référent « usages numériques » dans chaque collège.',
    source: { file: 'cantal.txt', lines: [130, 133], page: null },
  },
];

/** The entry form of one measurement draft. */
const measureForm = (draft: string): FormSpec => ({
  title: 'Modifier la mesure',
  submitId: `submit:${draft}`,
  submitLabel: 'Enregistrer',
  fields: [
    { id: 'value', label: 'Valeur', value: '42', placeholder: 'un nombre' },
    {
      id: 'period',
      label: 'Période',
      options: [
        { value: '2024', label: 'Année 2024' },
        { value: '2025', label: 'Année 2025' },
      ],
      value: '2024',
    },
    { id: 'comment', label: 'Commentaire', optional: true, multiline: true },
  ],
});

export interface RecordedClick {
  actor: Actor;
  conversation: ConversationRef;
  buttonId: string;
  values?: Record<string, string>;
}

export interface ScriptedRouter extends Router {
  messages: InboundMessage[];
  clicks: RecordedClick[];
  homes: Actor[];
  /** Measurements "saved" by confirm or form submission, once per draft. */
  saved: { draft: string; value: string }[];
}

/**
 * A Router with scripted answers for the Slack tests and the benchmark: the Cantal question gets
 * a cited answer, "saisir …" a preview with Confirmer / Modifier / Annuler, and so on. It knows
 * nothing of Slack; the real router replaces it without touching the tests' Slack side.
 */
export function createScriptedRouter(): ScriptedRouter {
  const messages: InboundMessage[] = [];
  const clicks: RecordedClick[] = [];
  const homes: Actor[] = [];
  const saved: { draft: string; value: string }[] = [];

  function save(draft: string, value: string): Reply {
    if (saved.some((s) => s.draft === draft)) {
      return { status: 'info', lang: 'fr', text: 'Cette mesure est déjà enregistrée.' };
    }
    saved.push({ draft, value });
    return { status: 'saved', lang: 'fr', text: `Mesure enregistrée : **${value}** élèves formés.` };
  }

  return {
    messages,
    clicks,
    homes,
    saved,
    async handleMessage(message) {
      messages.push(message);
      const text = message.text.trim();
      const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      if (folded.includes('faits numeriques') && folded.includes('cantal')) {
        return {
          status: 'answered',
          lang: 'fr',
          text: 'Deux actions du plan du Cantal visent les faits numériques :\n\n• Former les équipes à la prévention du cyberharcèlement [1]\n• Installer un référent « usages numériques » dans chaque collège [2]',
          citations: CANTAL_CITATIONS,
          answerId: 'answer-1',
        };
      }
      if (/^what\b/iu.test(text)) {
        return {
          status: 'answered',
          lang: 'en',
          text: 'Two actions target online incidents [1].',
          citations: CANTAL_CITATIONS.slice(0, 1),
        };
      }
      if (folded === 'aide')
        return { status: 'info', lang: 'fr', text: '**Boussole** répond aux questions sur les plans.' };
      if (folded === 'echeances') {
        return {
          status: 'info',
          lang: 'fr',
          text: '• 30 juin : taux de formation',
          buttons: [{ id: 'snooze:ind-1', label: 'Reporter d’une semaine' }],
        };
      }
      // Each entry starts its own draft, as the real router's measurement flow does.
      const draft = `draft-${messages.length}`;
      if (folded.startsWith('saisir')) {
        return {
          status: 'preview',
          lang: 'fr',
          text: 'Aperçu : **42** élèves formés (2024). Confirmer ?',
          buttons: [
            { id: `confirm:${draft}`, label: 'Confirmer', style: 'primary' },
            { id: `edit:${draft}`, label: 'Modifier' },
            { id: `cancel:${draft}`, label: 'Annuler', style: 'danger' },
          ],
        };
      }
      if (folded.startsWith('formulaire')) {
        return { status: 'needs_input', lang: 'fr', text: 'Saisissez la mesure.', form: measureForm(draft) };
      }
      if (folded.startsWith('graphique')) {
        return {
          status: 'answered',
          lang: 'fr',
          text: 'Évolution du taux de formation.',
          image: { png: PNG, filename: 'evolution.png', title: 'Évolution' },
        };
      }
      if (folded.startsWith('panne')) throw new Error('router down');
      if (folded.startsWith('cri'))
        return { status: 'answered', lang: 'fr', text: `Vous avez écrit : ${text}` };
      return { status: 'not_found', lang: 'fr', text: 'Je n’ai rien trouvé dans les plans sur ce point.' };
    },
    async homeView(actor) {
      homes.push(actor);
      return {
        status: 'info',
        lang: 'fr',
        text: '**Mes indicateurs**\n\n• Taux de formation — dernière valeur : 42\n\n**Échéances**\n\n• 30 juin',
        buttons: [{ id: 'remind:enter:ind-1', label: 'Saisir maintenant', style: 'primary' }],
      };
    },
    async handleClick(actor, conversation, buttonId, values) {
      clicks.push({ actor, conversation, buttonId, ...(values ? { values } : {}) });
      const [kind, ...parts] = buttonId.split(':');
      const rest = parts.join(':');
      switch (kind) {
        case 'confirm':
          return save(rest, '42');
        case 'edit':
          return { status: 'needs_input', lang: 'fr', text: 'Corrigez la mesure.', form: measureForm(rest) };
        case 'remind':
          return {
            status: 'needs_input',
            lang: 'fr',
            text: 'Saisissez la mesure.',
            form: measureForm(`home-${rest}`),
          };
        case 'submit': {
          const value = values?.value ?? '';
          if (!/^\d+$/u.test(value)) {
            return {
              status: 'invalid',
              lang: 'fr',
              text: 'La valeur doit être un nombre.',
              form: measureForm(rest),
            };
          }
          return save(rest, value);
        }
        case 'snooze':
          return { status: 'info', lang: 'fr', text: 'Rappel reporté au 7 juillet.' };
        case 'cancel':
          return { status: 'cancelled', lang: 'fr', text: 'Saisie annulée.' };
        case 'feedback':
          return { status: 'info', lang: 'fr', text: 'Merci pour votre retour.', private: true };
        default:
          return { status: 'error', lang: 'fr', text: 'Bouton inconnu.' };
      }
    },
  };
}
