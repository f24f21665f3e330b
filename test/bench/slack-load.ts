/**
 * The Slack side of `npm run bench:slack`, in a child process: the fake Web API and the load
 * generator. Slack is another machine in production; here it gets its own process, so the bench
 * process runs only the adapter and the router under test, and "request sent" and
 * "chat.postMessage received" are read on one clock.
 */
import { startFakeSlackApi } from '../helpers/slack-fake-api.ts';
import { mentionEvent, sendToSlackApp } from '../helpers/slack-requests.ts';
import { CANTAL_QUESTION } from '../helpers/slack-router.ts';

export interface LoadPlan {
  url: string;
  /** Several replicas: requests go to each in turn (a load balancer's round robin). */
  urls?: string[];
  secret: string;
  rate: number;
  durationS: number;
  warmup: number;
  settleMs: number;
  /** The mentions' texts, sent in turn (default: the Cantal question alone). */
  messages?: string[];
}

export interface LoadResult {
  sent: number;
  ackMs: number[];
  replyMs: number[];
  /** Non-200 answers and failed requests. */
  failed: number;
  /** Requests whose reply never reached the fake. */
  unanswered: number;
}

const send = process.send?.bind(process);
if (!send) throw new Error('slack-load.ts is started by test/bench/slack.ts');
const fake = await startFakeSlackApi();
send({ apiUrl: fake.apiUrl });
process.once('message', async (plan: LoadPlan) => {
  const result = await runLoad(plan);
  await fake.close();
  send({ result }, () => process.disconnect());
});
// The bench process going away ends this one too.
process.once('disconnect', () => process.exit(0));

async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const texts = plan.messages?.length ? plan.messages : [CANTAL_QUESTION];
  const urlOf = (i: number) => plan.urls?.[i % plan.urls.length] ?? plan.url;
  const mention = (i: number, ts: string, id: string) =>
    mentionEvent({ ts, user: `U0USER${i % 20}`, text: `<@U0BOT> ${texts[i % texts.length]}` }, id);

  // The first requests load and compile code lazily (Node's fetch, the Web API client) and stand
  // for start-up, not for the steady state the targets are about: sent one by one, not counted.
  for (let i = 0; i < plan.warmup; i++) {
    const ts = `${1_800_000_000 + i}.000100`;
    await sendToSlackApp(urlOf(i), plan.secret, 'event', mention(i, ts, `EvWARM${i}`));
    await fake.waitFor(() => fake.find('chat.postMessage').some((c) => c.body.thread_ts === ts), 10_000);
  }
  fake.reset();

  const sentAt = new Map<string, number>();
  const ackMs: number[] = [];
  const replyMs: number[] = [];
  let failed = 0;
  fake.onCall((call) => {
    if (call.method !== 'chat.postMessage') return;
    const started = sentAt.get(String(call.body.thread_ts));
    if (started === undefined) return;
    sentAt.delete(String(call.body.thread_ts));
    replyMs.push(call.at - started);
  });

  const total = Math.max(1, Math.round(plan.rate * plan.durationS));
  const intervalMs = 1000 / plan.rate;
  const requests: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    // Scheduled against the start time, so a late tick does not lower the rate.
    const wait = t0 + i * intervalMs - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const ts = `${1_900_000_000 + i}.000100`;
    const body = mention(i, ts, `EvBENCH${i}`);
    const started = performance.now();
    sentAt.set(ts, started);
    requests.push(
      sendToSlackApp(urlOf(i), plan.secret, 'event', body).then(
        (response) => {
          if (response.status === 200) ackMs.push(performance.now() - started);
          else failed += 1;
        },
        () => {
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(requests);
  const deadline = Date.now() + plan.settleMs;
  while (sentAt.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return { sent: total, ackMs, replyMs, failed, unanswered: sentAt.size };
}
