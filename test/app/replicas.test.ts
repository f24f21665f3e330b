import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/plans.ts';
import { postgresGate, scratchSchema } from '../helpers/postgres.ts';
import { boussoleChild, type Child, freePort, stop, until, untilHealthy } from '../helpers/processes.ts';
import { FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../helpers/slack-fake-api.ts';
import { buttonClick, buttonsOf, mentionEvent, sendToSlackApp } from '../helpers/slack-requests.ts';

// Issue 17: three `npm start` processes (the bundled build, as deployed) on one PostgreSQL
// database behave as one assistant behind one Slack app.
const gate = await postgresGate();
const SECRET = 'replicas-signing-secret';
const REMINDED = ['U0R1', 'U0R2', 'U0R3', 'U0R4'];

let fake: FakeSlackApi;
let url: string;
let pool: pg.Pool;
const replicas: { child: Child; events: string }[] = [];
const cleanups: (() => unknown)[] = [];
let dir = '';

/** Each replica has its own SQLite file for the plans, as on its own machine, and shares PostgreSQL. */
function env(n: number, dir: string): NodeJS.ProcessEnv {
  return {
    BOUSSOLE_DB: path.join(dir, `replica-${n}.db`),
    BOUSSOLE_DATABASE_URL: url,
    BOUSSOLE_HTTP_HOST: '127.0.0.1',
    BOUSSOLE_LOG_LEVEL: 'warn',
    // Every replica sweeps every second: they compete for every reminder.
    BOUSSOLE_REMINDER_CRON: '* * * * * *',
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  };
}

async function startReplica(n: number, dir: string): Promise<{ child: Child; events: string }> {
  const port = await freePort();
  const child = boussoleChild(['start'], { ...env(n, dir), SLACK_PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  await untilHealthy(child, base, `replica ${n}`);
  return { child, events: `${base}/slack/events` };
}

/** `boussole …` on the shared database, as an operator would run it on any machine. */
async function cli(args: string[], dir: string): Promise<void> {
  const child = boussoleChild(args, env(9, dir));
  await until(() => child.proc.exitCode !== null, 60_000, `boussole ${args.join(' ')}`);
  if (child.proc.exitCode !== 0) throw new Error(`boussole ${args.join(' ')}: ${child.errors.join('\n')}`);
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

beforeAll(async () => {
  if (!gate.run) return;
  const temp = tempDir('boussole-replicas-');
  dir = temp.dir;
  cleanups.push(temp.cleanup);
  const schema = await scratchSchema();
  cleanups.push(schema.drop);
  url = schema.url;
  pool = new pg.Pool({ connectionString: url, max: 2 });
  cleanups.push(() => pool.end());
  fake = await startFakeSlackApi();
  cleanups.push(() => fake.close());
  // Reminders in direct messages are slow to post: a replica killed meanwhile leaves them claimed.
  fake.delay('chat.postMessage', (call) => (String(call.body.channel).startsWith('D') ? 1500 : 0));
  await cli(['migrate'], dir);
  await cli(['grant', 'slack:U0ALICE', 'contributor', 'cantal'], dir);
  for (let n = 0; n < 3; n++) replicas.push(await startReplica(n, dir));
}, 240_000);

afterAll(async () => {
  for (const replica of replicas) await stop(replica.child.proc);
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.runIf(gate.failure)('PostgreSQL under CI', () => {
  it('is reachable', () => {
    throw new Error(gate.failure ?? '');
  });
});

const repliesTo = (ts: string) => fake.find('chat.postMessage').filter((p) => p.body.thread_ts === ts);

describe.runIf(gate.run)('three npm start replicas on one PostgreSQL database', () => {
  it('answer each event once, whichever replica Slack sends it and its retries to', async () => {
    const events = Array.from({ length: 6 }, (_, n) => ({
      ts: `17150${n}0000.000100`,
      body: mentionEvent(
        {
          ts: `17150${n}0000.000100`,
          text: '<@U0BOT> Quelles actions visent les faits numériques dans le Cantal ?',
        },
        `EvREPLICA${n}`,
      ),
    }));
    await Promise.all(
      events.flatMap(({ body }, n) =>
        replicas.map((replica, r) =>
          sendToSlackApp(replica.events, SECRET, 'event', body, {
            headers:
              r === n % 3
                ? {}
                : { 'X-Slack-Retry-Num': String(r + 1), 'X-Slack-Retry-Reason': 'http_timeout' },
          }),
        ),
      ),
    );
    for (const { ts } of events) await fake.waitFor(() => repliesTo(ts).length > 0, 30_000);
    // Time for a duplicate to show, if any replica were to answer a second time.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const { ts } of events) expect(repliesTo(ts), ts).toHaveLength(1);
  }, 60_000);

  it('record one value when a preview is confirmed on every replica at once', async () => {
    const ts = '1715900000.000100';
    await sendToSlackApp(
      replicas[0]?.events as string,
      SECRET,
      'event',
      mentionEvent({ ts, text: "<@U0BOT> Cantal 2025-2026 : 62,5 % d'élèves groupe 3 faits numériques" }),
    );
    const preview = await fake.waitFor(() => repliesTo(ts)[0], 30_000);
    const confirm = buttonsOf(preview.body.blocks).find((b) => b.text.text === 'Confirmer');
    expect(confirm).toBeDefined();
    const clicks = await Promise.all(
      replicas.map((replica, n) =>
        sendToSlackApp(
          replica.events,
          SECRET,
          'interaction',
          buttonClick(confirm as never, { response_url: fake.responseUrl(`confirm${n}`) }),
        ),
      ),
    );
    expect(clicks.map((c) => c.status)).toEqual([200, 200, 200]);
    await fake.waitFor(() => [0, 1, 2].every((n) => fake.find(`/respond/confirm${n}`).length > 0), 30_000);
    const { rows } = await pool.query("SELECT value_num FROM measurements WHERE scope = 'cantal'");
    expect(rows).toEqual([{ value_num: 62.5 }]);
  }, 60_000);

  it('deliver every reminder once when a replica sending them is killed mid-delivery', async () => {
    // A deadline due today: every replica sweeps every second and claims what it can.
    await cli(
      [
        'deadline',
        'add',
        'i0ab56d1',
        '--date',
        today,
        '--lead',
        '0',
        '--scope',
        'cantal',
        ...REMINDED.flatMap((u) => ['--owner', `slack:${u}`]),
      ],
      dir,
    );
    const isReminder = (p: { body: { channel?: unknown } }) => String(p.body.channel).startsWith('D');
    await fake.waitFor(() => fake.find('chat.postMessage').some(isReminder), 30_000);
    // One replica holding claims is killed while Slack has not answered its post yet.
    const { rows: claimed } = await pool.query<{ owner: string }>(
      "SELECT owner FROM reminder_sends WHERE state = 'claimed' AND owner IS NOT NULL ORDER BY claimed_at LIMIT 1",
    );
    const victim = replicas.find((r) => claimed[0]?.owner.split(':')[1] === String(r.child.proc.pid));
    expect(victim).toBeDefined();
    victim?.child.proc.kill('SIGKILL');
    // The others see a dead process of this machine holding leases, and send what it held.
    let sent = 0;
    await until(
      () => {
        void pool
          .query(
            "SELECT count(*)::int AS n FROM reminder_sends WHERE state = 'sent' AND recipient LIKE 'slack:%'",
          )
          .then(({ rows }) => {
            sent = rows[0]?.n ?? 0;
          });
        return sent === REMINDED.length;
      },
      60_000,
      'every reminder marked sent',
    );
    const keys = fake
      .find('chat.postMessage')
      .filter(isReminder)
      .map((p) => p.body.metadata?.event_payload?.key);
    expect(keys.every(Boolean)).toBe(true);
    expect(new Set(keys).size).toBe(REMINDED.length);
    expect(keys).toHaveLength(REMINDED.length);
  }, 90_000);
});
