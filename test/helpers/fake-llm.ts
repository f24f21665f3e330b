import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Scripted =
  | { kind: 'text'; text: string }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'delay'; ms: number; text: string }
  | { kind: 'garbage' };

/** Hints that add nothing: what the fake answers to a question reading nobody scripted. */
export const NO_HINTS = JSON.stringify({ scopes: [], plans: [], kind: null, section: null, keywords: [] });

interface RecordedRequest {
  messages: { role: string; content: string }[];
  model: string;
  max_tokens?: number;
  response_format?: { type: string; json_schema?: { name: string } };
}

/**
 * A local OpenAI-compatible server (Chat Completions) answering from a script, for tests that
 * drive the real openai client. Records every request body. Question readings (the structured
 * `question_intent` requests made before each answer) have their own script, so a test scripting
 * answers is not shifted by them; unscripted readings get hints that add nothing.
 */
export async function startFakeLlm() {
  const script: Scripted[] = [];
  const intentScript: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const intentRequests: RecordedRequest[] = [];
  let fallback: Scripted = { kind: 'status', status: 500, body: '{"error":{"message":"no script"}}' };
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      const request = JSON.parse(body) as RecordedRequest;
      const reading = request.response_format?.json_schema?.name === 'question_intent';
      let step: Scripted;
      if (reading) {
        intentRequests.push(request);
        step = intentScript.shift() ?? { kind: 'text', text: NO_HINTS };
      } else {
        requests.push(request);
        step = script.shift() ?? fallback;
      }
      const send = (text: string) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `chatcmpl-${requests.length + intentRequests.length}`,
            object: 'chat.completion',
            created: 0,
            model: 'm',
            choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
          }),
        );
      };
      if (step.kind === 'text') send(step.text);
      else if (step.kind === 'status')
        res.writeHead(step.status, { 'content-type': 'application/json' }).end(step.body ?? '{}');
      else if (step.kind === 'garbage')
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": "nope"');
      else {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.writableEnded && !res.destroyed) send(step.text);
        }, step.ms);
        timers.add(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    intentRequests,
    push: (...steps: Scripted[]) => script.push(...steps),
    pushIntent: (...steps: Scripted[]) => intentScript.push(...steps),
    setFallback: (step: Scripted) => {
      fallback = step;
    },
    reset: () => {
      script.length = 0;
      requests.length = 0;
      intentScript.length = 0;
      intentRequests.length = 0;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
