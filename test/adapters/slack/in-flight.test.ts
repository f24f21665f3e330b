import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../../src/core/kernel/types.ts';
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';
import { mentionEvent, signRequest } from '../../helpers/slack-requests.ts';

/** How long the router computes each answer without giving the event loop back. */
const BUSY_MS = 400;
const EVENTS = 4;

let h: SlackHarness;
const computed: { start: number; end: number }[] = [];

/** A router whose answers are pure computation, as the offline answerer's are (synchronous SQLite). */
const busyRouter: Router = {
  async handleMessage() {
    const start = Date.now();
    while (Date.now() - start < BUSY_MS) {
      // computing
    }
    computed.push({ start, end: Date.now() });
    return { status: 'answered', lang: 'fr', text: 'Réponse.' };
  },
  async homeView() {
    return { status: 'info', lang: 'fr', text: '' };
  },
  async handleClick() {
    return { status: 'info', lang: 'fr', text: '' };
  },
};

beforeAll(async () => {
  h = await startSlackHarness(busyRouter);
});
afterAll(async () => {
  await h?.close();
});

/**
 * Sends the requests from another process, as Slack does, so that the times of the acks are read
 * by a clock this process's busy event loop cannot hold up. Resolves with each ack's delay in ms.
 */
function sendFromAnotherProcess(url: string, bodies: string[]): Promise<number[]> {
  const requests = bodies.map((body) => ({
    body,
    headers: { 'Content-Type': 'application/json', ...signRequest(SIGNING_SECRET, body) },
  }));
  const script = `
    const requests = JSON.parse(process.env.REQUESTS);
    Promise.all(requests.map(async ({ body, headers }) => {
      const started = Date.now();
      const response = await fetch(process.env.URL, { method: 'POST', headers, body });
      await response.text();
      return response.status === 200 ? Date.now() - started : -response.status;
    })).then((delays) => { process.stdout.write(JSON.stringify(delays)); });
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH ?? '', URL: url, REQUESTS: JSON.stringify(requests) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out) as number[]);
      } catch {
        reject(new Error(`client process gave no delays: ${out}`));
      }
    });
  });
}

describe('acks under load', () => {
  it('leave before the answers are computed, even when several events arrive together', async () => {
    // A first event, answered alone: the asker's name is then known, and the next events reach
    // the router without waiting on the Web API, as under load where the same people write.
    await sendFromAnotherProcess(h.eventsUrl, [
      JSON.stringify(mentionEvent({ ts: '1715000980.000100', text: '<@U0BOT> bonjour' }, 'EvBUSYWARM')),
    ]);
    await h.fake.waitFor(() => h.fake.find('chat.postMessage').length >= 1, 10_000);
    h.fake.reset();
    computed.length = 0;
    const bodies = Array.from({ length: EVENTS }, (_, n) =>
      JSON.stringify(mentionEvent({ ts: `17150009${n}0.000100`, text: '<@U0BOT> question' }, `EvBUSY${n}`)),
    );
    const delays = await sendFromAnotherProcess(h.eventsUrl, bodies);
    await h.fake.waitFor(() => h.fake.find('chat.postMessage').length >= EVENTS, 10_000);
    expect(computed).toHaveLength(EVENTS);
    // Answered one after the other: the last answer is ready EVENTS × BUSY_MS after the first request.
    // Each ack waited for at most the one answer being computed when its request came in, never
    // for the answers queued before it.
    for (const delay of delays) {
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThan(BUSY_MS * 2);
    }
  });
});
