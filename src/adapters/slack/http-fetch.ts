import http from 'node:http';
import https from 'node:https';
import type { webApi } from '@slack/bolt';

type FetchFunction = webApi.FetchFunction;
type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;
type FetchHeaders = FetchResponse['headers'];

/** How long a Web API call waits for Slack's answer before it fails (and the WebClient retries). */
export const SLACK_RESPONSE_TIMEOUT_MS = 30_000;
/** Connections kept open to the Web API, per protocol: the WebClient runs 100 calls at most at once. */
const MAX_SOCKETS = 100;

/**
 * The WebClient's transport (its `fetch` option) on node:http and node:https with kept-alive
 * connections. Node's global fetch (undici, WHATWG streams) costs ~0.55 ms of CPU per
 * chat.postMessage, this ~0.2 ms: at 200 messages a second, a tenth of a core (bench:load).
 * Only the plain bodies the Web API methods send (url-encoded strings) take this way; a file
 * upload (FormData) goes through the global fetch as before. Redirects are refused, as the
 * WebClient asks (`redirect: 'error'`); a silent or stalled Slack fails after
 * SLACK_RESPONSE_TIMEOUT_MS, and the WebClient's own timeout still aborts through `signal`.
 */
export function createSlackFetch(
  options: { responseTimeoutMs?: number } = {},
): FetchFunction & { close(): void } {
  const timeoutMs = options.responseTimeoutMs ?? SLACK_RESPONSE_TIMEOUT_MS;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  };
  const slackFetch = (url: string | URL, init: FetchRequestInit = {}): Promise<FetchResponse> => {
    const target = typeof url === 'string' ? new URL(url) : url;
    const body = init.body;
    const protocol = target.protocol as keyof typeof agents;
    // What the Web API methods send; anything else (an upload, a redirect to follow) is fetch's.
    if (
      (body !== undefined && typeof body !== 'string') ||
      init.redirect !== 'error' ||
      !(protocol in agents)
    )
      return globalThis.fetch(target, init as RequestInit) as Promise<FetchResponse>;
    return request(target, init, body, agents[protocol], protocol === 'https:' ? https : http, timeoutMs);
  };
  return Object.assign(slackFetch, {
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}

function request(
  target: URL,
  init: FetchRequestInit,
  body: string | undefined,
  agent: http.Agent,
  transport: typeof http | typeof https,
  timeoutMs: number,
): Promise<FetchResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const req = transport.request(
      target,
      {
        method: init.method ?? 'GET',
        headers,
        agent,
        timeout: timeoutMs,
        ...(init.signal ? { signal: init.signal } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          reject(new Error(`Slack answered ${target.href} with a redirect (${status}), refused`));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => resolve(toResponse(target.href, status, res, Buffer.concat(chunks))));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`Slack did not answer ${target.href} in time`)));
    req.on('error', reject);
    req.end(body);
  });
}

function toResponse(url: string, status: number, res: http.IncomingMessage, body: Buffer): FetchResponse {
  const text = () => body.toString('utf8');
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    headers: headersOf(res.headers),
    arrayBuffer: async () =>
      body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    json: async () => JSON.parse(text()),
    text: async () => text(),
  };
}

/** A response's headers as fetch shows them: lower-case names, repeated values joined. */
function headersOf(raw: http.IncomingHttpHeaders): FetchHeaders {
  const entries = new Map<string, string>();
  for (const [name, value] of Object.entries(raw))
    if (value !== undefined) entries.set(name, Array.isArray(value) ? value.join(', ') : value);
  return {
    get: (name) => entries.get(name.toLowerCase()) ?? null,
    entries: () => entries.entries(),
  };
}
