/**
 * npm run bench:load — issue 9: a realistic mix of mentions at a steady rate through the Slack
 * HTTP receiver on loopback, answered offline by the assistant exactly as `npm start` runs it
 * (node bin/boussole.mjs start, the bundled build), on a temporary database seeded with the
 * shipped plans.
 *
 *   npm run bench:load                                   200 messages/s for 60 s
 *   npm run bench:load -- --rate 50 --duration 10
 *   LOAD_BENCH_RATE=50 LOAD_BENCH_DURATION=10 npm run bench:load
 *   npm run bench:load -- --replicas 3 --database postgres   three assistants sharing one
 *                             PostgreSQL database (a temporary schema), requests in turn to each
 *   npm run bench:lock        (= --rate 20 --duration 30 --lock 10) another process holds the
 *                             SQLite write lock for 10 s in the middle of the run (issue 14)
 *
 * Three processes: this one (set-up and report), the load generator with the fake Slack Web API
 * (bench:slack's slack-load.ts), and the assistant, whose peak RSS (VmHWM) and CPU time are read
 * from /proc. Targets: no errors, ack and reply p95 ≤ 100 ms, peak RSS ≤ 150 MB; exit code 1 when
 * missed. Prints figures, asserts nothing else.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openContext } from '../../src/app/context.ts';
import { postgresStores } from '../../src/app/stores.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { ROOT_DIR } from '../../src/platform/paths.ts';
import { tempDir } from '../helpers/plans.ts';
import { scratchSchema, TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { FAKE_BOT_TOKEN } from '../helpers/slack-fake-api.ts';
import { nextMessage, type Percentiles, readOption, summarise } from './slack.ts';
import type { LoadPlan, LoadResult } from './slack-load.ts';

export const TARGETS = { p95Ms: 100, errors: 0, rssMb: 150 };
/** With the database locked: Slack's own limit on an ack, and a reply (answer or apology) to every mention. */
export const LOCK_TARGETS = { ackMaxMs: 3000, unanswered: 0 };
const SECRET = 'bench-signing-secret';
/**
 * The Node flags `npm start` gives the assistant (package.json), so the bench measures the same
 * process; LOAD_BENCH_NODE_FLAGS replaces them to try other tunings.
 */
