import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

// biome-ignore lint/suspicious/noExplicitAny: the playground's JSON is free-form
type Json = Record<string, any>;

export interface Playground {
  baseUrl: string;
  /** The personal chat the playground opens with the bot. */
  conversationId: string;
  /** Sends a message as the playground's default user, as if typed in its chat. */
  send(text: string): Promise<void>;
  /** Clicks an Action.Submit on a card the bot sent (`replyToId` = that card's messageId). */
  submit(replyToId: string, value: Json): Promise<void>;
  /** Waits (bounded) for a bot message pushed on the playground's WebSocket. */
  nextBotMessage(match: (message: Json) => boolean, timeoutMs?: number): Promise<Json>;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
const EXIT_TIMEOUT_MS = 5_000;

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function waitForPort(child: ChildProcess, output: { text: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Agents Playground not ready: ${output.text}`)),
      READY_TIMEOUT_MS,
    );
    child.stdout?.on('data', (chunk) => {
      output.text += String(chunk);
      const ready = /Listening on (\d+)/u.exec(output.text);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
    child.stderr?.on('data', (chunk) => {
      output.text += String(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Agents Playground exited (${code}): ${output.text}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the Microsoft 365 Agents Playground (a local Teams-like client) against a bot endpoint,
 * headless and offline: no browser, no telemetry, logs and working directory in a temporary
 * folder so nothing lands in the repository.
 */
export async function startPlayground(botEndpoint: string): Promise<Playground> {
  const require = createRequire(import.meta.url);
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boussole-playground-'));
  const port = await freePort();
  const output = { text: '' };
  const child = spawn(
    process.execPath,
    [cli, '--dt', '-e', botEndpoint, '-p', String(port), '-c', 'msteams'],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CI: 'true',
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, 'playground.log'),
      },
    },
  );
  let socket: WebSocket | undefined;
  const close = async () => {
    socket?.terminate();
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const actualPort = await waitForPort(child, output);
    const baseUrl = `http://127.0.0.1:${actualPort}`;
    const config = (await (await fetch(`${baseUrl}/_internal/v1/config`)).json()) as Json;
    const conversationId = String(config.config.personalChat.id);

    const received: Json[] = [];
    const waiters = new Set<() => void>();
    socket = new WebSocket(`ws://127.0.0.1:${actualPort}/_ws_conversation/v1/conversations/stream`);
    socket.on('message', (data) => {
      received.push(JSON.parse(String(data)));
      for (const wake of waiters) wake();
    });
    await once(socket, 'open');

    const post = async (route: string, body: Json) => {
      const response = await fetch(`${baseUrl}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`playground ${route}: HTTP ${response.status} ${await response.text()}`);
    };
    return {
      baseUrl,
      conversationId,
      send: (text) =>
        post(`/_conversation/v1/conversations/${conversationId}/messages`, {
          from: { id: 'user-id-0' },
          text,
          textFormat: 'plain',
        }),
      submit: (replyToId, value) =>
        post('/_conversation/v1/submit', {
          conversation: { id: conversationId },
          from: { id: 'user-id-0' },
          replyToId,
          value,
        }),
      async nextBotMessage(match, timeoutMs = 15_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const index = received.findIndex(
            (event) => event.action === 'createMessage' && match(event.message),
          );
          if (index >= 0) return received.splice(index, 1)[0]?.message as Json;
          const left = deadline - Date.now();
          if (left <= 0)
            throw new Error(`no matching bot message; saw ${JSON.stringify(received).slice(0, 500)}`);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, Math.min(left, 250));
            function done() {
              clearTimeout(timer);
              waiters.delete(done);
              resolve();
            }
            waiters.add(done);
          });
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
