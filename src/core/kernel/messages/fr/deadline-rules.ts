/** Month names as a French date writes them. Parsing "30 juin" reads its own list (deadlines/service.ts). */
const MOIS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** The cron fields, as an error names the faulty one. */
export type CronField = 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek';

/** A deadline's date rule in words, and what is wrong with one an admin typed or imported. */
export const rules = {
  /** "chaque année le 30 juin". */
  yearly: (day: number, month: number) => `chaque année le ${day} ${MOIS[month - 1]}`,
  dates: (dates: string[]) => `le${dates.length > 1 ? 's' : ''} ${dates.join(', ')}`,
  cron: (expr: string) => `cron « ${expr} »`,
  oneRule: 'Donnez une seule règle de date : --yearly, --date ou --cron.',
  badYearly: (text: string) => `Date annuelle illisible « ${text} » : écrivez MM-JJ, par exemple 06-30.`,
  badLeads: (text: string) =>
    `Délais illisibles « ${text} » : des nombres de jours séparés par des virgules, par exemple 14,7,1.`,
  unknownIndicator: (word: string) =>
    `Indicateur inconnu « ${word} » : donnez son identifiant (par exemple i0ab56d1).`,
  noRule: 'Précisez la date : --yearly MM-JJ (chaque année), --date AAAA-MM-JJ ou --cron "EXPR".',
  unknownScope: (word: string | undefined) => `Périmètre inconnu « ${word} ».`,
  outsideAcademie: (scope: string) => `${scope} n’est pas dans l’académie de cet indicateur.`,
  badRecipient: (reference: string, why: string) => `Destinataire illisible « ${reference} » : ${why}`,
  noRecipient:
    'Indiquez au moins un destinataire : --owner alice, --owner slack:U123 ou --owner slack:#C123 (canal).',
  unknownDeadline: (id: string) => `Échéance inconnue « ${id} » (voir « boussole deadline list »).`,
  badMonth: (month: number) => `Mois invalide : ${month} (attendu entre 1 et 12).`,
  impossibleDay: (day: number, month: number) =>
    `Date impossible : le ${day} ${MOIS[month - 1]} n'existe pas.`,
  noDates: 'Aucune date d’échéance indiquée.',
  badDate: (date: string) => `Date impossible : « ${date} » n'est pas une date AAAA-MM-JJ existante.`,
  cronFields: {
    minute: 'minute',
    hour: 'heure',
    dayOfMonth: 'jour du mois',
    month: 'mois',
    dayOfWeek: 'jour de la semaine',
  } satisfies Record<CronField, string>,
  badCron: (expr: string, reason: string) => `Expression cron « ${expr} » invalide : ${reason}.`,
  fieldCount: (found: number) =>
    `il faut 5 champs (minute heure jour-du-mois mois jour-de-la-semaine), ${found} trouvé(s)`,
  notAValue: (item: string, field: string) =>
    `« ${item} » n'est pas une valeur valide pour le champ ${field}`,
  stepTooSmall: (step: string, field: string) => `le pas « /${step} » du champ ${field} doit être au moins 1`,
  outOfRange: (value: string, field: string, range: string) =>
    `« ${value} » est hors limites pour le champ ${field} (${range})`,
  reversed: (range: string, field: string) => `l'intervalle « ${range} » du champ ${field} est à l'envers`,
  neverDue: "aucun jour de l'année ne correspond (date impossible)",
  /** `boussole deadline import`: a file that is not a list of deadlines. */
  defaultsFile:
    'ce fichier donne les règles de date par défaut de chaque plan (data/deadlines.json), pas des échéances : ' +
    'ajoutez une échéance avec « boussole deadline add INDICATEUR --scope P --owner U » (la règle par défaut du plan s’applique), ' +
    'ou importez un fichier {"deadlines": [{"indicator", "scope", "rule", "owners"}]} (format dans le README)',
  listExpected: 'une liste « deadlines » est attendue (format dans le README, « Échéances et rappels »)',
  entry: (n: number, error: string) => `entrée ${n} : ${error}`,
};
