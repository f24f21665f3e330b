import { runCli } from './cli.ts';
import { type CommandIO, processIO } from './commands/io.ts';

/**
 * The process entry of Boussole, bundled to dist/main.mjs by scripts/build.mjs and run by
 * bin/boussole.mjs (`boussole …`, `npm start`). `start` composes the long-running assistant (Slack,
 * Teams, or the console chat when neither is configured); any other word is a one-shot command.
 */
export async function main(argv: string[], io: CommandIO = processIO, env = process.env): Promise<number> {
  if (argv[0] === 'start') {
    // Loaded only here: one-shot commands do not pay for the chat adapters and the scheduler.
    const { startAssistant } = await import('./start.ts');
    return startAssistant(env);
  }
  return runCli(argv, io, env);
}
