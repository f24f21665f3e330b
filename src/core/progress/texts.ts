import type { Lang } from '../kernel/types.ts';
import { PROGRESS } from '../measurements/views.ts';
import { frenchName, type Scope } from '../plans/scopes.ts';
import type { Verdict } from './facts.ts';

/** The words of progress answers, per language (the card's verdicts come from views.ts). */
export interface ProgressTexts {
  statusTitle: string;
  lateTitle: string;
  missingTitle(period: string): string;
  measures: string;
  verdict(verdict: Verdict): string;
  target: string;
  baseline: string;
  laterTarget(period: string, value: string): string;
  trend(arrow: string, delta: string, period: string, before: string): string;
  nothingToCompare(period: string): string;
  nextDue(date: string): string;
  overdue(date: string, period: string): string;
  gap(period: string, delta: string, leader: Scope): string;
  level(period: string): string;
  withoutValue: string;
  proposedNote: string;
  nothingYet(what: string): string;
  indicatorsOfTheme: string;
  whoCanRecord(scopes: Scope[]): string;
  youCan: string;
  youCannot(example: string): string;
  grantExample(scope: string, user: string): string;
  how(example: string): string;
  example(id: string, scope: string, period: string, value: string): string;
  enterButton: string;
  chartButton: string;
  latestBefore(value: string, period: string): string;
  othersHave(count: number, period: string): string;
  allHave(count: number, period: string): string;
  untracked(count: number): string;
  lateReports: string;
  behindTarget: string;
  lateRow(date: string, period: string): string;
  nothingLate(upToDate: number, fine: number): string;
  more(count: number): string;
  inThePlan(scope: Scope): string;
  futurePeriod(period: string, current: string): string;
  badPeriod(text: string): string;
  unknownPlace(places: string, known: string): string;
  unknownSection: string;
  noIndicator(theme: string, where: string): string;
  elsewhere: string;
  rephrase: string;
  planFallback(theme: string, where: string): string;
  nothingTracked(where: string, counts: string): string;
  and: string;
}

const DATES: Record<Lang, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** "2027-06-30" → "30 juin 2027" / "30 June 2027". */
export function longDate(day: string, lang: Lang): string {
  return DATES[lang].format(new Date(`${day}T12:00:00Z`));
}

/** "le Cantal", "the académie of Clermont-Ferrand": a scope inside a sentence. */
export function scopeInSentence(scope: Scope, lang: Lang, preposition: 'de' | 'pour' | null = null): string {
  if (lang === 'fr') return frenchName(scope, preposition);
  return scope.kind === 'academie' ? `the académie of ${scope.shortName}` : scope.shortName;
}

const s = (n: number) => (n > 1 ? 's' : '');

