import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/context.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { ROOT_DIR } from '../../src/platform/paths.ts';
import { tempDir } from '../helpers/plans.ts';
import {
  boussoleChild,
  type Child,
  exited,
  faultChild,
  freePort,
  stop,
  until,
  untilHealthy,
} from '../helpers/processes.ts';
import { FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../helpers/slack-fake-api.ts';
import { eventCallback, mentionEvent, sendToSlackApp } from '../helpers/slack-requests.ts';

// Issue 14, item 3: "never silence when the database fails". The assistant runs as `npm start`
// runs it, in its own process; the faults are real: a file-size limit that makes every write fail
// as on a full disk, and another process holding SQLite's write lock.
const SECRET = 'trust-signing-secret';
let dir: string;
let cleanup: () => void;
let fake: FakeSlackApi;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('boussole-db-faults-'));
  fake = await startFakeSlackApi();
  // Build the bundle now: a process that cannot write files could not rebuild it.
  spawnSync(process.execPath, [path.join(ROOT_DIR, 'bin', 'boussole.mjs'), 'help'], { stdio: 'ignore' });
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  cleanup();
});

/** A seeded database where U0ALICE may record Cantal values. */
async function seed(name: string): Promise<string> {
  const dbFile = path.join(dir, name);
  const ctx = openContext(loadConfig({ BOUSSOLE_DB: dbFile }), createLogger('silent'));
  await ctx
    .measurements()
    .repo.grant({ userKey: 'slack:U0ALICE', role: 'contributor', scope: 'cantal' }, 'test');
  ctx.close();
  return dbFile;
}

/**
 * A connection that has read the database, so that its -wal and -shm files exist: a process that
 * cannot grow files can open it and read (a real server's database has them while it runs).
 */
function holdOpen(dbFile: string): Database.Database {
  const holder = new Database(dbFile);
  holder.prepare('SELECT COUNT(*) FROM plans').get();
  return holder;
}

/** `boussole start` with Slack over HTTP on a free loopback port, once /healthz answers. */
async function startAssistant(
  dbFile: string,
  fileSizeLimitBlocks?: number,
): Promise<{ app: Child; url: string }> {
  const port = await freePort();
  const app = boussoleChild(
    ['start'],
    {
      BOUSSOLE_DB: dbFile,
      BOUSSOLE_HTTP_HOST: '127.0.0.1',
      BOUSSOLE_LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_PORT: String(port),
    },
    fileSizeLimitBlocks === undefined ? {} : { fileSizeLimitBlocks },
  );
  const base = `http://127.0.0.1:${port}`;
  await untilHealthy(app, base, 'the assistant');
  return { app, url: `${base}/slack/events` };
}

const repliesIn = (channel: string, threadTs?: string) =>
  fake
    .find('chat.postMessage')
    .filter((c) => c.body.channel === channel && (threadTs === undefined || c.body.thread_ts === threadTs));
const textOf = (call: { body: { blocks?: unknown; text?: string } }) =>
  JSON.stringify(call.body.blocks ?? call.body.text);

describe('with the disk full', () => {
  it('answers a Slack question, answers a retried event once, and says why an entry was not saved', async () => {
    const dbFile = await seed('full.db');
    const holder = holdOpen(dbFile);
    const { app, url } = await startAssistant(dbFile, 0);
    try {
      const mention = mentionEvent({ ts: '1715000900.000100' }, 'Ev0FULL0001');
      expect((await sendToSlackApp(url, SECRET, 'event', mention)).status).toBe(200);
      const answer = await fake.waitFor(() => repliesIn('C0PILOTAGE', '1715000900.000100')[0], 30_000);
      expect(textOf(answer)).toMatch(/faits numériques/u);
      expect(textOf(answer)).not.toMatch(/Désolé/u);

      // Slack's retry of the same event: its id could not be stored, memory still knows it.
      await sendToSlackApp(url, SECRET, 'event', mention, { headers: { 'X-Slack-Retry-Num': '1' } });
      const entry = eventCallback('message_im', {
        ts: '1715000901.000100',
        text: "Cantal 2024-2025 : 62,5 % d'élèves groupe 3 faits numériques",
      });
      expect((await sendToSlackApp(url, SECRET, 'event', entry)).status).toBe(200);
      const refusal = await fake.waitFor(() => repliesIn('D0ALICE')[0], 30_000);
      expect(textOf(refusal)).toMatch(/ne peut plus rien enregistrer.*Prévenez l’administrateur/u);
      expect(repliesIn('C0PILOTAGE', '1715000900.000100')).toHaveLength(1);
    } finally {
      await stop(app.proc);
      holder.close();
    }
    expect(app.proc.exitCode).toBe(0);
  }, 90_000);

  it('shows the computed answer in the console chat instead of an apology', async () => {
    const dbFile = await seed('full-console.db');
    const holder = holdOpen(dbFile);
    const chat = boussoleChild(['start'], { BOUSSOLE_DB: dbFile }, { fileSizeLimitBlocks: 0, stdin: true });
    try {
      chat.proc.stdin?.end('Quelles actions visent les faits numériques dans le Cantal ?\nquitter\n');
      await until(() => chat.proc.exitCode !== null, 60_000, 'the console chat to finish');
    } finally {
      await stop(chat.proc);
      holder.close();
    }
    const output = chat.lines.join('\n');
    expect(output).toMatch(/faits numériques/u);
    expect(output).toMatch(/\[1\]/u);
    expect(output).not.toMatch(/Désolé/u);
    expect(output).toMatch(/Au revoir/u);
  }, 90_000);
});

