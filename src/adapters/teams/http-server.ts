import http from 'node:http';
import type { ActivityHandler } from 'botbuilder';
import { healthOf } from '../../platform/health.ts';
import type { Logger } from '../../platform/log.ts';
import type { BoussoleCloudAdapter } from './cloud-adapter.ts';
import { requestIdOf } from './inbound.ts';

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
export function createTeamsHttpServer(deps: {
  adapter: BoussoleCloudAdapter;
  bot: ActivityHandler;
  log: Logger;
  health?: () => Promise<string | null>;
}) {
  const { adapter, bot, log } = deps;
  return http.createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const problem = await healthOf(deps.health);
      return sendJson(
        res,
        problem ? 503 : 200,
        problem ? { status: 'degraded', database: problem } : { status: 'ok' },
      );
    }
    if (path !== '/api/messages') return sendJson(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST attendu' }, { allow: 'POST' });
    let requestId: string | undefined;
    try {
      const body = await readJson(req);
      requestId = requestIdOf(body);
      if (typeof body.type !== 'string') return sendJson(res, 400, { error: "type d'activité manquant" });
      const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
      const outcome = await adapter.handleActivity(body, authHeader, (context) => bot.run(context));
      if (outcome.kind === 'refused') {
        // The reason is for the operator; the caller learns nothing about how tokens are checked.
        log.warn(
          { remote: req.socket.remoteAddress, reason: outcome.reason },
          'Teams request refused: not authenticated',
        );
        return sendJson(res, 401, { error: 'non authentifié' });
      }
      if (outcome.body === undefined) {
        res.writeHead(outcome.status);
        return void res.end();
      }
      return sendJson(res, outcome.status, outcome.body);
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message });
      log.error({ err: error, requestId }, 'Teams request failed');
      sendJson(res, 500, { error: 'erreur interne' });
    }
  });
}
