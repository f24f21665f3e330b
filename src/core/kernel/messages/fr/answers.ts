import { capitalise, frenchName, type Place } from './format.ts';

/** What an answer can list; the same kinds as the question reader's AnswerKind. */
export type ItemKind = 'axis' | 'objective' | 'action' | 'indicator';
/** The fact a "how many / when / what date" question asked for and the plans do not give. */
export type FactAsked = 'howmany' | 'when' | 'date';

const NOUNS: Record<ItemKind, [string, string]> = {
  axis: ['axe', 'axes'],
  objective: ['objectif', 'objectifs'],
  action: ['action', 'actions'],
  indicator: ['indicateur', 'indicateurs'],
};

const FACTS: Record<FactAsked, string> = {
  howmany: 'le nombre',
  when: 'le moment ni la durée',
  date: 'la date',
};

/** " pour le Cantal, pour l'Allier": the scopes a question named, or nothing. */
const forPlaces = (scopes: Place[]) =>
  scopes.length ? ` ${scopes.map((s) => frenchName(s, 'pour')).join(', ')}` : '';

/** The answers to questions on the plans, and what "nothing found" says. */
export const answers = {
  colon: ' :',
  noun: (kind: ItemKind, count: number) => NOUNS[kind][count > 1 ? 1 : 0],
  whatThePlansSay: 'Ce que disent les plans',
  comparison: 'Côte à côte :',
  inShort: 'En bref :',
  nothingOnSide: 'Rien dans les plans sur ce point.',
  /** One side of a comparison is a département whose own part of the plans says nothing on it. */
  nothingSpecificOnSide: (place: Place) =>
    `Rien de propre ${frenchName(place, 'à')} sur ce point dans les plans (voir ce qui vaut pour toute l'académie en posant la question pour ce seul département).`,
  academieFallback: (named: Place[], academie: Place | undefined) =>
    `Les plans ne prévoient rien de propre ${named.map((s) => frenchName(s, 'à')).join(', ')} sur ce point ; voici ce qui vaut pour toute ${academie ? frenchName(academie) : "l'académie"}.`,
  /** The département has items on the theme, just none of the kind asked: the académie's ones. */
  academieFallbackForKind: (kind: ItemKind, named: Place[], academie: Place | undefined) =>
    // Every kind starts with a vowel (« d'axes », « d'objectifs »…); only actions are feminine.
    `Pas d'${NOUNS[kind][1]} propres ${named.map((s) => frenchName(s, 'à')).join(', ')} sur ce point ; voici ${kind === 'action' ? 'celles' : 'ceux'} qui valent pour toute ${academie ? frenchName(academie) : "l'académie"}.`,
  truncated: (count: number) =>
    `… et ${count} autres : précisez un plan, un département ou un thème pour affiner.`,
  notFound: {
    unknownPlace: (places: string[], plans: string[]) =>
      `Je n'ai aucun plan pour ${places.join(', ')} : Boussole connaît les plans ${plans.map((p) => `« ${p} »`).join(', ')}.`,
    tooBroad:
      'Votre question porte sur tous les plans à la fois : précisez un plan, un département ou un thème.',
    section: (kind: 'axis' | 'objective'): string => (kind === 'axis' ? 'axe' : 'objectif'),
    unknownSection: (named: string) => `Je ne trouve pas ${named} dans les plans.`,
    notSpecific: (places: Place[], plans: string[]) =>
      `Les plans ne prévoient rien de propre ${places.map((s) => frenchName(s, 'à')).join(', ')} : ${plans.map((p) => `« ${p} »`).join(', ')} vaut pour toute l'académie. Posez la question sans « spécifiquement » pour voir ce qu'il prévoit.`,
    noFact: (found: string, scopes: Place[], fact: FactAsked) =>
      `Les plans parlent de « ${found} »${forPlaces(scopes)}, mais n'en donnent pas ${FACTS[fact]}.`,
    nothing: (theme: string, scopes: Place[]) =>
      `Je n'ai trouvé dans les plans rien qui réponde à « ${theme} »${forPlaces(scopes)}.`,
    covered: (scopes: Place[]) =>
      `${scopes.length ? `${capitalise(scopes.map((s) => frenchName(s, 'pour')).join(', '))}, les` : 'Les'} plans traitent notamment de :`,
    suggestion:
      'Essayez de reformuler avec un thème des plans, par exemple : « Quelles actions pour la lecture dans le Cantal ? » ou « Quels indicateurs du projet stratégique 2023-2027 pour le harcèlement ? »',
  },
};
