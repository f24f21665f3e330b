import type { PlanLibrary } from '../plans/library.ts';
import type { PlanNode } from '../plans/types.ts';
import type { QueryIntent } from '../query/intent.ts';
import type { IndicatorReader } from './ports.ts';
import type { MeasureUnit } from './types.ts';
import { type IndicatorUnitWords, unitOfIndicator } from './units.ts';

export interface IndicatorInfo {
  node: PlanNode;
  unit: MeasureUnit;
  /** The académie whose plan defines it: measurements may be for it or one of its départements. */
  academie: string;
  /** False for a plan whose period is over (the former projet stratégique). */
  current: boolean;
}

export interface IndicatorMatch {
  indicator: IndicatorInfo;
  /** 0..1: how much of what the user wrote the indicator (or its objective) expresses. */
  score: number;
}

/**
 * The indicators of every plan, found by id or by the words of a message. Uses the question
 * reader of the answerer (IndicatorReader), so the glossary (faits numériques ~ automatismes, reading -> lecture…),
 * stemming and typo tolerance work here exactly as in questions.
 */
export class IndicatorCatalog {
  readonly all: IndicatorInfo[];
  private readonly byId = new Map<string, IndicatorInfo>();

  constructor(
    private readonly library: PlanLibrary,
    private readonly answerer: IndicatorReader,
    unitWords: IndicatorUnitWords,
    today: Date = new Date(),
  ) {
    const year = today.getFullYear();
    this.all = library.indicators().map((node) => {
      const plan = library.plans.find((p) => p.id === node.planId);
      const end = Number(/(\d{4})\s*$/u.exec(plan?.period ?? '')?.[1] ?? year);
      return {
        node,
        unit: unitOfIndicator(node.text, unitWords),
        academie: library.scopes.academieOf(node.scope) ?? node.scope,
        current: end >= year,
      };
    });
    for (const info of this.all) {
      this.byId.set(info.node.id, info);
      // The short form "i0ab56d1" is what people copy from a citation.
      const short = info.node.id.split(':')[1];
      if (short && !this.byId.has(short)) this.byId.set(short, info);
    }
  }

  get(id: string): IndicatorInfo | undefined {
    return this.byId.get(id.trim());
  }

  /** Whether a measurement for `scope` can be recorded against this indicator. */
  accepts(indicator: IndicatorInfo, scope: string): boolean {
    if (indicator.node.scope === scope) return true;
    const nodeScope = this.library.scopes.get(indicator.node.scope);
    return nodeScope?.kind === 'academie' && this.library.scopes.academieOf(scope) === nodeScope.key;
  }

  /** Indicators ranked by how well they match `text`, best first; only those for `scope` if given. */
  search(
    text: string,
    options: { scope?: string; unit?: MeasureUnit; limit?: number } = {},
  ): IndicatorMatch[] {
    return this.rank(this.answerer.understand(text), options);
  }

  /**
   * Indicators ranked by how well they express the concepts of a question already read, best
   * first: among `among` if given, else all; only those for `scope` if given.
   */
  rank(
    intent: QueryIntent,
    options: { scope?: string; unit?: MeasureUnit; limit?: number; among?: IndicatorInfo[] } = {},
  ): IndicatorMatch[] {
    if (!intent.concepts.length) return [];
    const candidates = (options.among ?? this.all).filter(
      (indicator) => !options.scope || this.accepts(indicator, options.scope),
    );
    const scores = this.answerer.matchNodes(
      intent,
      candidates.map((indicator) => indicator.node),
    );
    const matches: IndicatorMatch[] = [];
    for (const indicator of candidates) {
      let score = scores.get(indicator.node.id) ?? 0;
      if (score <= 0) continue;
      if (!indicator.current) score *= 0.9;
      if (options.unit && options.unit !== indicator.unit) score *= 0.75;
      matches.push({ indicator, score });
    }
    matches.sort((a, b) => b.score - a.score || a.indicator.node.ord - b.indicator.node.ord);
    return matches.slice(0, options.limit ?? 10);
  }
}
