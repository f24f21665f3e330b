import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Slack received, parsed. */
export interface FakeCall {
  /** Web API method ("chat.postMessage"), or the path for uploads and response_urls. */
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON, asserted field by field.
  body: Record<string, any>;
  at: number;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Fault {
  response: FakeResponse;
  /** Only calls whose body matches are failed (e.g. one recipient among several). */
  when?: (call: FakeCall) => boolean;
}

export const FAKE_BOT_TOKEN = 'xoxb-test-0000-boussole';
export const FAKE_APP_TOKEN = 'xapp-1-A0BOUSSOLE-0000-socket';
export const FAKE_BOT = { botId: 'B0BOT', botUserId: 'U0BOT', teamId: 'T0BOUSSOLE' };

/**
 * A Slack Web API on 127.0.0.1 that records every call: chat.*, views.*, users.info,
 * conversations.open, the three steps of files.uploadV2, and response_url posts (/respond/…).
 * Bodies are parsed the way Slack does (form fields, `view`/`blocks` as JSON strings decoded).
 */
export async function startFakeSlackApi() {
  const calls: FakeCall[] = [];
  const faults = new Map<string, Fault[]>();
  const listeners = new Set<(call: FakeCall) => void>();
  let seq = 0;
  /** Messages posted with chat.postMessage, as conversations.history returns them. */
  // biome-ignore lint/suspicious/noExplicitAny: message metadata is arbitrary JSON.
  const posted: { channel: string; ts: string; text: string; metadata?: any }[] = [];
  /** Milliseconds to hold the response of a method's calls (the call is recorded at once). */
  const delays = new Map<string, (call: FakeCall) => number>();
  /** What apps.connections.open hands out (Socket Mode tests set it to their WebSocket server). */
  let socketUrl: string | undefined;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const call: FakeCall = {
      method: url.pathname.startsWith('/api/') ? url.pathname.slice(5) : url.pathname,
      path: url.pathname,
      headers: req.headers,
      body: await parseBody(req.headers['content-type'] ?? '', raw),
      at: performance.now(),
    };
    calls.push(call);
    for (const listener of listeners) listener(call);

    // Slack acts on a call when it receives it; a slow answer only delays the response (and a
    // client killed meanwhile never learns that its message was posted).
    const hold = delays.get(call.method)?.(call) ?? 0;
    const send = async (response: FakeResponse) => {
      if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
      if (res.destroyed) return;
      res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
      res.end(JSON.stringify(response.body ?? { ok: response.status < 400 }));
    };
    const queue = faults.get(call.method);
    const index = queue?.findIndex((f) => !f.when || f.when(call)) ?? -1;
    if (queue && index >= 0) {
      const [fault] = queue.splice(index, 1);
      if (fault) return send(fault.response);
    }
    if (url.pathname.startsWith('/upload/')) return send({ status: 200, body: { ok: true } });
    if (url.pathname.startsWith('/respond/')) return send({ status: 200, body: { ok: true } });
    if (call.method === 'apps.connections.open') {
      const ok = req.headers.authorization === `Bearer ${FAKE_APP_TOKEN}` && socketUrl;
      return send({
        status: 200,
        body: ok ? { ok: true, url: socketUrl } : { ok: false, error: 'invalid_auth' },
      });
    }
    if (req.headers.authorization !== `Bearer ${FAKE_BOT_TOKEN}`) {
      return send({ status: 200, body: { ok: false, error: 'not_authed' } });
    }
    send({ status: 200, body: answer(call) });
  });

  function answer(call: FakeCall): unknown {
    const b = call.body;
    switch (call.method) {
      case 'auth.test':
        return { ok: true, team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.botUserId, bot_id: FAKE_BOT.botId };
      case 'chat.postMessage': {
        seq += 1;
        const ts = `1800000000.${String(seq).padStart(6, '0')}`;
        posted.push({
          channel: b.channel,
          ts,
          text: b.text,
          ...(b.metadata ? { metadata: b.metadata } : {}),
        });
        return { ok: true, channel: b.channel, ts };
      }
      case 'conversations.history': {
        const withMetadata = b.include_all_metadata === true || b.include_all_metadata === 'true';
        const messages = posted
          .filter((m) => m.channel === b.channel)
          .reverse()
          .map(({ ts, text, metadata }) => ({
            type: 'message',
            ts,
            text,
            ...(withMetadata && metadata ? { metadata } : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: '1800000000.999999' };
      case 'chat.update':
        return { ok: true, channel: b.channel, ts: b.ts };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: 'V0VIEW', ...b.view } };
      case 'users.info':
        return {
          ok: true,
          user: { id: b.user, name: 'alice', profile: { display_name: `Nom de ${b.user}` } },
        };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(b.users).slice(1)}` } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${base}/upload/F0CHART`, file_id: 'F0CHART' };
      case 'files.completeUploadExternal':
        return { ok: true, files: JSON.parse(b.files) };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function find(method: string): FakeCall[] {
    return calls.filter((c) => c.method === method || c.path === method);
  }

  return {
    base,
    apiUrl: `${base}/api/`,
    calls,
    find,
    setSocketUrl(url: string) {
      socketUrl = url;
    },
    /** A fresh response_url on this server. */
    responseUrl: (name: string) => `${base}/respond/${name}`,
    /** The next matching calls to `method` get these responses, in order. */
    failNext(method: string, responses: FakeResponse[], when?: (call: FakeCall) => boolean) {
      const queue = faults.get(method) ?? [];
      for (const response of responses) queue.push({ response, ...(when ? { when } : {}) });
      faults.set(method, queue);
    },
    posted,
    /** Holds every response of `method` for `ms(call)` milliseconds (a slow Slack). */
    delay(method: string, ms: (call: FakeCall) => number) {
      delays.set(method, ms);
    },
    onCall(listener: (call: FakeCall) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Polls until `predicate` returns something truthy; fails after `timeoutMs`. */
    async waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs = 5000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = predicate();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`fake Slack: condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset() {
      calls.length = 0;
      posted.length = 0;
      faults.clear();
      delays.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeSlackApi = Awaited<ReturnType<typeof startFakeSlackApi>>;

// biome-ignore lint/suspicious/noExplicitAny: see FakeCall.body.
async function parseBody(contentType: string, raw: Buffer): Promise<Record<string, any>> {
  const text = raw.toString('utf8');
  if (contentType.startsWith('application/json')) return text ? JSON.parse(text) : {};
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    // biome-ignore lint/suspicious/noExplicitAny: see FakeCall.body.
    const body: Record<string, any> = Object.fromEntries(new URLSearchParams(text));
    for (const key of ['view', 'blocks', 'metadata'])
      if (typeof body[key] === 'string') body[key] = JSON.parse(body[key]);
    return body;
  }
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    // biome-ignore lint/suspicious/noExplicitAny: see FakeCall.body.
    const body: Record<string, any> = {};
    for (const [key, value] of form) body[key] = typeof value === 'string' ? value : { size: value.size };
    return body;
  }
  return { raw: text };
}
