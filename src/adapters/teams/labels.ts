import type { Lang } from '../../core/kernel/types.ts';

/** The few words the Teams adapter writes itself; everything else comes from the core's Reply. */
const LABELS = {
  fr: {
    sources: 'Sources',
    feedbackUp: '👍 Utile',
    feedbackDown: '👎 Pas utile',
    truncated: 'Réponse tronquée : elle dépasse la taille d’un message Teams.',
    imageTooLarge: 'Graphique non affiché : il dépasse la taille d’un message Teams.',
    moreSources: (n: number) => `… et ${n} autre${n > 1 ? 's' : ''} source${n > 1 ? 's' : ''}.`,
    required: 'Champ obligatoire',
    alreadyHandled: 'Cette action a déjà été prise en compte.',
    fileInPersonalChat:
      'Teams n’envoie un fichier qu’en conversation personnelle : écrivez la même demande à Boussole en conversation personnelle.',
    fileGone: 'Ce fichier n’est plus disponible : redemandez l’export.',
    fileDeclined: 'D’accord, le fichier n’a pas été envoyé.',
    fileUploadFailed: 'Le fichier n’a pas pu être déposé dans votre OneDrive : réessayez dans un instant.',
    failure: 'Désolé, je n’ai pas pu traiter votre demande. Réessayez dans un instant.',
    installedInChat:
      'Boussole est installé ici. Mentionnez @Boussole avec votre question, par exemple : « @Boussole quelles actions visent les faits numériques dans le Cantal ? »',
  },
  en: {
    sources: 'Sources',
    feedbackUp: '👍 Helpful',
    feedbackDown: '👎 Not helpful',
    truncated: 'Answer truncated: it exceeds the size of a Teams message.',
    imageTooLarge: 'Chart not shown: it exceeds the size of a Teams message.',
    moreSources: (n: number) => `… and ${n} more source${n > 1 ? 's' : ''}.`,
    required: 'Required field',
    alreadyHandled: 'This action has already been taken into account.',
    fileInPersonalChat:
      'Teams only sends files in a personal chat: send the same request to Boussole in your personal chat.',
    fileGone: 'This file is no longer available: ask for the export again.',
    fileDeclined: 'All right, the file was not sent.',
    fileUploadFailed: 'The file could not be stored in your OneDrive: please try again in a moment.',
    failure: 'Sorry, I could not process your request. Please try again in a moment.',
    installedInChat:
      'Boussole is installed here. Mention @Boussole with your question, for example: “@Boussole which actions target number facts in Cantal?”',
  },
} as const;

export type Labels = (typeof LABELS)[Lang];

export function labelsFor(lang: Lang): Labels {
  return LABELS[lang] ?? LABELS.fr;
}

/** Teams sends the client's locale ("fr-FR", "en-US"); French unless the client is in English. */
export function langOfLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
