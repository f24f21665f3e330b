// Prints the independent sets' figures and, with --write, sets them as the new floors of
// test/fixtures/eval/floors.json (a one-line raise per figure: commit it when the score rises).
//   npx tsx test/tools/floors.ts [--write]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openContext } from '../../src/app/context.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { EVAL_COPY_DIR, EVAL_DIR, FRESH_DIR } from '../helpers/eval-norm.ts';
import { scoreSet } from '../helpers/eval-score.ts';
import { tempDir } from '../helpers/plans.ts';

const { dir, cleanup } = tempDir('boussole-floors-');
const ctx = openContext(loadConfig({ BOUSSOLE_DB: path.join(dir, 'floors.db') }), createLogger('silent'));
const file = path.join(EVAL_COPY_DIR, 'floors.json');
const floors = JSON.parse(readFileSync(file, 'utf8')) as {
  sets: Record<string, unknown>;
  fresh?: Record<string, unknown>;
};
async function floorOf(setFile: string, maxMedianCitations: number) {
  const score = await scoreSet(ctx.answerer(), setFile);
  console.log(`${path.basename(setFile)}: ${score.line}`);
  return {
    recall: Math.floor(score.recall * 1000) / 1000,
    strict: score.strict,
    notFound: score.notFound,
    maxMedianCitations,
    passing: Object.keys(score.passed).filter((id) => score.passed[id]),
  };
}
for (const name of ['dev-questions.json', 'dev-questions-2.json'])
  floors.sets[name] = await floorOf(path.join(EVAL_DIR, name), 8);
// Our own fresh sets (test/fixtures/fresh/), written from the plan texts alone: broader questions
// (structures, compound asks) cite more, hence a higher ceiling.
floors.fresh = {};
for (const name of readdirSync(FRESH_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort())
  floors.fresh[name] = await floorOf(path.join(FRESH_DIR, name), 12);
if (process.argv.includes('--write')) writeFileSync(file, `${JSON.stringify(floors, null, 2)}\n`);
ctx.close();
cleanup();
