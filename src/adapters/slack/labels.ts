import type { Lang } from '../../core/kernel/types.ts';

/** The adapter's own words (the router writes everything else), French first. */
const LABELS = {
  fr: {
    share: 'Partager dans le canal',
    sharedBy: 'Partagé par',
    shareExpired: "Cette réponse n'est plus disponible : reposez la question.",
    openForm: 'Ouvrir le formulaire',
    formExpired: "Ce formulaire n'est plus disponible : recommencez la saisie.",
    cancel: 'Annuler',
    feedbackUp: '👍',
    feedbackDown: '👎',
    imageInDm: 'Le graphique est joint dans une mention ou un message direct à Boussole.',
    fileInDm: 'Le fichier vous est envoyé en message direct par Boussole.',
    fileNoDm:
      'Le fichier ne peut pas être envoyé ici : écrivez la même demande à Boussole en message direct.',
    failure: 'Désolé, je n’ai pas pu traiter votre demande. Réessayez dans un instant.',
  },
  en: {
    share: 'Share in channel',
    sharedBy: 'Shared by',
    shareExpired: 'This answer is no longer available: please ask again.',
    openForm: 'Open the form',
    formExpired: 'This form is no longer available: please start again.',
    cancel: 'Cancel',
    feedbackUp: '👍',
    feedbackDown: '👎',
    imageInDm: 'The chart is attached when you mention Boussole or message it directly.',
    fileInDm: 'Boussole sends you the file in a direct message.',
    fileNoDm: 'The file cannot be sent here: send the same request to Boussole in a direct message.',
    failure: 'Sorry, I could not handle your request. Please try again in a moment.',
  },
} as const;

export type Labels = (typeof LABELS)[Lang];

export function labels(lang: Lang): Labels {
  return LABELS[lang];
}

const ENGLISH_HINTS =
  /\b(?:what|which|how|when|where|who|why|the|is|are|does|do|please|show|help|indicators?|deadlines?)\b/giu;
const FRENCH_HINTS =
  /\b(?:quels?|quelles?|comment|combien|quand|qui|pourquoi|le|la|les|des|est|sont|aide|indicateurs?)\b/giu;

/**
 * The user's language when no Reply tells it (the router failed): English only when the message
 * clearly reads as English, since the users are French education staff.
 */
export function guessLang(text: string | undefined): Lang {
  if (!text) return 'fr';
  const english = text.match(ENGLISH_HINTS)?.length ?? 0;
  const french = text.match(FRENCH_HINTS)?.length ?? 0;
  return english > french ? 'en' : 'fr';
}
