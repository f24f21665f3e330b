import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackFetch } from '../../../src/adapters/slack/http-fetch.ts';
import { ROOT_DIR } from '../../../src/platform/paths.ts';

// Issue 14 (bench:load): the Web API clients call Slack over node:http with kept-alive
// connections instead of the global fetch. What the WebClient relies on must hold.
describe('the Slack Web API transport', () => {
  let server: Server;
  let base: string;
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
    '/api/chat.postMessage': (_req, res, body) => {
      const params = new URLSearchParams(body);
      res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' });
      res.end(
        JSON.stringify({
          ok: true,
          channel: params.get('channel'),
          ts: '1.000001',
          text: params.get('text'),
        }),
      );
    },
    '/api/moved': (_req, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/' });
      res.end();
    },
    '/api/broken': (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('upstream down');
    },
    '/api/silent': () => {},
    '/upload': (req, res, body) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(
        `${req.headers['content-type']?.split(';')[0]} ${body.includes('chart-bytes') ? 'with file' : 'empty'}`,
      );
    },
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        (routes[req.url ?? ''] ?? ((_q, r) => r.writeHead(404).end()))(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('carries a WebClient call: the form body, its length and headers out, JSON and headers back', async () => {
    const fetch = createSlackFetch();
    try {
      const client = new webApi.WebClient('xoxb-test', { slackApiUrl: `${base}/api/`, fetch });
      const result = await client.chat.postMessage({ channel: 'C1', text: 'Où en est le Cantal ? 62,5 %' });
      expect(result).toMatchObject({ ok: true, channel: 'C1', text: 'Où en est le Cantal ? 62,5 %' });
      expect(result.response_metadata?.scopes).toEqual(['chat:write']);
      const sent = seen.at(-1);
      expect(sent?.headers.authorization).toBe('Bearer xoxb-test');
      expect(sent?.headers['content-length']).toBe(String(Buffer.byteLength(sent?.body ?? '')));
      expect(sent?.headers['transfer-encoding']).toBeUndefined();
      // Later calls reuse the connection.
      await client.chat.postMessage({ channel: 'C1', text: 'encore' });
      expect(seen.at(-1)?.headers.connection).toBe('keep-alive');
    } finally {
      fetch.close();
    }
  });

  it('refuses a redirect, reports an HTTP error with its body, and gives up on a silent Slack', async () => {
    const fetch = createSlackFetch({ responseTimeoutMs: 300 });
    try {
      await expect(
        fetch(`${base}/api/moved`, { method: 'POST', body: 'a=1', redirect: 'error' }),
      ).rejects.toThrow(/redirect \(302\)/u);
      const broken = await fetch(`${base}/api/broken`, { method: 'POST', body: '', redirect: 'error' });
      expect([broken.ok, broken.status, broken.headers.get('Content-Type'), await broken.text()]).toEqual([
        false,
        503,
        'text/plain',
        'upstream down',
      ]);
      await expect(
        fetch(`${base}/api/silent`, { method: 'POST', body: '', redirect: 'error' }),
      ).rejects.toThrow(/did not answer/u);
      const aborted = new AbortController();
      const call = fetch(`${base}/api/silent`, {
        method: 'POST',
        body: '',
        redirect: 'error',
        signal: aborted.signal,
      });
      aborted.abort();
      await expect(call).rejects.toThrow(/abort/iu);
    } finally {
      fetch.close();
    }
  });

  it('leaves a file upload (multipart form) to the global fetch', async () => {
    const fetch = createSlackFetch();
    try {
      const form = new FormData();
      form.append('file', new Blob([new TextEncoder().encode('chart-bytes')]), 'chart.png');
      const response = await fetch(`${base}/upload`, { method: 'POST', body: form, redirect: 'error' });
      expect(await response.text()).toBe('multipart/form-data with file');
    } finally {
      fetch.close();
    }
  });

  it('does not keep a process alive once its calls are done', () => {
    const script = `
      import { createServer } from 'node:http';
      import { createSlackFetch } from ${JSON.stringify(path.join(ROOT_DIR, 'src/adapters/slack/http-fetch.ts'))};
      const server = createServer((req, res) => res.end('{"ok":true}')).listen(0, '127.0.0.1', async () => {
        const fetch = createSlackFetch();
        const response = await fetch('http://127.0.0.1:' + server.address().port + '/', { method: 'POST', body: 'x', redirect: 'error' });
        console.log(await response.text());
        server.close();
      });`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT_DIR,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stdout.trim()).toBe('{"ok":true}');
    expect(run.signal).toBeNull();
  });
});
