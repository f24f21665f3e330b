import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ConversationRef, Reply, Router } from '../../core/router/types.ts';
import { withRequestId } from '../../request-context.ts';
import { formatReply } from './format.ts';

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
  inbox?: () => Reply[];
}

const EXIT = /^(?:quit|exit|quitter|q|:q|bye|au revoir)$/iu;
const HISTORY_SIZE = 200;

/**
 * The console adapter: a readline chat on the same router as Slack and Teams, for `npm start`
 * without platform credentials. "/clic ID" presses a button of the last reply.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const history = loadHistory(options.historyFile);
  const rl = readline.createInterface({
    input: options.input,
    output: options.output,
    terminal: options.terminal ?? false,
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
  const showInbox = () => {
    try {
      for (const reminder of options.inbox?.() ?? []) write(`${formatReply(reminder)}\n`);
    } catch {
      // Reminders are marked read as they are shown: with the database unwritable they wait for
      // the next prompt rather than stop the chat.
    }
  };
  write('Boussole — posez une question sur les plans (« aide » pour les exemples, « quitter » pour sortir).');
  showInbox();
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (EXIT.test(text)) break;
    if (text) {
      if (options.historyFile) history.unshift(text);
      const click = /^\/(?:clic|click)\s+(\S+)$/u.exec(text);
      const reply = await withRequestId(undefined, () =>
        click?.[1]
          ? options.router.handleClick(actor, conversation, click[1])
          : options.router.handleMessage({ actor, conversation, text }),
      );
      write(formatReply(reply));
      write('');
    }
    showInbox();
    rl.prompt();
  }
  rl.close();
  saveHistory(options.historyFile, history);
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
