/**
 * npm run bench:slack — signed app_mention requests at a steady rate over loopback, through the
 * real adapter (startSlack, Bolt's HTTP receiver, SQLite) and a fake Slack Web API.
 *
 *   npm run bench:slack                                  100 requests/s for 30 s
 *   npm run bench:slack -- --rate 50 --duration 5
 *   SLACK_BENCH_RATE=50 SLACK_BENCH_DURATION=5 npm run bench:slack
 *
 * Measures the ack latency (request sent → HTTP 200) and the reply latency (request sent →
 * chat.postMessage received by the fake), after 50 unmeasured warm-up requests. The fake Slack
 * and the load run in a child process (slack-load.ts), the adapter and the router in this one.
 * Targets from issue 7: ack p95 ≤ 50 ms, reply p95 ≤ 100 ms, no errors; exit code 1 when missed.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSlack } from '../../src/adapters/slack/index.ts';
import type { Router } from '../../src/core/kernel/types.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger, type Logger } from '../../src/platform/log.ts';
import { type Db, openDatabase } from '../../src/store/db.ts';
import { createSlackStateStore } from '../../src/store/slack-state-store.ts';
import { FAKE_BOT_TOKEN } from '../helpers/slack-fake-api.ts';
import { createScriptedRouter } from '../helpers/slack-router.ts';
import type { LoadPlan, LoadResult } from './slack-load.ts';

/** Builds the router under test; the default is the scripted one, the real offline router fits too. */
export type RouterFactory = (deps: { db: Db; log: Logger }) => Router | Promise<Router>;

export interface SlackBenchOptions {
  rate: number;
  durationS: number;
  createRouter?: RouterFactory;
  /** Requests sent one by one before measuring (default 50). */
  warmup?: number;
  /** How long to wait for the last replies after the last request (default 10 s). */
  settleMs?: number;
  /** The mentions' texts, sent in turn (default: one Cantal question). */
  messages?: string[];
  /** The database of the adapter and the router (default: a fresh one, closed at the end). */
  db?: Db;
}

export interface SlackBenchResult {
  sent: number;
  acked: number;
  replied: number;
  errors: number;
  ack: Percentiles;
  reply: Percentiles;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const SECRET = 'bench-signing-secret';
export const TARGETS = { ackP95Ms: 50, replyP95Ms: 100, errors: 0 };

export async function runSlackBench(options: SlackBenchOptions): Promise<SlackBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boussole-bench-'));
  // Slack is another machine: the fake and the load run in their own process (with tsx to load
  // TypeScript), so this one runs only the adapter and the router under test.
  const load = fork(fileURLToPath(new URL('./slack-load.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const db = options.db ?? openDatabase(path.join(dir, 'bench.db'));
  // Warnings and errors only, to memory: logging every request would measure the terminal.
  const logged: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  const log = createLogger('warn', sink);
  try {
    const { apiUrl } = await nextMessage<{ apiUrl: string }>(load);
    const config = loadConfig({
      BOUSSOLE_DB: ':memory:',
      BOUSSOLE_HTTP_HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_PORT: '0',
      SLACK_API_URL: apiUrl,
    });
    const router = await (options.createRouter ?? (() => createScriptedRouter()))({ db, log });
    const slack = await startSlack({ config, router, log, store: createSlackStateStore(db) });
    try {
      const plan: LoadPlan = {
        url: `http://127.0.0.1:${slack.port}/slack/events`,
        secret: SECRET,
        rate: options.rate,
        durationS: options.durationS,
        warmup: options.warmup ?? 50,
        settleMs: options.settleMs ?? 10_000,
        ...(options.messages ? { messages: options.messages } : {}),
      };
      load.send(plan);
      const { result } = await nextMessage<{ result: LoadResult }>(load);
      // An answer the adapter had to replace by an apology is logged at error level: an error too.
      const loggedErrors = logged.filter((line) => line.includes('"level":50')).length;
      return {
        sent: result.sent,
        acked: result.ackMs.length,
        replied: result.replyMs.length,
        errors: result.failed + result.unanswered + loggedErrors,
        ack: summarise(result.ackMs),
        reply: summarise(result.replyMs),
      };
    } finally {
      await slack.stop();
    }
  } finally {
    if (load.exitCode === null) load.kill();
    if (!options.db) db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The load process's next message; fails if it dies first, or after ten minutes at most. */
export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error('bench:slack : le générateur de charge ne répond plus')),
      600_000,
    );
    const onExit = (code: number | null) =>
      done(new Error(`bench:slack : le générateur de charge s'est arrêté (${code})`));
    const onMessage = (message: unknown) => done(undefined, message as T);
    function done(error?: Error, message?: T) {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('message', onMessage);
      if (error) reject(error);
      else resolve(message as T);
    }
    child.once('exit', onExit);
    child.once('message', onMessage);
  });
}

export function summarise(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

export function readOption(args: string[], name: string, envName: string, fallback: number): number {
  const flag = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const raw = flag < 0 ? process.env[envName] : (args[flag]?.split('=')[1] ?? args[flag + 1]);
  const value = Number(raw ?? fallback);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} / ${envName} : nombre positif attendu`);
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rate = readOption(args, 'rate', 'SLACK_BENCH_RATE', 100);
  const durationS = readOption(args, 'duration', 'SLACK_BENCH_DURATION', 30);
  process.stdout.write(`bench:slack — ${rate} mentions/s pendant ${durationS} s sur 127.0.0.1…\n`);
  const r = await runSlackBench({ rate, durationS });
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const met =
    r.ack.p95 <= TARGETS.ackP95Ms && r.reply.p95 <= TARGETS.replyP95Ms && r.errors <= TARGETS.errors;
  process.stdout.write(
    [
      `requêtes envoyées   ${r.sent} (acquittées ${r.acked}, réponses postées ${r.replied})`,
      `ack                 p50 ${ms(r.ack.p50)}  p95 ${ms(r.ack.p95)}  max ${ms(r.ack.max)}  (cible p95 ≤ ${TARGETS.ackP95Ms} ms)`,
      `réponse postée      p50 ${ms(r.reply.p50)}  p95 ${ms(r.reply.p95)}  max ${ms(r.reply.max)}  (cible p95 ≤ ${TARGETS.replyP95Ms} ms)`,
      `erreurs             ${r.errors}  (cible ${TARGETS.errors})`,
      `cibles              ${met ? 'atteintes' : 'MANQUÉES'}`,
      '',
    ].join('\n'),
  );
  if (!met) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
