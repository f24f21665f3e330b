import type { format as fr, Place, Preposition } from '../fr/format.ts';

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

export const format: typeof fr = {
  locale: 'en-GB',
  colon: ':',
  quote: (text) => `“${text}”`,
  percent: (number) => `${number}%`,
  chartPercent: (number) => `${number}%`,
  longDate: (day) => LONG_DATE.format(new Date(`${day}T12:00:00Z`)),
  // English needs no article or case: the preposition, if any, is the sentence's business.
  place: (scope: Place, _preposition?: Preposition) =>
    scope.kind === 'academie' ? `the académie of ${scope.shortName}` : scope.shortName,
};
