// `npm run bench`: offline answer latency (in process) against the floor of one raw FTS5 bm25
// query on the same database, and the cold start of `boussole ask`. Prints figures, asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { openContext } from '../../src/context.ts';
import { buildMatchExpression } from '../../src/core/query/fts.ts';
import { createLogger } from '../../src/log.ts';
import { ROOT_DIR } from '../../src/paths.ts';
import { searchFts } from '../../src/store/plan-store.ts';
import { tempDir } from '../helpers/plans.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const evalFile = path.resolve(ROOT_DIR, '..', 'shared', 'eval', 'dev-questions.json');
const source = existsSync(evalFile)
  ? evalFile
  : path.join(ROOT_DIR, 'test', 'fixtures', 'questions-extra.json');
const questions = (JSON.parse(readFileSync(source, 'utf8')) as { q: string }[]).map((q) => q.q);

const { dir, cleanup } = tempDir('boussole-bench-');
const dbFile = path.join(dir, 'bench.db');
const ctx = openContext(loadConfig({ BOUSSOLE_DB: dbFile }), createLogger('silent'));
const answerer = ctx.answerer();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
function measure(run: (question: string) => void): { p50: number; p95: number } {
  for (const question of questions) run(question); // warm-up
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const question of questions) {
      const t0 = process.hrtime.bigint();
      run(question);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const answer = measure((question) => {
  answerer.ask(question);
});
const floor = measure((question) => {
  const match = buildMatchExpression(question);
  if (match) searchFts(ctx.db, match, 50);
});
ctx.close();

const cold: number[] = [];
for (let i = 0; i < 7; i++) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT_DIR, 'src', 'boussole.mjs'), 'ask', '--json', questions[0] ?? 'aide'],
    {
      env: { ...process.env, BOUSSOLE_DB: dbFile },
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`boussole ask failed: ${run.stderr}`);
  cold.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
cold.sort((a, b) => a - b);
cleanup();

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
console.log(`questions: ${questions.length} × ${ROUNDS} (${path.relative(ROOT_DIR, source)})`);
console.log(`answer (in process)   p50 ${fmt(answer.p50)}   p95 ${fmt(answer.p95)}   (target p95 <= 10 ms)`);
console.log(`floor: raw FTS5 bm25  p50 ${fmt(floor.p50)}   p95 ${fmt(floor.p95)}`);
console.log(`ratio p95 answer/floor: ${(answer.p95 / floor.p95).toFixed(2)}×   (target <= 5×)`);
console.log(
  `cold start boussole ask: median ${fmt(percentile(cold, 50))}   max ${fmt(cold.at(-1) ?? 0)}   (target <= 500 ms)`,
);
