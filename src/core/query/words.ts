import { createRequire } from 'node:module';
import * as z from '../kernel/schema.ts';
import { fold } from '../text/fold.ts';

/** The kinds of plan item a question may ask for. */
export type AnswerKind = 'axis' | 'objective' | 'action' | 'indicator';

/** What kind of answer a question wants, read from its question words. */
export type QuestionType = 'who' | 'when' | 'date' | 'howmany' | 'why' | 'how' | 'yesno' | 'list' | 'what';

/** "Quand", "what date": questions whose answer is a time. */
export function asksTime(qtype: QuestionType): boolean {
  return qtype === 'when' || qtype === 'date';
}
/** Interrogatives after which a kind word is the kind wanted: "quels indicateurs", "which actions". */
const INTERROGATIVES = new Set([
  'quel',
  'quels',
  'quelle',
  'quelles',
  'which',
  'what',
  'lesquels',
  'lesquelles',
]);
export function isInterrogative(folded: string): boolean {
  return INTERROGATIVES.has(folded);
}

const phrases = z.array(z.string().check(z.minLength(1)));
const wordsSchema = z.object({
  kinds: z.object({ action: phrases, indicator: phrases, objective: phrases, axis: phrases }),
  measure: phrases,
  questionTypes: z.object({
    who: phrases,
    when: phrases,
    date: phrases,
    howmany: phrases,
    why: phrases,
    how: phrases,
    yesno: phrases,
    list: phrases,
    what: phrases,
  }),
  level: z.object({ academie: phrases }),
  relative: phrases,
  determiners: phrases,
  prose: phrases,
  compare: phrases,
  scaffolding: phrases,
  keep: phrases,
  numbers: z.record(z.string(), z.number()),
  time: phrases,
  months: phrases,
  planWords: phrases,
  specific: phrases,
  firstPerson: phrases,
  clauseStarters: z.optional(phrases),
  fillers: z.optional(phrases),
  language: z.object({ en: phrases, fr: phrases }),
});

export type WordsFile = z.infer<typeof wordsSchema>;

/** A phrase of the word lists as the question reader matches it: folded words. */
export interface WordForm<T> {
  words: string[];
  value: T;
}

/** The word lists of data/query/words.json, ready for the question reader. */
export interface QuestionWords {
  kinds: WordForm<AnswerKind>[];
  measure: WordForm<true>[];
  questionTypes: WordForm<QuestionType>[];
  prose: WordForm<true>[];
  compare: WordForm<true>[];
  /** "Spécifiquement pour le Cantal": what is specific to the place named, not its académie's. */
  specific: WordForm<true>[];
  /** "Au niveau académique": the académie's own level of a plan declined per département. */
  academieLevel: WordForm<true>[];
  /** Question words that also join clauses ("qui", "when"). */
  relative: Set<string>;
  /** Words after which a verb form is a noun ("les cantines"). */
  determiners: Set<string>;
  numbers: Map<string, number>;
  /** Words that date something: a when-question's answer holds one (or a year). */
  time: Set<string>;
  /** Month names: a what-date question's answer holds one (or a year). */
  months: Set<string>;
  /** Words naming a plan in general ("projet", "FdR"): a year or name next to them names the plan. */
  planWords: Set<string>;
  /** Words of a clause that sets the scene ("je", "nous", "my"). */
  firstPerson: Set<string>;
  /** Turns of phrase that say nothing of the theme ("ce genre de", "va se passer", "en gros"). */
  fillers: WordForm<true>[];
  /** What begins a clause that asks on its own after "et / and" ("quels", "avec quels", "how"). */
  clauseStarters: string[][];
  /** Function words and question scaffolding: they weigh nothing in a question. */
  isIgnorable(folded: string): boolean;
  language: { en: Set<string>; fr: Set<string> };
  /** Every word of the lists, for typo tolerance ("actoins"). */
  all: Set<string>;
}

/** Folded words of a phrase as the reader tokenises questions (apostrophes and hyphens split). */
export function phraseWords(phrase: string): string[] {
  return fold(phrase)
    .split(/[^\p{L}\p{N}+]+/u)
    .filter(Boolean);
}

function forms<T>(list: string[], value: T): WordForm<T>[] {
  return list.map((phrase) => ({ words: phraseWords(phrase), value })).filter((f) => f.words.length);
}

const byLength = <T>(a: WordForm<T>, b: WordForm<T>) => b.words.length - a.words.length;

/**
 * The general stop-word lists (stopwords-iso, French and English), folded. They are wide: words
 * such as "premier", "voie" or "research" are listed there but name themes in these plans, so the
 * data file's `keep` list takes them back.
 */
function generalStopwords(): Set<string> {
  const require = createRequire(import.meta.url);
  const lists = require('stopwords-iso/stopwords-iso.json') as Record<string, string[]>;
  const out = new Set<string>();
  for (const lang of ['fr', 'en']) for (const word of lists[lang] ?? []) out.add(fold(word));
  return out;
}

export function buildQuestionWords(raw: WordsFile): QuestionWords {
  const stop = generalStopwords();
  for (const phrase of raw.scaffolding) for (const word of phraseWords(phrase)) stop.add(word);
  for (const phrase of raw.keep) for (const word of phraseWords(phrase)) stop.delete(word);
  const kinds = (Object.keys(raw.kinds) as AnswerKind[])
    .flatMap((kind) => forms(raw.kinds[kind], kind))
    .sort(byLength);
  const questionTypes = (Object.keys(raw.questionTypes) as QuestionType[])
    .flatMap((type) => forms(raw.questionTypes[type], type))
    .sort(byLength);
  const all = new Set<string>();
  for (const list of [
    ...Object.values(raw.kinds),
    raw.measure,
    ...Object.values(raw.questionTypes),
    raw.prose,
    raw.compare,
    raw.level.academie,
  ])
    for (const phrase of list) for (const word of phraseWords(phrase)) all.add(word);
  return {
    all,
    kinds,
    measure: forms(raw.measure, true as const).sort(byLength),
    questionTypes,
    prose: forms(raw.prose, true as const).sort(byLength),
    academieLevel: forms(raw.level.academie, true as const).sort(byLength),
    relative: new Set(raw.relative.flatMap(phraseWords)),
    determiners: new Set(raw.determiners.flatMap(phraseWords)),
    compare: forms(raw.compare, true as const).sort(byLength),
    specific: forms(raw.specific, true as const).sort(byLength),
    numbers: new Map(Object.entries(raw.numbers).map(([word, n]) => [fold(word), n])),
    time: new Set(raw.time.flatMap(phraseWords)),
    months: new Set(raw.months.flatMap(phraseWords)),
    planWords: new Set(raw.planWords.flatMap(phraseWords)),
    firstPerson: new Set(raw.firstPerson.flatMap(phraseWords)),
    fillers: forms(raw.fillers ?? [], true as const).sort(byLength),
    clauseStarters: (raw.clauseStarters ?? [])
      .map((phrase) => phraseWords(phrase))
      .filter((words) => words.length > 0),
    isIgnorable: (folded) => stop.has(folded),
    language: {
      en: new Set(raw.language.en.flatMap(phraseWords)),
      fr: new Set(raw.language.fr.flatMap(phraseWords)),
    },
  };
}

/** Checks the content of data/query/words.json (`file` names it in the error) and builds the lists. */
export function readQuestionWords(raw: unknown, file: string): QuestionWords {
  const parsed = wordsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} : ${parsed.error.issues[0]?.message ?? 'format invalide'}`);
  return buildQuestionWords(parsed.data);
}