describe('with another process holding the write lock for 10 s', () => {
  it('gives every mention a reply, answer or apology, and none twice', async () => {
    const dbFile = await seed('locked.db');
    const { app, url } = await startAssistant(dbFile);
    const locker = faultChild('lock-child.ts', [dbFile, '10000']);
    try {
      await until(() => locker.lines.includes('locked'), 30_000, 'the lock');
      const threads = Array.from({ length: 6 }, (_, i) => `171500100${i}.000100`);
      for (const [i, ts] of threads.entries()) {
        const question = i % 2 ? '<@U0BOT> Quels indicateurs pour la lecture ?' : '<@U0BOT> plans';
        const sent = await sendToSlackApp(
          url,
          SECRET,
          'event',
          mentionEvent({ ts, text: question }, `Ev0LOCK${i}`),
        );
        expect(sent.status).toBe(200);
      }
      const entry = eventCallback('message_im', {
        ts: '1715001100.000100',
        text: "Cantal 2024-2025 : 62,5 % d'élèves groupe 3 faits numériques",
      });
      expect((await sendToSlackApp(url, SECRET, 'event', entry)).status).toBe(200);
      await fake.waitFor(
        () =>
          threads.every((ts) => repliesIn('C0PILOTAGE', ts).length > 0) && repliesIn('D0ALICE').length > 0,
        60_000,
      );
      // The lock is still held when the replies are in: they did not wait for it.
      expect(locker.proc.exitCode).toBeNull();
      for (const ts of threads) expect(repliesIn('C0PILOTAGE', ts)).toHaveLength(1);
      // The entry could not be written: the user is told to try again, or it went through afterwards.
      expect(textOf(repliesIn('D0ALICE')[0] as never)).toMatch(
        /occupée par une autre opération.*Réessayez|Aperçu/u,
      );
    } finally {
      await exited(locker.proc);
      await stop(app.proc);
    }
  }, 120_000);
});

describe('a CLI import beside the assistant', () => {
  it('lets another writer in between its batches instead of holding the lock until it ends', async () => {
    const dbFile = await seed('import.db');
    const rows = ['indicateur_id;perimetre;periode;valeur'];
    const indicators = ['i0ab56d1', 'i6aef956', 'i646b5a1', 'i64fd8ae', 'i2915d05'];
    const scopes = ['cantal', 'allier', 'haute-loire', 'puy-de-dome', 'clermont-ferrand'];
    for (let n = 0; rows.length <= 60_000; n++)
      rows.push(
        `${indicators[n % 5]};${scopes[Math.floor(n / 5) % 5]};${1995 + (Math.floor(n / 25) % 29)}-${1996 + (Math.floor(n / 25) % 29)};${(n % 997) / 10}`,
      );
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, rows.join('\n'));
    const probe = new Database(dbFile);
    // The assistant's own wait, with no back-off: a batch must end within it.
    probe.pragma('busy_timeout = 1000');
    const write = probe.prepare(
      "INSERT INTO settings (key, value) VALUES (?, 'probe') ON CONFLICT (key) DO NOTHING",
    );
    const importer = boussoleChild(['import', file], { BOUSSOLE_DB: dbFile });
    let ok = 0;
    const refused: string[] = [];
    try {
      for (let i = 0; importer.proc.exitCode === null && i < 5000; i++) {
        try {
          write.run(`probe-${i}`);
          ok++;
        } catch (error) {
          refused.push((error as Error).message);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await exited(importer.proc);
    } finally {
      probe.close();
    }
    expect(
      importer.proc.exitCode,
      `${importer.errors.join('\n')}\nprobes refused: ${refused.join(', ')}`,
    ).toBe(0);
    expect(importer.lines.join('\n')).toMatch(/60000 valeur\(s\) importée\(s\)/u);
    expect(refused).toEqual([]);
    expect(ok).toBeGreaterThan(0);
    const db = new Database(dbFile, { readonly: true });
    const batches = (
      db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import'").get() as { n: number }
    ).n;
    db.close();
    expect(batches).toBeGreaterThan(1);
  }, 120_000);
});
