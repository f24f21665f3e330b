import type { Lang } from '../kernel/types.ts';
import type { AnswerKind, QuestionType } from './words.ts';

export type { AnswerKind, QuestionType };

/** One way of saying a concept in the plans: the French stems of its words, all expected. */
export interface Phrase {
  stems: string[];
  /** The term as written ("faits numériques"). */
  text: string;
  /** Where it comes from: the asker's words weigh a little more than an equivalent. */
  origin: 'question' | 'glossary' | 'lexicon' | 'typo' | 'prefix' | 'part';
}

/** A theme of the question: alternative phrasings, any of which a plan unit may use. */
export interface Concept {
  /** The words of the question it comes from. */
  label: string;
  phrases: Phrase[];
  /** Glossary group, when the concept comes from the glossary (two words of one group are one concept). */
  group: number | null;
  /**
   * 'plans' when the plans, the glossary or the lexicon know it; 'word' for a real word they
   * never use ("salaire", "uniforms"), 'verb' when it is a verb ("insiste", "drawn"); 'none' for a
   * word no dictionary has either.
   */
  known: 'plans' | 'word' | 'verb' | 'none';
  /**
   * Share of its weight the concept keeps: words of a clause that sets the scene ("je suis
   * proviseure adjointe…") count half as much as those of the question itself.
   */
  emphasis: number;
  /** "le harcèlement et les discriminations": concepts joined by et / ou share a number; a unit
   * expressing one of them answers (reader/alternatives.ts). */
  alternative?: number;
  /** "Combien d'heures…": the thing counted; a unit that does not name it does not answer. */
  required?: boolean;
}

export interface SectionRef {
  kind: 'objective' | 'axis';
  /** Printed number ("1.3", "2"). */
  number: string;
}

/**
 * What a question asks, independent of any platform or language. Scope, plan, kind and section
 * select; concepts rank.
 */
export interface QueryIntent {
  question: string;
  lang: Lang;
  /** Scope keys named: départements and académies. */
  scopes: string[];
  /** "Au niveau académique": the académie's own units of a plan declined per département. */
  academieLevel: boolean;
  /** Académies or départements named that no plan covers ("Bordeaux", "Gironde"). */
  unknownPlaces: string[];
  /** Plans named (by title, alias or period). */
  planIds: string[];
  /** Kinds of item wanted; empty means anything the plans say. */
  kinds: AnswerKind[];
  /** The kind word as the question wrote it, folded ("actions"): plans name their levels differently. */
  kindWord: string | null;
  /** "Comment mesure-t-on…", "how is it tracked": the indicators are wanted with what they measure. */
  measure: boolean;
  sectionRefs: SectionRef[];
  /** Text quoted in the question (« … »), usually a section's title. */
  quoted: string[];
  /** "les quatre objectifs": the number of items the asker expects. */
  count: number | null;
  qtype: QuestionType;
  /** The question points at the plans' prose (introduction, preamble, foreword). */
  prose: boolean;
  /** The word that did it, folded ("avant propos"): a plan may have a heading of that name. */
  proseWord?: string;
  /** Two scopes or plans to put side by side. */
  compare: boolean;
  /** One side of a comparison: the scope's own units only, no académie fallback. */
  side?: boolean;
  /** "Spécifiquement pour le Loir-et-Cher": only the place's own units answer, not its académie's. */
  specific?: boolean;
  concepts: Concept[];
  /** A compound question's clauses, each read and completed (reader/clauses.ts), answered in turn. */
  parts?: QueryIntent[];
}