const NODE_FLAGS = (
  process.env.LOAD_BENCH_NODE_FLAGS ??
  (
    JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start
    .split(/\s+/u)
    .filter((word) => word.startsWith('--'))
    .join(' ')
)
  .split(/\s+/u)
  .filter(Boolean);

const QUESTION_SETS = [
  path.join(ROOT_DIR, '..', 'shared', 'eval', 'dev-questions.json'),
  path.join(ROOT_DIR, 'test', 'fixtures', 'questions-extra.json'),
];

/** Entries that the real router turns into a preview (indicator, scope and period all found). */
const MEASUREMENTS = [
  "Cantal 2025-2026 : 62,5 % d'élèves groupe 3 faits numériques",
  'Allier 2025-2026, groupe 3 faits numériques : 41 %',
  'Pour le Puy-de-Dôme en 2025/2026, 48,3 % des élèves comprennent un écrit',
  'Record 52.5% students reading a text, Cantal, school year 2025-26',
  "Haute-Loire 2025-2026 : 71 % d'élèves lisant un texte",
  "Puy-de-Dôme 2025-2026 : 38 % d'élèves groupe 3 faits numériques",
];
const WARMUP = 50;
const MEASURED_SCOPES = ['cantal', 'allier', 'haute-loire', 'puy-de-dome'];
/** slack-load.ts mentions as U0USER0 … U0USER19. */
const USERS = Array.from({ length: 20 }, (_, n) => `U0USER${n}`);

/** Six questions, then a measurement entry, until the questions run out. */
export function messageMix(): { messages: string[]; questions: number; entries: number } {
  const questions = QUESTION_SETS.filter((file) => existsSync(file)).flatMap((file) =>
    (JSON.parse(readFileSync(file, 'utf8')) as { q: string }[]).map((item) => item.q),
  );
  const messages: string[] = [];
  questions.forEach((question, i) => {
    messages.push(question);
    if (i % 6 === 5) messages.push(MEASUREMENTS[Math.floor(i / 6) % MEASUREMENTS.length] as string);
  });
  return { messages, questions: questions.length, entries: messages.length - questions.length };
}

export interface LoadBenchResult {
  sent: number;
  acked: number;
  replied: number;
  errors: number;
  ack: Percentiles;
  reply: Percentiles;
  /** The assistant process's high-water RSS (VmHWM). */
  maxRssMb: number;
  /** CPU time of the assistant process per message answered, warm-up included. */
  cpuMsPerMessage: number;
  /** Lines the assistant logged at error level (with --lock: writes refused during the lock). */
  loggedErrors: number;
  /** Requests without a reply. */
  unanswered: number;
  /** How long the other process actually held the lock, in seconds (0 without --lock). */
  lockHeldS: number;
}

/** A free loopback port, for the assistant's SLACK_PORT. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function procStatus(pid: number): { hwmMb: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwmKb = Number(/VmHWM:\s+(\d+)/u.exec(status)?.[1] ?? Number.NaN);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of /proc/pid/stat, in clock ticks (100 per second).
  const ticks = Number(stat[11]) + Number(stat[12]);
  return { hwmMb: hwmKb / 1024, cpuMs: ticks * 10 };
}

/** Exited, or killed by a signal (an out-of-memory abort leaves exitCode null): no 'exit' to wait for. */
function hasStopped(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitHealthy(port: number, app: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (hasStopped(app))
      throw new Error(`bench:load : l'assistant s'est arrêté (${app.exitCode ?? app.signalCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("bench:load : l'assistant n'a pas démarré en 60 s");
}

export async function runLoadBench(options: {
  rate: number;
  durationS: number;
  messages: string[];
  lockS?: number;
  /** Assistant processes, each with its own plans file; more than one needs PostgreSQL. */
  replicas?: number;
  database?: 'sqlite' | 'postgres';
}): Promise<LoadBenchResult> {
  const replicas = options.replicas ?? 1;
  const { dir, cleanup } = tempDir('boussole-load-');
  const dbFile = path.join(dir, 'load.db');
  const shared = options.database === 'postgres' ? await scratchSchema() : undefined;
  const config = loadConfig({
    BOUSSOLE_DB: dbFile,
    ...(shared ? { BOUSSOLE_DATABASE_URL: shared.url } : {}),
  });
  // Seeded and granted here, so the assistants start as on machines already in service.
  const stores = config.postgres ? await postgresStores(config.postgres, config) : undefined;
  const ctx = openContext(config, createLogger('silent'), stores ? { stores } : {});
  for (const user of USERS)
    for (const scope of MEASURED_SCOPES)
      await ctx.measurements().repo.grant({ userKey: `slack:${user}`, role: 'contributor', scope }, 'bench');
  ctx.close();
  await stores?.close();
  const files = Array.from({ length: replicas }, (_, n) => {
    if (n === 0) return dbFile;
    const copy = path.join(dir, `load-${n}.db`);
    copyFileSync(dbFile, copy);
    return copy;
  });

  const load = fork(fileURLToPath(new URL('./slack-load.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const apps: ChildProcess[] = [];
  let loggedErrors = 0;
  let locker: Promise<number> | undefined;
  try {
    const { apiUrl } = await nextMessage<{ apiUrl: string }>(load);
    const urls: string[] = [];
    for (const file of files) {
      const port = await freePort();
      const app = spawn(
        process.execPath,
        [...NODE_FLAGS, path.join(ROOT_DIR, 'bin', 'boussole.mjs'), 'start'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            BOUSSOLE_DB: file,
            ...(shared ? { BOUSSOLE_DATABASE_URL: shared.url } : {}),
            BOUSSOLE_HTTP_HOST: '127.0.0.1',
            BOUSSOLE_LOG_LEVEL: 'warn',
            SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
            SLACK_SIGNING_SECRET: SECRET,
            SLACK_API_URL: apiUrl,
            SLACK_PORT: String(port),
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      apps.push(app);
      app.stderr?.on('data', (chunk: Buffer) => {
        loggedErrors += (String(chunk).match(/"level":50/gu) ?? []).length;
      });
      await waitHealthy(port, app);
      urls.push(`http://127.0.0.1:${port}/slack/events`);
    }
    const plan: LoadPlan = {
      url: urls[0] as string,
      urls,
      secret: SECRET,
      rate: options.rate,
      durationS: options.durationS,
      warmup: WARMUP,
      settleMs: 10_000,
      messages: options.messages,
    };
    load.send(plan);
    // The lock comes once the warm-up is over, a third of the way into the measured run.
    if (options.lockS) locker = holdLockLater(dbFile, options.lockS, 2000 + (options.durationS * 1000) / 3);
    const { result } = await nextMessage<{ result: LoadResult }>(load);
    const procs = apps.map((app) => procStatus(app.pid as number));
    const lockHeldS = locker ? await locker : 0;
    return {
      sent: result.sent,
      acked: result.ackMs.length,
      replied: result.replyMs.length,
      // Under a lock, refused writes are logged as errors by design: only lost requests count.
      errors: result.failed + result.unanswered + (options.lockS ? 0 : loggedErrors),
      ack: summarise(result.ackMs),
      reply: summarise(result.replyMs),
      maxRssMb: Math.max(...procs.map((p) => p.hwmMb)),
      cpuMsPerMessage:
        procs.reduce((sum, p) => sum + p.cpuMs, 0) / Math.max(1, result.replyMs.length + WARMUP),
      loggedErrors,
      unanswered: result.unanswered,
      lockHeldS,
    };
  } finally {
    for (const app of apps) {
      if (!hasStopped(app)) {
        app.kill('SIGTERM');
        await new Promise((resolve) => app.once('exit', resolve));
      }
    }
    if (load.exitCode === null) load.kill();
    cleanup();
    await shared?.drop();
  }
}

/**
 * After `delayMs`, another process takes SQLite's write lock on `dbFile` and holds it for `seconds`
 * (test/fault/lock-child.ts); resolves with how long it really held it.
 */
function holdLockLater(dbFile: string, seconds: number, delayMs: number): Promise<number> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(ROOT_DIR, 'test', 'fault', 'lock-child.ts'),
          dbFile,
          String(seconds * 1000),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let lockedAt = 0;
      child.stdout?.on('data', () => {
        lockedAt ||= performance.now();
      });
      child.once('exit', () => resolve(lockedAt ? (performance.now() - lockedAt) / 1000 : 0));
    }, delayMs);
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rate = readOption(args, 'rate', 'LOAD_BENCH_RATE', 200);
  const durationS = readOption(args, 'duration', 'LOAD_BENCH_DURATION', 60);
  const lockGiven = args.some((a) => a.startsWith('--lock')) || Boolean(process.env.LOAD_BENCH_LOCK);
  const lockS = lockGiven ? readOption(args, 'lock', 'LOAD_BENCH_LOCK', 10) : 0;
  const replicas = readOption(args, 'replicas', 'LOAD_BENCH_REPLICAS', 1);
  const database =
    (args.includes('--database') ? args[args.indexOf('--database') + 1] : process.env.LOAD_BENCH_DATABASE) ??
    'sqlite';
  if (database !== 'sqlite' && database !== 'postgres')
    throw new Error('bench:load : --database sqlite ou postgres');
  if (replicas > 1 && database !== 'postgres')
    throw new Error('bench:load : plusieurs répliques partagent une base PostgreSQL (--database postgres)');
  if (lockS && database !== 'sqlite') throw new Error('bench:load : --lock mesure le verrou de SQLite');
  const mix = messageMix();
  process.stdout.write(
    `bench:load — ${rate} messages/s pendant ${durationS} s sur 127.0.0.1, assistant lancé comme npm start (node ${NODE_FLAGS.join(' ')}), réponses hors ligne (${mix.questions} questions, ${mix.entries} saisies de mesure en alternance)…\n`,
  );
  if (lockS)
    process.stdout.write(
      `un autre processus tient le verrou d'écriture SQLite ${lockS} s au milieu de la mesure\n`,
    );
  if (database === 'postgres')
    process.stdout.write(
      `${replicas} réplique(s) sur une base PostgreSQL (${TEST_DATABASE_URL}, schéma temporaire), requêtes réparties à tour de rôle\n`,
    );
  const r = await runLoadBench({ rate, durationS, messages: mix.messages, lockS, replicas, database });
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const line = (p: Percentiles) => `p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}  max ${ms(p.max)}`;
  const met = lockS
    ? r.ack.max <= LOCK_TARGETS.ackMaxMs &&
      r.unanswered <= LOCK_TARGETS.unanswered &&
      r.errors <= TARGETS.errors
    : r.ack.p95 <= TARGETS.p95Ms &&
      r.reply.p95 <= TARGETS.p95Ms &&
      r.errors <= TARGETS.errors &&
      r.maxRssMb <= TARGETS.rssMb;
  process.stdout.write(
    [
      `requêtes envoyées   ${r.sent} (acquittées ${r.acked}, réponses postées ${r.replied})`,
      `ack                 ${line(r.ack)}  (cible p95 ≤ ${TARGETS.p95Ms} ms)`,
      `réponse postée      ${line(r.reply)}  (cible p95 ≤ ${TARGETS.p95Ms} ms)`,
      `erreurs             ${r.errors}  (cible ${TARGETS.errors})`,
      `RSS de pointe       ${r.maxRssMb.toFixed(0)} Mo (VmHWM ${replicas > 1 ? 'de la plus grosse réplique' : "du processus de l'assistant"})  (cible ≤ ${TARGETS.rssMb} Mo)`,
      `CPU                 ${r.cpuMsPerMessage.toFixed(2)} ms par message (${replicas > 1 ? 'toutes répliques' : "processus de l'assistant"})`,
      ...(lockS
        ? [
            `verrou              tenu ${r.lockHeldS.toFixed(1)} s ; ${r.loggedErrors} écriture(s) refusée(s) journalisée(s) ; sans réponse ${r.unanswered}  (cibles : ack max ≤ ${LOCK_TARGETS.ackMaxMs} ms, une réponse à chaque mention)`,
          ]
        : []),
      `cibles              ${met ? 'atteintes' : 'MANQUÉES'}`,
      '',
    ].join('\n'),
  );
  if (!met) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
