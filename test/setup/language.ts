// The language hints come from data/query/words.json, which the app loads with its context; tests
// of pure modules (the measurement parser) get them the same way.
import path from 'node:path';
import { useLanguageHints } from '../../src/core/kernel/language.ts';
import { loadQuestionWords } from '../../src/data/word-lists.ts';
import { ROOT_DIR } from '../../src/platform/paths.ts';

useLanguageHints(loadQuestionWords(path.join(ROOT_DIR, 'data')).language);
