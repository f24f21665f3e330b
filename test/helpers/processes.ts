import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT_DIR } from '../../src/platform/paths.ts';

/** A child process whose stdout lines are collected as they come (and stderr too, for diagnosis). */
export interface Child {
  proc: ChildProcess;
  lines: string[];
  errors: string[];
}

function collect(proc: ChildProcess): Child {
  const lines: string[] = [];
  const errors: string[] = [];
  const split = (into: string[]) => {
    let buffer = '';
    return (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      into.push(...parts);
    };
  };
  proc.stdout?.on('data', split(lines));
  proc.stderr?.on('data', split(errors));
  return { proc, lines, errors };
}

/** Runs test/fault/<script> with tsx, as its own process (so that it can be killed for real). */
export function faultChild(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Child {
  return collect(
    spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'test', 'fault', script), ...args], {
      cwd: ROOT_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/**
 * Runs `boussole ARGS…` exactly as `npm start` and the CLI do (the bundled build), with `env` only.
 * `fileSizeLimitBlocks` sets RLIMIT_FSIZE (ulimit -f): the process can read but any write that grows
 * a file fails, as on a full disk.
 */
export function boussoleChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { fileSizeLimitBlocks?: number; stdin?: boolean } = {},
): Child {
  const entry = path.join(ROOT_DIR, 'bin', 'boussole.mjs');
  const command =
    options.fileSizeLimitBlocks === undefined
      ? [process.execPath, entry, ...args]
      : [
          '/bin/sh',
          '-c',
          `ulimit -f ${options.fileSizeLimitBlocks} && exec "$0" "$@"`,
          process.execPath,
          entry,
          ...args,
        ];
  return collect(
    spawn(command[0] as string, command.slice(1), {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Polls `condition` every 20 ms; fails with `what` after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function exited(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
}

/** Stops a child if it still runs (SIGTERM, then SIGKILL after `graceMs`) and waits for its exit. */
export async function stop(proc: ChildProcess, graceMs = 10_000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  await exited(proc);
  clearTimeout(timer);
}

/** A free loopback port, for a process's SLACK_PORT or TEAMS_PORT. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits (60 s at most) until `base`/healthz answers 200; fails at once if the child exits. */
export async function untilHealthy(child: Child, base: string, what: string): Promise<void> {
  let healthy = false;
  await until(
    () => {
      if (child.proc.exitCode !== null) throw new Error(`${what} exited: ${child.errors.join('\n')}`);
      fetch(`${base}/healthz`).then(
        (r) => {
          healthy = r.ok;
        },
        () => {},
      );
      return healthy;
    },
    60_000,
    `${what} to listen`,
  );
}
