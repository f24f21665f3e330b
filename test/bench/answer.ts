// `npm run bench`: offline answer latency (in process) against the floor of one raw FTS5 bm25
// query on the same database, the cold start of `boussole ask`, and the evaluation scores.
// `npm run bench -- --scale 50 [--json]`: the same on a national corpus built in a temporary
// database: the shipped plans copied 50 times under new ids and académies (250 plans).
// Prints figures, asserts nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openContext } from '../../src/app/context.ts';
import { buildMatchExpression } from '../../src/core/query/fts.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { ROOT_DIR } from '../../src/platform/paths.ts';
import { searchFts } from '../../src/store/plan-store.ts';
import { EVAL_DIR } from '../helpers/eval-norm.ts';
import { scoreSet } from '../helpers/eval-score.ts';
import { tempDir } from '../helpers/plans.ts';

const { values } = parseArgs({ options: { scale: { type: 'string' }, json: { type: 'boolean' } } });
const scale = Math.max(1, Number(values.scale ?? 1));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (scale > 1 ? 20 : 100));
const questionFiles = ['dev-questions.json', 'dev-questions-2.json'].map((name) => path.join(EVAL_DIR, name));
const questions = questionFiles.flatMap((file) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { q: string }[]).map((q) => q.q),
);

const { dir, cleanup } = tempDir('boussole-bench-');
const dataDir = scale > 1 ? nationalCorpus(path.join(dir, 'data'), scale) : path.join(ROOT_DIR, 'data');
const dbFile = path.join(dir, 'bench.db');
const env = { BOUSSOLE_DB: dbFile, BOUSSOLE_DATA_DIR: dataDir };
// The first open builds the database (ingest); the figure is that of a later open, as a restart.
openContext(loadConfig(env), createLogger('silent')).close();
const t0 = process.hrtime.bigint();
const ctx = openContext(loadConfig(env), createLogger('silent'));
const answerer = ctx.answerer();
const openMs = Number(process.hrtime.bigint() - t0) / 1e6;
const plans = ctx.library().plans.length;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
async function measure(run: (question: string) => unknown): Promise<{ p50: number; p95: number }> {
  for (const question of questions) await run(question); // warm-up
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const question of questions) {
      const start = process.hrtime.bigint();
      await run(question);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const answer = await measure((question) => answerer.ask(question));
const floor = await measure((question) => {
  const match = buildMatchExpression(question);
  if (match) searchFts(ctx.db, match, 50);
});
const scores =
  scale === 1
    ? await Promise.all(questionFiles.map(async (file) => ({ file, score: await scoreSet(answerer, file) })))
    : [];
ctx.close();

const cold: number[] = [];
for (let i = 0; i < 7; i++) {
  const start = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT_DIR, 'bin', 'boussole.mjs'), 'ask', '--json', questions[0] ?? 'aide'],
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`boussole ask failed: ${run.stderr}`);
  cold.push(Number(process.hrtime.bigint() - start) / 1e6);
}
cold.sort((a, b) => a - b);
cleanup();

const round = (ms: number) => Math.round(ms * 1000) / 1000;
if (values.json) {
  console.log(
    JSON.stringify({
      scale,
      plans,
      p50_ms: round(answer.p50),
      p95_ms: round(answer.p95),
      floor_p95_ms: round(floor.p95),
      context_open_ms: round(openMs),
      cold_start_ms: round(percentile(cold, 50)),
    }),
  );
} else {
  const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
  console.log(
    `corpus: ${plans} plans; questions: ${questions.length} × ${ROUNDS} (${path.relative(ROOT_DIR, EVAL_DIR)})`,
  );
  console.log(
    `answer (in process)   p50 ${fmt(answer.p50)}   p95 ${fmt(answer.p95)}   (target p95 <= ${scale > 1 ? 15 : 10} ms)`,
  );
  console.log(`floor: raw FTS5 bm25  p50 ${fmt(floor.p50)}   p95 ${fmt(floor.p95)}`);
  console.log(
    `ratio p95 answer/floor: ${(answer.p95 / floor.p95).toFixed(2)}×   (target <= 5× at 250 plans: --scale 50)`,
  );
  console.log(`context open: ${fmt(openMs)}`);
  console.log(
    `cold start boussole ask: median ${fmt(percentile(cold, 50))}   max ${fmt(cold.at(-1) ?? 0)}   (target <= 300 ms)`,
  );
  for (const { file, score } of scores) console.log(`${path.basename(file)}: ${score.line}`);
}

/**
 * A data folder holding the shipped plans `copies` times: each copy under a new id and a new
 * académie (its own scope entry), the CASF copies keeping the départements they decline.
 */
function nationalCorpus(target: string, copies: number): string {
  cpSync(path.join(ROOT_DIR, 'data'), target, {
    recursive: true,
    filter: (source) => !/\.db(?:-\w+)?$|\.boussole-history$/u.test(source),
  });
  const scopesFile = path.join(target, 'scopes.json');
  const scopes = JSON.parse(readFileSync(scopesFile, 'utf8')) as { scopes: { key: string; kind: string }[] };
  const plansDir = path.join(target, 'plans');
  const shipped = readdirSync(plansDir).filter((name) => name.endsWith('.json'));
  for (let copy = 1; copy < copies; copy++) {
    const academie = `academie-${copy}`;
    scopes.scopes.push({
      key: academie,
      kind: 'academie',
      // @ts-expect-error: the scope file's other fields
      name: `Académie ${copy}`,
      shortName: `Académie ${copy}`,
      forms: [`académie ${copy}`],
    });
    for (const name of shipped) {
      const meta = JSON.parse(readFileSync(path.join(plansDir, name), 'utf8')) as Record<string, unknown>;
      const file = `${copy}_${meta.file as string}`;
      cpSync(path.join(plansDir, meta.file as string), path.join(plansDir, file));
      writeFileSync(
        path.join(plansDir, `${copy}_${name}`),
        JSON.stringify({ ...meta, id: `${meta.id as string}-${copy}`, academie, file, aliases: [] }),
      );
    }
  }
  mkdirSync(plansDir, { recursive: true });
  writeFileSync(scopesFile, JSON.stringify(scopes));
  return target;
}
