import { frenchName, type Place, plural as s } from './format.ts';
import { indicators, type ProgressKind } from './indicators.ts';

/** The verdict of a progress row: the card's, or no value at all. */
export type VerdictKind = ProgressKind | 'no_value';

/** " pour le Cantal, pour l'Allier": the scopes a progress question named, or nothing. */
const forPlaces = (scopes: Place[]) =>
  scopes.length ? ` ${scopes.map((x) => frenchName(x, 'pour')).join(', ')}` : '';

/** The words of progress answers ("Où en est-on ?"); the card's verdicts come from `indicators`. */
export const progress = {
  statusTitle: 'Où en est-on',
  lateTitle: 'Ce qui est en retard',
  missingTitle: (period: string) => `Sans valeur pour ${period}`,
  measures: 'mesure',
  verdict: (v: VerdictKind) => (v === 'no_value' ? 'pas de valeur' : indicators.progress[v]),
  target: 'cible',
  baseline: 'valeur initiale',
  laterTarget: (period: string, value: string) => `cible ${period} : ${value}`,
  trend: (arrow: string, delta: string, period: string, before: string) =>
    `${arrow} ${delta} depuis ${period} (${before})`,
  nothingToCompare: (period: string) => `pas de valeur en ${period} pour comparer`,
  nextDue: (date: string) => `prochaine remontée le ${date}`,
  overdue: (date: string, period: string) => `remontée attendue le ${date} pour ${period}, en retard`,
  gap: (period: string, delta: string, leader: Place) =>
    `Écart en ${period} : ${delta} en faveur ${frenchName(leader, 'de')}.`,
  level: (period: string) => `En ${period}, les valeurs sont égales.`,
  withoutValue: 'Sur ce thème, sans valeur, cible ni échéance :',
  proposedNote: 'Une valeur « proposée » attend la validation d’un validateur de son périmètre.',
  nothingYet: (what: string) => `Aucune valeur n’est encore enregistrée${what}.`,
  indicatorsOfTheme: 'Les indicateurs des plans :',
  whoCanRecord: (scopes: Place[]) =>
    `**Qui peut saisir** : les contributeurs et les validateurs ${scopes.map((x) => frenchName(x, 'de')).join(' ou ')}, et les administrateurs.`,
  youCan: 'Vous en faites partie.',
  youCannot: (example: string) =>
    `Vous n’en faites pas partie : un administrateur peut vous l’accorder (« ${example} »).`,
  grantExample: (scope: string, user: string) => `donner contributeur ${scope} à ${user}`,
  how: (example: string) =>
    `**Comment** : écrivez par exemple « ${example} » ; un aperçu s’affiche, rien n’est enregistré avant « Confirmer ».`,
  example: (id: string, scope: string, period: string, value: string) =>
    `saisir ${id} ${scope} ${period} ${value}`,
  /** Values for the example message, by the indicator's unit (counts and numbers read "14"). */
  examplePercent: '62,5 %',
  exampleText: '« trois réunions tenues »',
  enterButton: 'Saisir une valeur',
  chartButton: 'Graphique',
  latestBefore: (value: string, period: string) => `dernière valeur : ${value} en ${period}`,
  othersHave: (n: number, period: string) =>
    n === 1
      ? `Une autre valeur attendue est enregistrée pour ${period}.`
      : `${n} autres valeurs attendues sont enregistrées pour ${period}.`,
  allHave: (n: number, period: string) =>
    n === 1
      ? `La valeur attendue pour ${period} est enregistrée.`
      : `Les ${n} valeurs attendues pour ${period} sont toutes enregistrées.`,
  untracked: (n: number) =>
    `${n} autre${s(n)} indicateur${s(n)} des plans en cours n’${n > 1 ? 'ont' : 'a'} ni valeur, ni cible, ni échéance.`,
  lateReports: '**Remontées en retard**',
  behindTarget: '**En retard sur la cible**',
  lateRow: (date: string, period: string) => `attendue le ${date} pour ${period}, pas de valeur`,
  nothingLate: (upToDate: number, fine: number) =>
    `Rien n’est en retard : ${upToDate} remontée${s(upToDate)} à jour, ${fine} valeur${s(fine)} dans les temps ou à la cible.`,
  more: (n: number) => `… et ${n} autre${s(n)} : précisez un thème ou un périmètre.`,
  inThePlan: (scope: Place) => `**Ce que prévoit le plan pour ${frenchName(scope)}** :`,
  futurePeriod: (period: string, current: string) =>
    `La période ${period} n’a pas commencé : aucune valeur ne peut encore y être enregistrée. Demandez par exemple ${current}.`,
  badPeriod: (text: string) =>
    `Je ne lis pas « ${text} » comme une période : écrivez une année scolaire (2025-2026), une année (2026) ou une date (30/06/2026).`,
  unknownPlace: (places: string, known: string) =>
    `Je ne connais pas ${places} : Boussole suit ${known}. Exemple : « Où en est le Cantal sur les faits numériques ? »`,
  unknownSection:
    'Je ne trouve pas cette section dans les plans. Donnez son numéro tel qu’il est imprimé (« objectif 1.3 », « axe 2 ») ou un thème : « Où en est-on sur la lecture ? »',
  noIndicator: (theme: string, where: string) => `Aucun indicateur des plans ne mesure « ${theme} »${where}.`,
  elsewhere: 'Sur ce thème, les indicateurs sont ceux d’une autre académie :',
  rephrase:
    'Reformulez avec les mots d’un indicateur, ou écrivez « fiche MOTS » ; « Où en est-on ? » donne tous les indicateurs suivis.',
  planFallback: (theme: string, where: string) =>
    `Aucun indicateur des plans ne mesure « ${theme} »${where} : voici ce que disent les plans.`,
  nothingTracked: (where: string, counts: string) =>
    `Aucune valeur, cible ni échéance n’est encore enregistrée${where}. Les plans en cours comptent ${counts}. Nommez un thème (« Où en est le Cantal sur les faits numériques ? ») pour voir ses indicateurs, qui peut les saisir et comment.`,
  and: 'et',
  /** " pour « lecture »": the theme a progress answer is about. */
  onTheme: (theme: string) => ` pour « ${theme} »`,
  forPlaces,
  indicatorCount: (n: number) => `${n} indicateur${s(n)}`,
};
