import type { Lang } from '../kernel/types.ts';
import type { Scope } from '../plans/scopes.ts';
import { frenchName } from '../plans/scopes.ts';
import type { AnswerKind } from './intent.ts';

/** The answer's fixed words, per language. */
export interface AnswerTexts {
  colon: string;
  noun(kind: AnswerKind, count: number): string;
  whatThePlansSay: string;
  comparison: string;
  inShort: string;
  nothingOnSide: string;
  academieFallback(named: Scope[], academie: Scope | undefined): string;
  truncated(count: number): string;
}

const NOUNS: Record<Lang, Record<AnswerKind, [string, string]>> = {
  fr: {
    axis: ['axe', 'axes'],
    objective: ['objectif', 'objectifs'],
    action: ['action', 'actions'],
    indicator: ['indicateur', 'indicateurs'],
  },
  en: {
    axis: ['axis', 'axes'],
    objective: ['objective', 'objectives'],
    action: ['action', 'actions'],
    indicator: ['indicator', 'indicators'],
  },
};

export const ANSWER_TEXTS: Record<Lang, AnswerTexts> = {
  fr: {
    colon: ' :',
    noun: (kind, count) => NOUNS.fr[kind][count > 1 ? 1 : 0],
    whatThePlansSay: 'Ce que disent les plans',
    comparison: 'Côte à côte :',
    inShort: 'En bref :',
    nothingOnSide: 'Rien dans les plans sur ce point.',
    academieFallback: (named, academie) =>
      `Les plans ne prévoient rien de propre ${named.map((s) => frenchName(s, 'à')).join(', ')} sur ce point ; voici ce qui vaut pour toute ${academie ? frenchName(academie) : "l'académie"}.`,
    truncated: (count) => `… et ${count} autres : précisez un plan, un département ou un thème pour affiner.`,
  },
  en: {
    colon: ':',
    noun: (kind, count) => NOUNS.en[kind][count > 1 ? 1 : 0],
    whatThePlansSay: 'What the plans say',
    comparison: 'Side by side:',
    inShort: 'In short:',
    nothingOnSide: 'Nothing in the plans on this.',
    academieFallback: (named, academie) =>
      `The plans have nothing specific to ${named.map((s) => s.shortName).join(', ')} on this; here is what applies to the whole ${academie?.name ?? 'académie'}.`,
    truncated: (count) => `… and ${count} more: name a plan, a département or a theme to narrow it down.`,
  },
};
