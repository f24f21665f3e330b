import type { FactAsked, answers as fr, ItemKind } from '../fr/answers.ts';
import type { Place } from '../fr/format.ts';

const NOUNS: Record<ItemKind, [string, string]> = {
  axis: ['axis', 'axes'],
  objective: ['objective', 'objectives'],
  action: ['action', 'actions'],
  indicator: ['indicator', 'indicators'],
};

const FACTS: Record<FactAsked, string> = {
  howmany: 'figure',
  when: 'time or duration',
  date: 'date',
};

const names = (scopes: Place[]) => scopes.map((s) => s.shortName).join(', ');
const forPlaces = (scopes: Place[]) => (scopes.length ? ` for ${names(scopes)}` : '');

export const answers: typeof fr = {
  colon: ':',
  noun: (kind, count) => NOUNS[kind][count > 1 ? 1 : 0],
  whatThePlansSay: 'What the plans say',
  comparison: 'Side by side:',
  inShort: 'In short:',
  nothingOnSide: 'Nothing in the plans on this.',
  nothingSpecificOnSide: (place) =>
    `Nothing specific to ${place.shortName} on this in the plans (ask about it alone to see what applies to the whole académie).`,
  academieFallback: (named, academie) =>
    `The plans have nothing specific to ${names(named)} on this; here is what applies to the whole ${academie?.name ?? 'académie'}.`,
  academieFallbackForKind: (kind, named, academie) =>
    `No ${NOUNS[kind][1]} specific to ${names(named)} on this; here are those for the whole ${academie?.name ?? 'académie'}.`,
  truncated: (count) => `… and ${count} more: name a plan, a département or a theme to narrow it down.`,
  notFound: {
    unknownPlace: (places, plans) =>
      `I have no plan for ${places.join(', ')}: Boussole knows these plans: ${plans.map((p) => `“${p}”`).join(', ')}.`,
    tooBroad: 'Your question covers every plan at once: name a plan, a département or a theme.',
    section: (kind) => (kind === 'axis' ? 'axis' : 'objective'),
    unknownSection: (named) => `I can't find ${named} in the plans.`,
    notSpecific: (places, plans) =>
      `The plans have nothing specific to ${names(places)}: ${plans.map((p) => `“${p}”`).join(', ')} applies to the whole académie. Ask without “specifically” to see what it plans.`,
    noFact: (found, scopes, fact) =>
      `The plans mention “${found}”${forPlaces(scopes)}, but give no ${FACTS[fact]} for it.`,
    nothing: (theme, scopes) => `I found nothing in the plans that answers “${theme}”${forPlaces(scopes)}.`,
    covered: (scopes) => `${scopes.length ? `For ${names(scopes)}, the` : 'The'} plans cover, among others:`,
    suggestion:
      'Try rephrasing with a theme of the plans, for example: “Which actions target reading in Cantal?” or “What indicators does the 2023-2027 strategic project use for bullying?”',
  },
};
