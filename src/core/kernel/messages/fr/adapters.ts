import { plural as s } from './format.ts';

/** The few words each surface writes itself; everything else comes from the core's replies. */
export const adapters = {
  slack: {
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
  teams: {
    sources: 'Sources',
    feedbackUp: '👍 Utile',
    feedbackDown: '👎 Pas utile',
    truncated: 'Réponse tronquée : elle dépasse la taille d’un message Teams.',
    imageTooLarge: 'Graphique non affiché : il dépasse la taille d’un message Teams.',
    moreSources: (n: number) => `… et ${n} autre${s(n)} source${s(n)}.`,
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
  console: {
    sources: 'Sources :',
    optional: ' (facultatif)',
    choices: 'choix',
    example: 'ex.',
    toSend: 'Pour envoyer, modifiez et tapez',
    chartSaved: 'Graphique enregistré',
    fileSaved: 'Fichier enregistré',
    replaced: ' (remplacé)',
    cannotWrite: (target: string, reason: string) =>
      `Impossible d’écrire ${target} (${reason}) : vérifiez les droits du dossier.`,
  },
  chart: {
    target: 'Cible',
    empty: 'Aucune valeur enregistrée',
  },
  llm: {
    /** Shown under an answer when the writing model failed and the offline answer stands. */
    unavailable: 'Assistant rédactionnel indisponible : réponse directe tirée des plans.',
    /** The language the model is told to write in. */
    language: 'français',
  },
};
