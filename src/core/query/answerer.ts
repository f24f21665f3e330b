import type { PlanLibrary } from '../plans/library.ts';
import type { Reply } from '../router/types.ts';
import { composeAnswer } from './answer.ts';
import type { Glossary } from './glossary.ts';
import { RetrievalIndex } from './index.ts';
import { type Retrieval, retrieve } from './retrieve.ts';
import { type QueryIntent, QuestionReader } from './understand.ts';

/** Characters of a question that are read; the router caps chat messages the same way. */
const MAX_QUESTION = 4000;

export interface Answer {
  reply: Reply;
  intent: QueryIntent;
  retrieval: Retrieval;
}

/**
 * The offline answerer: understands a question, retrieves from the plans in memory and writes a
 * cited answer. No network, no LLM: this is the default and the fallback of every other path.
 */
export class Answerer {
  readonly index: RetrievalIndex;
  readonly reader: QuestionReader;

  constructor(
    readonly library: PlanLibrary,
    glossary: Glossary,
    storedStems?: Map<string, string>,
  ) {
    this.index = new RetrievalIndex(library, storedStems);
    this.reader = new QuestionReader(
      library,
      glossary,
      this.index.nodes.map((node) => this.index.stems(node)),
    );
  }

  understand(question: string): QueryIntent {
    // Every path (router, ask --batch) gets the same bound as a chat message: no question is longer.
    return this.reader.read(question.length > MAX_QUESTION ? question.slice(0, MAX_QUESTION) : question);
  }

  answerIntent(intent: QueryIntent): Answer {
    const retrieval = retrieve(intent, this.index);
    return { reply: composeAnswer(this.library, intent, retrieval), intent, retrieval };
  }

  ask(question: string): Answer {
    return this.answerIntent(this.understand(question));
  }
}
