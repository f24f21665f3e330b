/** How the measurements name a value's unit. */
export type UnitKind = 'percent' | 'count' | 'number' | 'text';
/** Where a value stands against its target (the card's verdict). */
export type ProgressKind = 'ahead' | 'on_track' | 'behind' | 'no_target';
export type RoleKind = 'contributor' | 'validator' | 'admin';

/** What is recorded, read back: the indicator card, its history and chart, the export, the review, the rights. */
export const indicators = {
  unit: 'Unité',
  units: {
    percent: 'pourcentage',
    count: 'effectif',
    number: 'nombre',
    text: 'qualitatif',
  } satisfies Record<UnitKind, string>,
  progress: {
    ahead: 'cible atteinte',
    on_track: 'dans les temps',
    behind: 'en retard',
    no_target: 'pas de cible',
  } satisfies Record<ProgressKind, string>,
  noValueYet: 'Aucune valeur enregistrée pour le moment.',
  history: 'Historique',
  chart: 'Graphique',
  noValue: 'Aucune valeur enregistrée.',
  superseded: ' — remplacée',
  qualitativeNoChart: 'Cet indicateur est qualitatif : pas de graphique, voyez son historique.',
  baseline: 'Valeur initiale',
  percentRange: 'Un pourcentage est compris entre 0 et 100.',
  /** " pour Cantal": the scope a list or a right is limited to. */
  forScope: (scope: string) => ` pour ${scope}`,
  export: {
    unavailable: 'L’export n’est pas disponible ici.',
    table: 'Tableau de suivi',
    rows: (n: number) => `${n} ligne${n > 1 ? 's' : ''}`,
    done: (where: string, rows: string, format: string) =>
      `📎 **Tableau de suivi**${where} : ${rows}, au format ${format} (valeur en vigueur, cible, valeur initiale, statut, auteur).`,
    unknownWord: (word: string) =>
      `Format ou périmètre inconnu « ${word} ». Écrivez « export » (Excel), « export csv », ou « export xlsx cantal » pour un seul périmètre.`,
  },
  review: {
    nothing: 'Aucune valeur à valider pour vos périmètres.',
    supersededBy: (id: string) => ` — remplacée par \`${id}\``,
    more: (n: number) => `… et ${n} autre(s) : validez ou rejetez celles-ci pour voir les suivantes.`,
    title: (n: number) => `**Valeurs à valider (${n})**`,
    validate: 'Valider',
    reject: 'Rejeter',
    unknownValue: 'Valeur inconnue.',
    validatorsOnly: (scope: string) =>
      `Seuls les validateurs de ${scope} et les administrateurs peuvent valider cette valeur.`,
  },
  rights: {
    roles: {
      contributor: 'contributeur',
      validator: 'validateur',
      admin: 'admin',
    } satisfies Record<RoleKind, string>,
    unknownRole: (word: string) =>
      `Rôle inconnu « ${word} ». Rôles : contributeur, validateur, admin (lecteur : tout le monde).`,
    everyoneReads: 'Tout le monde est lecteur : rien à changer.',
    giveScope: (role: 'contributor' | 'validator') =>
      `Précisez le périmètre : par exemple « ${role === 'contributor' ? 'contributeur' : 'validateur'} cantal ».`,
    unknownScope: (word: string) =>
      `Périmètre inconnu « ${word} ». Exemples : cantal, allier, haute-loire, puy-de-dome, clermont-ferrand.`,
    granted: (user: string, role: string, where: string) => `${user} est maintenant ${role}${where}.`,
    alreadyHad: (user: string, role: string, where: string) => `${user} était déjà ${role}${where}.`,
    revoked: (user: string, role: string, where: string) => `${user} n’est plus ${role}${where}.`,
    didNotHave: (user: string, _role: string, where: string) =>
      `${user} n’avait pas ce rôle${where} : rien à retirer.`,
    adminsOnly: 'Seul un administrateur peut gérer les droits.',
    unreadableUser:
      'Utilisateur illisible : écrivez slack:U123, teams:29:…, console:alice, ou mentionnez la personne.',
    yours: (user: string) => `Vos droits (${user}) : lecteur`,
  },
  targets: {
    usage: (kind: 'target' | 'baseline') =>
      `Écrivez par exemple « ${kind === 'target' ? 'cible' : 'valeur initiale'} faits numériques cantal 2026-2027 65 % ».`,
    theIndicator: 'l’indicateur',
    theScope: 'le périmètre',
    thePeriod: 'la période',
    theValue: 'la valeur',
    missing: (parts: string[], usage: string) => `Il manque : ${parts.join(', ')}. ${usage}`,
    validatorsOnly: (scope: string) =>
      `Seuls les validateurs de ${scope} et les administrateurs fixent les cibles.`,
  },
};