export const PROGRESS_TEXTS: Record<Lang, ProgressTexts> = {
  fr: {
    statusTitle: 'Où en est-on',
    lateTitle: 'Ce qui est en retard',
    missingTitle: (period) => `Sans valeur pour ${period}`,
    measures: 'mesure',
    verdict: (v) => (v === 'no_value' ? 'pas de valeur' : PROGRESS[v].fr),
    target: 'cible',
    baseline: 'valeur initiale',
    laterTarget: (period, value) => `cible ${period} : ${value}`,
    trend: (arrow, delta, period, before) => `${arrow} ${delta} depuis ${period} (${before})`,
    nothingToCompare: (period) => `pas de valeur en ${period} pour comparer`,
    nextDue: (date) => `prochaine remontée le ${date}`,
    overdue: (date, period) => `remontée attendue le ${date} pour ${period}, en retard`,
    gap: (period, delta, leader) => `Écart en ${period} : ${delta} en faveur ${frenchName(leader, 'de')}.`,
    level: (period) => `En ${period}, les valeurs sont égales.`,
    withoutValue: 'Sur ce thème, sans valeur, cible ni échéance :',
    proposedNote: 'Une valeur « proposée » attend la validation d’un validateur de son périmètre.',
    nothingYet: (what) => `Aucune valeur n’est encore enregistrée${what}.`,
    indicatorsOfTheme: 'Les indicateurs des plans :',
    whoCanRecord: (scopes) =>
      `**Qui peut saisir** : les contributeurs et les validateurs ${scopes.map((x) => frenchName(x, 'de')).join(' ou ')}, et les administrateurs.`,
    youCan: 'Vous en faites partie.',
    youCannot: (example) =>
      `Vous n’en faites pas partie : un administrateur peut vous l’accorder (« ${example} »).`,
    grantExample: (scope, user) => `donner contributeur ${scope} à ${user}`,
    how: (example) =>
      `**Comment** : écrivez par exemple « ${example} » ; un aperçu s’affiche, rien n’est enregistré avant « Confirmer ».`,
    example: (id, scope, period, value) => `saisir ${id} ${scope} ${period} ${value}`,
    enterButton: 'Saisir une valeur',
    chartButton: 'Graphique',
    latestBefore: (value, period) => `dernière valeur : ${value} en ${period}`,
    othersHave: (n, period) =>
      n === 1
        ? `Une autre valeur attendue est enregistrée pour ${period}.`
        : `${n} autres valeurs attendues sont enregistrées pour ${period}.`,
    allHave: (n, period) =>
      n === 1
        ? `La valeur attendue pour ${period} est enregistrée.`
        : `Les ${n} valeurs attendues pour ${period} sont toutes enregistrées.`,
    untracked: (n) =>
      `${n} autre${s(n)} indicateur${s(n)} des plans en cours n’${n > 1 ? 'ont' : 'a'} ni valeur, ni cible, ni échéance.`,
    lateReports: '**Remontées en retard**',
    behindTarget: '**En retard sur la cible**',
    lateRow: (date, period) => `attendue le ${date} pour ${period}, pas de valeur`,
    nothingLate: (upToDate, fine) =>
      `Rien n’est en retard : ${upToDate} remontée${s(upToDate)} à jour, ${fine} valeur${s(fine)} dans les temps ou à la cible.`,
    more: (n) => `… et ${n} autre${s(n)} : précisez un thème ou un périmètre.`,
    inThePlan: (scope) => `**Ce que prévoit le plan pour ${frenchName(scope)}** :`,
    futurePeriod: (period, current) =>
      `La période ${period} n’a pas commencé : aucune valeur ne peut encore y être enregistrée. Demandez par exemple ${current}.`,
    badPeriod: (text) =>
      `Je ne lis pas « ${text} » comme une période : écrivez une année scolaire (2025-2026), une année (2026) ou une date (30/06/2026).`,
    unknownPlace: (places, known) =>
      `Je ne connais pas ${places} : Boussole suit ${known}. Exemple : « Où en est le Cantal sur les faits numériques ? »`,
    unknownSection:
      'Je ne trouve pas cette section dans les plans. Donnez son numéro tel qu’il est imprimé (« objectif 1.3 », « axe 2 ») ou un thème : « Où en est-on sur la lecture ? »',
    noIndicator: (theme, where) => `Aucun indicateur des plans ne mesure « ${theme} »${where}.`,
    elsewhere: 'Sur ce thème, les indicateurs sont ceux d’une autre académie :',
    rephrase:
      'Reformulez avec les mots d’un indicateur, ou écrivez « fiche MOTS » ; « Où en est-on ? » donne tous les indicateurs suivis.',
    planFallback: (theme, where) =>
      `Aucun indicateur des plans ne mesure « ${theme} »${where} : voici ce que disent les plans.`,
    nothingTracked: (where, counts) =>
      `Aucune valeur, cible ni échéance n’est encore enregistrée${where}. Les plans en cours comptent ${counts}. Nommez un thème (« Où en est le Cantal sur les faits numériques ? ») pour voir ses indicateurs, qui peut les saisir et comment.`,
    and: 'et',
  },
  en: {
    statusTitle: 'Where things stand',
    lateTitle: 'What is late',
    missingTitle: (period) => `No value for ${period}`,
    measures: 'measures',
    verdict: (v) => (v === 'no_value' ? 'no value' : PROGRESS[v].en),
    target: 'target',
    baseline: 'baseline',
    laterTarget: (period, value) => `target ${period}: ${value}`,
    trend: (arrow, delta, period, before) => `${arrow} ${delta} since ${period} (${before})`,
    nothingToCompare: (period) => `no value in ${period} to compare with`,
    nextDue: (date) => `next reporting date ${date}`,
    overdue: (date, period) => `due ${date} for ${period}, overdue`,
    gap: (period, delta, leader) =>
      `Gap in ${period}: ${delta} in favour of ${scopeInSentence(leader, 'en')}.`,
    level: (period) => `In ${period}, the values are level.`,
    withoutValue: 'On this theme, with no value, target or deadline:',
    proposedNote: 'A “proposed” value awaits review by a validator of its scope.',
    nothingYet: (what) => `No value has been recorded yet${what}.`,
    indicatorsOfTheme: 'The plans’ indicators:',
    whoCanRecord: (scopes) =>
      `**Who can record**: contributors and validators of ${scopes.map((x) => scopeInSentence(x, 'en')).join(' or ')}, and administrators.`,
    youCan: 'You are one of them.',
    youCannot: (example) => `You are not: an administrator can grant it (“${example}”).`,
    grantExample: (scope, user) => `grant ${user} contributor ${scope}`,
    how: (example) =>
      `**How**: write for example “${example}”; a preview shows, nothing is saved before “Confirm”.`,
    example: (id, scope, period, value) => `record ${id} ${scope} ${period} ${value}`,
    enterButton: 'Record a value',
    chartButton: 'Chart',
    latestBefore: (value, period) => `latest value: ${value} in ${period}`,
    othersHave: (n, period) =>
      n === 1
        ? `One other expected value is recorded for ${period}.`
        : `${n} other expected values are recorded for ${period}.`,
    allHave: (n, period) =>
      n === 1
        ? `The expected value for ${period} is recorded.`
        : `All ${n} expected values for ${period} are recorded.`,
    untracked: (n) =>
      `${n} other indicator${s(n)} of the current plans ${n > 1 ? 'have' : 'has'} no value, target or deadline.`,
    lateReports: '**Reporting dates missed**',
    behindTarget: '**Behind target**',
    lateRow: (date, period) => `due ${date} for ${period}, no value`,
    nothingLate: (upToDate, fine) =>
      `Nothing is late: ${upToDate} reporting date${s(upToDate)} met, ${fine} value${s(fine)} on track or at target.`,
    more: (n) => `… and ${n} more: name a theme or a scope.`,
    inThePlan: (scope) => `**What the plan says for ${scopeInSentence(scope, 'en')}**:`,
    futurePeriod: (period, current) =>
      `The period ${period} has not started: no value can be recorded for it yet. Ask for example about ${current}.`,
    badPeriod: (text) =>
      `I cannot read “${text}” as a period: write a school year (2025-2026), a year (2026) or a date (30/06/2026).`,
    unknownPlace: (places, known) =>
      `I don’t know ${places}: Boussole follows ${known}. Example: “How is Cantal doing on faits numériques?”`,
    unknownSection:
      'I cannot find this section in the plans. Give its number as printed (“objective 1.3”, “axis 2”) or a theme: “How are we doing on reading?”',
    noIndicator: (theme, where) => `No indicator of the plans measures “${theme}”${where}.`,
    elsewhere: 'On this theme, the indicators belong to another académie:',
    rephrase:
      'Rephrase with the words of an indicator, or write “card WORDS”; “How are we doing?” gives every tracked indicator.',
    planFallback: (theme, where) =>
      `No indicator of the plans measures “${theme}”${where}: here is what the plans say.`,
    nothingTracked: (where, counts) =>
      `No value, target or deadline has been recorded yet${where}. The current plans have ${counts}. Name a theme (“How is Cantal doing on reading?”) to see its indicators, who can record them and how.`,
    and: 'and',
  },
};
