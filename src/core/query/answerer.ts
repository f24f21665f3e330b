import type { Reply } from '../kernel/types.ts';
import type { PlanLibrary } from '../plans/library.ts';
import type { PlanNode } from '../plans/types.ts';
import { stemToken } from '../text/stem.ts';
import { composeAnswer } from './answer.ts';
import type { Glossary } from './glossary.ts';
import { type IntentHints, withHints } from './hints.ts';
import type { QueryIntent } from './intent.ts';
import type { Lexicon } from './lexicon.ts';
import { expandConcepts } from './rank/expand.ts';
import type { UnitIndex } from './rank/ports.ts';
import type { Retrieval } from './rank/retrieval.ts';
import { retrieve } from './rank/retrieve.ts';
import { coverage, stemsOfIndexed, weighConcepts } from './rank/score.ts';
import type { WordBook } from './reader/dictionary.ts';
import { QuestionReader } from './reader/question-reader.ts';
import type { QuestionWords, WordForm } from './words.ts';

export interface Answer {
  reply: Reply;
  intent: QueryIntent;
  retrieval: Retrieval;
}

export interface AnswererSources {
  library: PlanLibrary;
  index: UnitIndex;
  glossary: Glossary;
  lexicon: Lexicon;
  words: QuestionWords;
  places: WordForm<string>[];
  dictionary: WordBook;
}

/**
 * The offline answerer: reads a question, retrieves from the plans' index and writes a cited
 * answer. No network, no LLM: this is the default and the fallback of every other path.
 */
export class Answerer {
  readonly library: PlanLibrary;
  readonly index: UnitIndex;
  readonly reader: QuestionReader;
  private numberStems: ReadonlySet<string> | null = null;
  private timeStems: ReadonlySet<string> | null = null;
  private monthStems: ReadonlySet<string> | null = null;
  private readonly words: QuestionWords;

  constructor(sources: AnswererSources) {
    this.library = sources.library;
    this.index = sources.index;
    this.words = sources.words;
    this.reader = new QuestionReader({
      ...sources,
      knowsStem: (stem) => sources.index.frequency(stem) > 0,
      frequency: (stem) => sources.index.frequency(stem),
    });
  }

  /** Stems of the number words: only "how many" questions need them, so built on first use. */
  get numberWords(): ReadonlySet<string> {
    this.numberStems ??= new Set([...this.words.numbers.keys()].map((word) => stemToken(word)));
    return this.numberStems;
  }

  /** Stems of the words that date something, for "when" questions and period questions. */
  get timeWords(): ReadonlySet<string> {
    this.timeStems ??= new Set([...this.words.time].map((word) => stemToken(word)));
    return this.timeStems;
  }

  /** Stems of the month names, for what-date questions. */
  get monthWords(): ReadonlySet<string> {
    this.monthStems ??= new Set([...this.words.months].map((word) => stemToken(word)));
    return this.monthStems;
  }

  understand(question: string): QueryIntent {
    return this.reader.read(question);
  }

  async answerIntent(intent: QueryIntent): Promise<Answer> {
    const self = this;
    const retrieval = await retrieve(intent, {
      library: this.library,
      index: this.index,
      get numberWords() {
        return self.numberWords;
      },
      get timeWords() {
        return self.timeWords;
      },
      get monthWords() {
        return self.monthWords;
      },
    });
    return { reply: composeAnswer(this.library, intent, retrieval), intent, retrieval };
  }

  /** An intent completed by an LLM's hints (see hints.ts): its keywords read as a question. */
  withHints(intent: QueryIntent, hints: IntentHints): QueryIntent {
    return withHints(intent, hints, this.library, (text) => this.reader.read(text).concepts);
  }

  ask(question: string): Promise<Answer> {
    return this.answerIntent(this.understand(question));
  }

  /**
   * How well plan nodes express what a text says, 0..1 each: the measurement flow finds an
   * indicator from the words of a message this way, with the same glossary, lexicon and typos.
   * A node's section title counts as context.
   */
  matchNodes(intent: QueryIntent, nodes: PlanNode[]): Map<string, number> {
    const weighted = weighConcepts(expandConcepts(intent.concepts, this.index), this.index);
    const scores = new Map<string, number>();
    if (!weighted.length) return scores;
    for (const unit of this.index.get(nodes.map((node) => node.id))) {
      scores.set(unit.ref, coverage(weighted, stemsOfIndexed(unit)));
    }
    return scores;
  }
}
