/** Where a command writes: stdout for results, stderr for messages. Swappable in tests. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CommandIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** A mistake in how a command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  readonly code = 'usage';
}

export function printJson(io: CommandIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
