/**
 * A place as messages name it. Structural, so the catalogs need nothing from the plans: a plan's
 * Scope is one.
 */
export interface Place {
  kind: 'academie' | 'departement';
  name: string;
  shortName: string;
  /** How the name is introduced in a French sentence: le Cantal, la Haute-Loire, l'Allier. */
  article?: 'le' | 'la' | "l'";
}

export type Preposition = 'à' | 'de' | 'pour' | 'dans' | null;

/**
 * A place's name in a French sentence, with its article and the preposition before it: « à
 * l'Allier », « du Cantal », « pour la Haute-Loire », « dans le Puy-de-Dôme », « de l'académie de
 * Clermont-Ferrand ».
 */
export function frenchName(scope: Place, preposition: Preposition = null): string {
  // « académie d'Orléans-Tours », « académie de Clermont-Ferrand ».
  const of = /^[aeiouyàâéèêîôh]/iu.test(scope.shortName) ? "d'" : 'de ';
  const name = scope.kind === 'academie' ? `académie ${of}${scope.shortName}` : scope.shortName;
  const article = scope.kind === 'academie' ? "l'" : (scope.article ?? 'le');
  const withArticle = article === "l'" ? `l'${name}` : `${article} ${name}`;
  if (preposition === 'à') return article === 'le' ? `au ${name}` : `à ${withArticle}`;
  if (preposition === 'de') return article === 'le' ? `du ${name}` : `de ${withArticle}`;
  return preposition ? `${preposition} ${withArticle}` : withArticle;
}

/** Built once: a formatter costs far more to create than to use. */
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** French typography: a space before « : », « % », inside guillemets. */
export const format = {
  /** The locale numbers are written in (62,5). */
  locale: 'fr-FR',
  colon: ' :',
  quote: (text: string) => `« ${text} »`,
  /** A formatted number as a percentage: "62,5 %". */
  percent: (number: string) => `${number} %`,
  /** A chart's axis: the narrow no-break space French typography puts before the sign. */
  chartPercent: (number: string) => `${number}\u202f%`,
  /** "2027-06-30" → "30 juin 2027". */
  longDate: (day: string) => LONG_DATE.format(new Date(`${day}T12:00:00Z`)),
  /** A place inside a sentence, after an optional preposition: "le Cantal", "pour l'Allier". */
  place: (scope: Place, preposition: Preposition = null) => frenchName(scope, preposition),
};

/** "s" when more than one: the regular plural of both languages. Not a message: a helper for them. */
export function plural(n: number): string {
  return n > 1 ? 's' : '';
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
