import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type IndicatorUnitWords, readIndicatorUnitWords } from '../core/measurements/units.ts';
import { type ProgressWords, readProgressWords } from '../core/progress/words.ts';
import { readPlaceForms } from '../core/query/reader/places.ts';
import { type QuestionWords, readQuestionWords, type WordForm } from '../core/query/words.ts';

/**
 * The word lists people edit under data/, read from disk and checked by the core at start-up: a
 * broken file stops it with the file's path and the error.
 */
function readJsonFile(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** data/query/words.json: question words, scaffolding, language hints. */
export function loadQuestionWords(dataDir: string): QuestionWords {
  const file = path.join(dataDir, 'query', 'words.json');
  return readQuestionWords(readJsonFile(file), file);
}

/** data/query/progress.json: the phrases of progress questions. */
export function loadProgressWords(dataDir: string): ProgressWords {
  const file = path.join(dataDir, 'query', 'progress.json');
  return readProgressWords(readJsonFile(file), file);
}

/** data/places.json; a missing file means no unknown place is recognised. */
export function loadPlaceForms(dataDir: string): WordForm<string>[] {
  const file = path.join(dataDir, 'places.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return readPlaceForms(JSON.parse(text), file);
}

/** data/measurements/units.json: how an indicator's wording says its unit. */
export function loadIndicatorUnitWords(dataDir: string): IndicatorUnitWords {
  const file = path.join(dataDir, 'measurements', 'units.json');
  return readIndicatorUnitWords(readJsonFile(file), file);
}
