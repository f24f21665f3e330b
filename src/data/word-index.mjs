// Builds dist/words.idx from the dictionaries in node_modules (with the bundle, by scripts/build.mjs,
// or on first use by word-book.ts): every French and English word
// (an-array-of-french-words, an-array-of-english-words) and every verb form (french-verbs-lefff,
// english-verbs-irregular), folded, sorted bytewise, one "word<TAB>flags" line each. The question
// reader looks words up in it by binary search: the 600,000 words never become JS objects, so a
// question with a word the plans do not use costs microseconds, not the 300 ms of parsing them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function fold(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[’‘`´]/g, "'");
}

/** Flags: f = a French word, e = an English word, v = a verb form (either language). */
export function buildWordIndex(file) {
  const flags = new Map();
  const mark = (word, flag) => {
    const key = fold(word);
    if (!key || /[\t\n]/u.test(key)) return;
    const current = flags.get(key) ?? '';
    if (!current.includes(flag)) flags.set(key, current + flag);
  };
  for (const word of require('an-array-of-french-words')) mark(word, 'f');
  for (const word of require('an-array-of-english-words')) {
    mark(word, 'e');
    if (/(?:ing|ed)$/u.test(word)) mark(word, 'v');
  }
  const french = JSON.parse(
    readFileSync(require.resolve('french-verbs-lefff/dist/conjugations.json'), 'utf8'),
  );
  for (const [infinitive, tenses] of Object.entries(french)) {
    mark(infinitive, 'v');
    for (const forms of Object.values(tenses))
      for (const form of forms) if (typeof form === 'string' && form !== 'NA') mark(form, 'v');
  }
  const english = JSON.parse(
    readFileSync(require.resolve('english-verbs-irregular/dist/verbs.json'), 'utf8'),
  );
  for (const [base, pairs] of Object.entries(english)) {
    mark(base, 'v');
    for (const pair of pairs) for (const form of pair) mark(form, 'v');
  }
  const lines = [...flags].map(([word, flag]) => Buffer.from(`${word}\t${flag}\n`));
  lines.sort((a, b) => Buffer.compare(a.subarray(0, a.indexOf(9)), b.subarray(0, b.indexOf(9))));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat(lines));
  return lines.length;
}
