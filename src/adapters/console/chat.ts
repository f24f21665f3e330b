import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ConversationRef, Reply, Router } from '../../core/kernel/types.ts';
import { withRequestId } from '../../platform/request-context.ts';
import { saveAttachments } from './attachments.ts';
import { formatReply, parseClick } from './format.ts';

export interface ConsoleChatOptions {
  router: Router;
  input: Readable;
  output: Writable;
  /** The console user ("alice" becomes console:alice). */
  user: string;
  /** Keep a line history across sessions in this file. */
  historyFile?: string;
  terminal?: boolean;
  /** Unread reminders for this user (console outbox), shown before each prompt. */
  inbox?: () => Promise<Reply[]>;
  /** Where charts and files of replies are written (their path is printed); a temp folder by default. */
  filesDir?: string;
}

const EXIT = /^\/?(?:quit|exit|quitter|sortir|q|:q|bye|au revoir)[.!]?$/iu;
const HISTORY_SIZE = 200;

/**
 * The console adapter: a readline chat on the same router as Slack and Teams, for `npm start`
 * without platform credentials. "/clic ID" presses a button of the last reply.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const terminal = options.terminal ?? false;
  const filesDir = options.filesDir ?? path.join(os.tmpdir(), 'boussole-fichiers');
  let history = loadHistory(options.historyFile);
  const rl = readline.createInterface({
    input: options.input,
    output: options.output,
    terminal,
    history,
    historySize: HISTORY_SIZE,
    prompt: 'vous › ',
  });
  const actor = { platform: 'console' as const, userId: options.user, displayName: options.user };
  const conversation: ConversationRef = {
    platform: 'console',
    conversationId: `console:${options.user}`,
    direct: true,
  };
  const write = (text: string) => options.output.write(`${text}\n`);
  const showInbox = async () => {
    try {
      for (const reminder of (await options.inbox?.()) ?? []) write(`${formatReply(reminder)}\n`);
    } catch {
      // Reminders are marked read as they are shown: with the database unwritable they wait for
      // the next prompt rather than stop the chat.
    }
  };
  // In a terminal readline keeps the history itself (and tells us); a pipe has none, so lines are
  // added here. Doing both stored every line twice.
  rl.on('history', (lines: string[]) => {
    history = lines;
  });
  write('Boussole — posez une question sur les plans (« aide » pour les exemples, « quitter » pour sortir).');
  // Iterating from here, before the first await: lines piped in meanwhile are buffered, not lost.
  const lines = rl[Symbol.asyncIterator]();
  await showInbox();
  rl.prompt();
  for await (const line of { [Symbol.asyncIterator]: () => lines }) {
    const text = line.trim();
    if (EXIT.test(text)) break;
    if (text) {
      if (!terminal && history[0] !== text) history = [text, ...history].slice(0, HISTORY_SIZE);
      const click = parseClick(text);
      const reply = await withRequestId(undefined, () =>
        click
          ? options.router.handleClick(actor, conversation, click.buttonId, click.values)
          : options.router.handleMessage({ actor, conversation, text }),
      );
      write(formatReply(reply));
      for (const line of saveAttachments(reply, filesDir).lines) write(line);
      write('');
    }
    await showInbox();
    rl.prompt();
  }
  rl.close();
  // "quitter" is how the session ended, not a line worth recalling next time.
  saveHistory(options.historyFile, EXIT.test(history[0] ?? '') ? history.slice(1) : history);
  write('Au revoir.');
}

function loadHistory(file: string | undefined): string[] {
  if (!file || !existsSync(file)) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

function saveHistory(file: string | undefined, history: string[]): void {
  if (!file) return;
  try {
    writeFileSync(file, `${history.slice(0, HISTORY_SIZE).join('\n')}\n`);
  } catch {
    // A read-only data directory must not break the chat: history is a convenience.
  }
}
