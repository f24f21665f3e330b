import http from 'node:http';
import type { ActivityHandler, CloudAdapter, Response } from 'botbuilder';
import type { Logger } from '../../log.ts';
import { withRequestId } from '../../request-context.ts';

/** Activities are small JSON documents; anything bigger is not from Teams. */
const MAX_BODY_BYTES = 1 << 20;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'activité trop volumineuse');
    chunks.push(chunk);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // Reported below like any other non-object body.
  }
  throw new HttpError(400, 'corps JSON attendu');
}

/**
 * CloudAdapter.process() was written for express/restify: it wants the parsed body on the
 * request and calls status()/send()/end() on the response. This shim provides exactly that over
 * node:http, so the adapter needs no web framework.
 */
function responseShim(res: http.ServerResponse, onEnd: (status: number) => void): Response {
  let status = 200;
  let payload: unknown;
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(body?: unknown) {
      payload = body;
      return this;
    },
    end() {
      if (res.writableEnded) return;
      onEnd(status);
      res.statusCode = status;
      if (payload === undefined || payload === null) return void res.end();
      const text = typeof payload === 'string';
      res.setHeader('content-type', text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
      res.end(text ? payload : JSON.stringify(payload));
    },
  };
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** POST /api/messages (the Bot Framework messaging endpoint) and GET /healthz. */
export function createTeamsHttpServer(deps: { adapter: CloudAdapter; bot: ActivityHandler; log: Logger }) {
  const { adapter, bot, log } = deps;
  return http.createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, { status: 'ok' });
    }
    if (path !== '/api/messages') return sendJson(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST attendu' }, { allow: 'POST' });
    try {
      const body = await readJson(req);
      const shim = responseShim(res, (status) => {
        // process() also prints the error with console.error; this is the structured trace.
        if (status === 401)
          log.warn({ remote: req.socket.remoteAddress }, 'Teams request refused: not authenticated');
      });
      const activityId = typeof body.id === 'string' ? `teams:${body.id}` : undefined;
      await withRequestId(activityId, () =>
        adapter.process({ method: req.method, headers: req.headers, body }, shim, (context) =>
          bot.run(context),
        ),
      );
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message });
      log.error({ err: error }, 'Teams request failed');
      sendJson(res, 500, { error: 'erreur interne' });
    }
  });
}
