import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector REST API. */
export interface ConnectorCall {
  method: string;
  path: string;
  /** Decoded {conversationId} of /v3/conversations/{conversationId}/activities[/{activityId}]. */
  conversationId: string | undefined;
  replyToId: string | undefined;
  authorization: string | null;
  /** The id the fake gave the activity it stored (what a later click names as replyToId). */
  responseId: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: activities are free-form JSON
  body: any;
}

interface Failure {
  conversationId: string;
  status: number;
  remaining: number;
  headers: Record<string, string>;
}

/**
 * A fake Bot Connector on 127.0.0.1: the service the bot posts its replies to (the activity's
 * serviceUrl). It records every call and can be told to fail some of them.
 */
export interface FakeConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Calls that carry a message (typing indicators left out). */
  messages(): ConnectorCall[];
  /** Waits (bounded) until `count` messages have arrived. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  /** Answers the next `times` calls for a conversation with an HTTP error. */
  failNext(conversationId: string, status: number, times: number, headers?: Record<string, string>): void;
  /** Never answers calls for a conversation (until the connector closes). */
  hang(conversationId: string): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const failures: Failure[] = [];
  const hanging = new Set<string>();
  const waiters = new Set<() => void>();
  let next = 0;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://connector');
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/u.exec(url.pathname);
    const call: ConnectorCall = {
      method: req.method ?? '',
      path: url.pathname,
      conversationId: match?.[1] ? decodeURIComponent(match[1]) : undefined,
      replyToId: match?.[2] ? decodeURIComponent(match[2]) : undefined,
      authorization: req.headers.authorization ?? null,
      responseId: match ? `connector-activity-${++next}` : undefined,
      body: raw ? JSON.parse(raw) : undefined,
    };
    calls.push(call);
    for (const wake of waiters) wake();
    if (call.conversationId && hanging.has(call.conversationId)) return;
    const failure = failures.find((f) => f.conversationId === call.conversationId && f.remaining > 0);
    if (failure) {
      failure.remaining--;
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(JSON.stringify({ error: { code: 'Injected', message: `injected HTTP ${failure.status}` } }));
      return;
    }
    res.writeHead(match ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: call.responseId }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const messages = () => calls.filter((call) => call.body?.type === 'message');

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    messages,
    async waitForMessages(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages().length < count) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`expected ${count} messages at the connector, got ${messages().length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(left, 200));
          function done() {
            clearTimeout(timer);
            waiters.delete(done);
            resolve();
          }
          waiters.add(done);
        });
      }
      return messages();
    },
    failNext(conversationId, status, times, headers = {}) {
      failures.push({ conversationId, status, remaining: times, headers });
    },
    hang(conversationId) {
      hanging.add(conversationId);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
