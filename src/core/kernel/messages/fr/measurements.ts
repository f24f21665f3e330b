/** A value's review status, as the measurements store it. */
export type ValueStatus = 'proposed' | 'validated' | 'rejected';

/** Recording a value: the preview, the questions asked until it is complete, the saved notice. */
export const measurements = {
  preview: 'Aperçu de la valeur — à confirmer',
  indicator: 'Indicateur',
  scope: 'Périmètre',
  period: 'Période',
  value: 'Valeur',
  comment: 'Commentaire',
  replaces: 'Remplace',
  target: 'Cible',
  nothingSaved: 'Rien n’est enregistré avant votre confirmation.',
  confirm: 'Confirmer',
  edit: 'Modifier',
  cancel: 'Annuler',
  cancelled: 'Saisie annulée : rien n’a été enregistré.',
  draftKept:
    'Votre saisie est conservée : envoyez seulement la correction (par exemple « valeur 62,5 % »), ou cliquez sur « Modifier ».',
  askPeriod:
    'Pour quelle période ? Répondez par exemple « 2025-2026 » (année scolaire), « 2026 » ou une date.',
  askScope: 'Pour quel périmètre ? Répondez par le nom du département ou de l’académie.',
  askValue: 'Quelle valeur ? Répondez par exemple « 62,5 % » ou « 14 ».',
  askText: 'Cet indicateur est qualitatif : envoyez le texte à enregistrer.',
  askIndicator:
    'Pour quel indicateur ? Répondez avec quelques mots de son intitulé (par exemple « faits numériques » ou « constellations »), ou son identifiant.',
  pick: 'Plusieurs indicateurs correspondent. Lequel ?',
  notOwner:
    'Cette saisie appartient à une autre personne : vous ne pouvez pas la confirmer. Pour saisir vous-même la valeur, écrivez-la dans la conversation.',
  notOwnerCancel:
    'Cette saisie appartient à une autre personne : vous ne pouvez pas l’annuler. Elle reste telle quelle.',
  notOwnerEdit:
    'Cette saisie appartient à une autre personne : vous ne pouvez pas la modifier. Pour saisir votre propre valeur, écrivez-la dans un nouveau message.',
  gone: 'Cette saisie n’est plus ouverte (annulée ou remplacée par une plus récente). Renvoyez la valeur si besoin.',
  editHelp:
    'Corrigez la saisie dans le formulaire, ou envoyez seulement ce qui change : « valeur 62,5 % », « période 2025-2026 », « périmètre Allier », « commentaire … ».',
  status: {
    proposed: 'proposée, en attente de validation',
    validated: 'validée',
    rejected: 'rejetée',
  } satisfies Record<ValueStatus, string>,
  unknownScope: (scope: string) =>
    `Je ne connais pas le périmètre « ${scope} ». Indiquez un département (Allier, Cantal, Haute-Loire, Puy-de-Dôme…) ou l’académie.`,
  otherAcademie: (academie: string, scope: string) =>
    `Cet indicateur appartient à un plan de l’${academie.replace(/^Académie/u, 'académie')} : il ne peut pas recevoir de valeur pour ${scope}. Indiquez un périmètre de cette académie.`,
  notAllowed: (name: string, scope: string, user: string) =>
    `Vous n’avez pas le droit d’enregistrer des valeurs pour ${name} : il faut être contributeur ou validateur de ce périmètre. Un administrateur peut vous l’accorder avec « donner contributeur ${scope} à ${user} ». Votre saisie est conservée.`,
  /** On the server's own console, whoever types is the operator: the CLI grants without an admin. */
  grantOnThisMachine: (user: string, scope: string) =>
    `\n\nSur cette machine : npm run --silent boussole -- grant ${user} contributeur ${scope}`,
  spelledValue: (text: string) =>
    `Je lis la valeur en toutes lettres (« ${text} ») : écrivez-la en chiffres, par exemple « valeur 62 % » ou « valeur 14 ».`,
  // The value is quoted as typed, in guillemets in both languages (the English text always had them).
  unreadableValue: (problem: string, text: string) => `${problem} (« ${text} »)`,
  unknownPeriod: (period: string) =>
    `Je ne reconnais pas la période « ${period} ». Écrivez une année scolaire (« 2025-2026 »), une année (« 2026 ») ou une date (« 30/06/2026 »).`,
  futurePeriod: (period: string) =>
    `La période ${period} n’a pas encore commencé : on ne peut enregistrer qu’une valeur observée. Indiquez la bonne période (par exemple « période 2025-2026 »).`,
  unknownIndicator: (asked: string) =>
    `Je n’ai pas trouvé d’indicateur qui corresponde à « ${asked} ». Vouliez-vous dire :`,
  unknownIndicatorHow:
    'Renvoyez la valeur avec les mots de l’indicateur, ou son identifiant : « saisir i0ab56d1 cantal 2025-2026 62,5 % ».',
  noIndicatorFor: (words: string) =>
    `Je n’ai pas trouvé d’indicateur pour « ${words} ». Essayez avec d’autres mots de son intitulé, ou son identifiant (par exemple « fiche i0ab56d1 »).`,
  alreadyRecorded: 'Cette valeur est déjà enregistrée (rien n’a été ajouté) :',
  recorded: '✅ Valeur enregistrée :',
  statusLine: (status: string, id: string) => `Statut : ${status}. Référence : \`${id}\`.`,
  replacesPrevious: 'Elle remplace la valeur précédente, qui reste dans l’historique.',
  previous: (value: string, day: string, who: string) =>
    `${value} enregistrée le ${day} par ${who} (conservée dans l’historique)`,
  editTitle: 'Modifier la saisie',
  previewButton: 'Voir l’aperçu',
  /** Why a value does not fit its indicator; numbers come formatted. */
  problems: {
    percentRange: (value: string) =>
      `${value} % n’est pas un pourcentage possible : la valeur doit être comprise entre 0 et 100.`,
    countInteger: (value: string) =>
      `Cet indicateur est un nombre entier (un effectif) : ${value} ne convient pas.`,
    countNegative: (value: string) => `Un effectif ne peut pas être négatif (${value}).`,
    notAPercent:
      'Cet indicateur est un nombre, pas un pourcentage : indiquez l’effectif (par exemple « 14 »).',
    missingText: 'Cet indicateur est qualitatif : écrivez le texte après deux-points ou entre guillemets.',
    textTooLong: (length: number, max: number) =>
      `Le texte est trop long (${length} caractères, ${max} au plus).`,
    tooLarge: (value: string, unit: 'count' | 'number', max: string) =>
      `${value} n’est pas ${unit === 'count' ? 'un effectif' : 'une valeur'} plausible pour cet indicateur (au plus ${max}) : vérifiez le nombre de zéros ou l’unité.`,
    notFinite: 'Je n’ai pas trouvé de valeur chiffrée lisible (par exemple « 62,5 % » ou « 14 »).',
  },
};
