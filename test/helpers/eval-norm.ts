// The evaluation's text normalisation, taken from ../shared/eval/normalize.mjs when it is there
// (the maintainers' scorer) and from its committed copy otherwise (a clone on its own).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT_DIR } from '../../src/platform/paths.ts';

export const SHARED_EVAL_DIR = path.resolve(ROOT_DIR, '..', 'shared', 'eval');
export const EVAL_COPY_DIR = path.join(ROOT_DIR, 'test', 'fixtures', 'eval');
/** Our own question sets, written from the plan texts alone by people who never saw the code. */
export const FRESH_DIR = path.join(ROOT_DIR, 'test', 'fixtures', 'fresh');

/** Where the evaluation files are read from: the shared folder if present, else the copy. */
export const EVAL_DIR = existsSync(path.join(SHARED_EVAL_DIR, 'normalize.mjs'))
  ? SHARED_EVAL_DIR
  : EVAL_COPY_DIR;

const module = (await import(pathToFileURL(path.join(EVAL_DIR, 'normalize.mjs')).href)) as {
  norm(text: string): string;
};

export const norm: (text: string) => string = module.norm;
