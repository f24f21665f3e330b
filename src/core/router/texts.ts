import type { Lang } from '../kernel/types.ts';

/** Fixed replies of the router, in both languages. */
export const HELP: Record<Lang, string> = {
  fr: [
    '**Boussole** répond à vos questions sur les plans stratégiques de l’académie, avec les sources.',
    '',
    '• Posez une question : « Quelles actions visent les faits numériques dans le Cantal ? »',
    '• « Quels indicateurs pour le harcèlement dans le projet stratégique 2023-2027 ? »',
    '• « Quels sont les critères d’évaluation de l’objectif 1.3 ? »',
    '• `plans` : la liste des plans connus',
    '• `montre ID` : un élément d’un plan (l’id figure dans les sources)',
    '',
    '**Indicateurs**',
    '• Saisir une valeur : « Cantal 2025-2026 : 62,5 % d’élèves groupe 3 faits numériques » (aperçu, puis Confirmer)',
    '• « Où en est le Cantal sur les faits numériques ? », « Qu’est-ce qui est en retard ? », « Quels indicateurs n’ont pas de valeur pour 2025-2026 ? » : valeurs, cibles et échéances',
    '• `fiche faits numériques`, `historique faits numériques cantal`, `graphique faits numériques`',
    '• `à valider` (validateurs), `droits` : vos rôles',
    '• `échéances` : vos prochaines dates de remontée ; `échéance liste` : toutes (les admins ajoutent : `échéance ajouter ID --yearly 06-30 --scope cantal --owner …`)',
    '• `export` : le tableau de suivi en fichier Excel (`export csv`, `export xlsx cantal`), envoyé à vous seul',
  ].join('\n'),
  en: [
    '**Boussole** answers your questions about the académie’s strategic plans, with sources.',
    '',
    '• Ask a question: “Which actions target faits numériques in Cantal?”',
    '• “What indicators does the 2023-2027 strategic project use for bullying?”',
    '• `plans`: the list of known plans',
    '• `show ID`: one item of a plan (ids appear in the sources)',
    '',
    '**Indicators**',
    '• Record a value: “record 38% reading for Haute-Loire 2025-2026” (preview, then Confirm)',
    '• “How is Cantal doing on faits numériques?”, “What’s overdue in Allier?”, “Which indicators have no value for 2025-2026?”: values, targets and deadlines',
    '• `card faits numériques`, `history faits numériques cantal`, `chart faits numériques`',
    '• `pending` (validators), `rights`: your roles',
    '• `my deadlines`: your next reporting dates; `deadline list`: all of them',
    '• `export`: the tracking table as an Excel file (`export csv`, `export xlsx cantal`), sent to you alone',
  ].join('\n'),
};

export const UNKNOWN_ID: Record<Lang, (id: string) => string> = {
  fr: (id) =>
    `Je ne connais pas l’élément « ${id} ». Les identifiants figurent dans les sources de mes réponses.`,
  en: (id) => `I don’t know the item “${id}”. Ids appear in the sources of my answers.`,
};

export const AMBIGUOUS_ID: Record<Lang, (id: string) => string> = {
  fr: (id) =>
    `Plusieurs éléments ont l’identifiant court « ${id} » : écrivez « montre » suivi de l’identifiant complet.`,
  en: (id) => `Several items have the short id “${id}”: write “show” followed by the full id.`,
};

export const FAILURE: Record<Lang, string> = {
  fr: 'Désolé, je n’ai pas pu traiter votre message. Réessayez dans un instant.',
  en: 'Sorry, I could not process your message. Please try again in a moment.',
};

/** The database is held by another process (an import, a backup…): it will pass. */
export const STORE_BUSY: Record<Lang, string> = {
  fr: 'Désolé, la base de Boussole est occupée par une autre opération (import, sauvegarde…) : rien n’a été enregistré. Réessayez dans une minute.',
  en: 'Sorry, Boussole’s database is busy with another operation (an import, a backup…): nothing was saved. Please try again in a minute.',
};

/** The database cannot be written (full disk, read-only or damaged file): someone must act. */
export const STORE_UNWRITABLE: Record<Lang, string> = {
  fr: 'Désolé, Boussole ne peut plus rien enregistrer (disque plein ou base en lecture seule) : rien n’a été enregistré. Prévenez l’administrateur de Boussole ; les questions sur les plans restent possibles.',
  en: 'Sorry, Boussole cannot save anything right now (disk full or read-only database): nothing was saved. Please tell Boussole’s administrator; questions about the plans still work.',
};

export const EMPTY: Record<Lang, string> = {
  fr: 'Je n’ai pas reçu de texte. Posez une question sur les plans, ou tapez « aide ».',
  en: 'I received no text. Ask a question about the plans, or type “help”.',
};

export const THANKS: Record<Lang, string> = {
  fr: 'Merci pour votre retour : il aide à améliorer les réponses.',
  en: 'Thanks for your feedback: it helps improve the answers.',
};

export const UNKNOWN_BUTTON: Record<Lang, string> = {
  fr: 'Ce bouton n’est plus valide (demande expirée ou déjà traitée). Reformulez votre demande.',
  en: 'This button is no longer valid (expired or already handled). Please ask again.',
};
