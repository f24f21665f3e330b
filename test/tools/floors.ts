// Prints the independent sets' figures and, with --write, sets them as the new floors of
// test/fixtures/eval/floors.json (a one-line raise per figure: commit it when the score rises).
//   npx tsx test/tools/floors.ts [--write]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openContext } from '../../src/app/context.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { EVAL_COPY_DIR, EVAL_DIR } from '../helpers/eval-norm.ts';
import { scoreSet } from '../helpers/eval-score.ts';
import { tempDir } from '../helpers/plans.ts';

const { dir, cleanup } = tempDir('boussole-floors-');
const ctx = openContext(loadConfig({ BOUSSOLE_DB: path.join(dir, 'floors.db') }), createLogger('silent'));
const file = path.join(EVAL_COPY_DIR, 'floors.json');
const floors = JSON.parse(readFileSync(file, 'utf8')) as { sets: Record<string, unknown> };
for (const name of ['dev-questions.json', 'dev-questions-2.json']) {
  const score = await scoreSet(ctx.answerer(), path.join(EVAL_DIR, name));
  console.log(`${name}: ${score.line}`);
  floors.sets[name] = {
    recall: Math.floor(score.recall * 1000) / 1000,
    strict: score.strict,
    notFound: score.notFound,
    maxMedianCitations: 8,
    passing: Object.keys(score.passed).filter((id) => score.passed[id]),
  };
}
if (process.argv.includes('--write')) writeFileSync(file, `${JSON.stringify(floors, null, 2)}\n`);
ctx.close();
cleanup();
