import { readFileSync } from 'node:fs';
import { formatReply } from '../../adapters/console/format.ts';
import type { Reply } from '../../core/kernel/types.ts';
import type { AppContext } from '../context.ts';
import type { CommandIO } from './io.ts';
import { userPath } from './output.ts';

export interface AskResult {
  question: string;
  status: Reply['status'];
  answer: string;
  citations: NonNullable<Reply['citations']>;
  notice?: string;
}

export type AskFn = (question: string) => Promise<Reply>;

function toJson(question: string, reply: Reply): AskResult {
  return {
    question,
    status: reply.status === 'answered' ? 'answered' : 'not_found',
    answer: reply.text,
    citations: reply.citations ?? [],
    ...(reply.notice ? { notice: reply.notice } : {}),
  };
}

/**
 * `boussole ask`: one question, or one per line of a file. With --json, one JSON object per
 * question in file order; without, the answers as text. Blank lines are not questions.
 */
export async function runAsk(
  ctx: AppContext,
  io: CommandIO,
  args: { question: string; json: boolean; batch?: string },
  ask: AskFn,
): Promise<number> {
  if (args.batch) {
    let content: string;
    try {
      content = readFileSync(userPath(ctx.config, args.batch), 'utf8');
    } catch {
      io.err(`Fichier introuvable ou illisible : ${args.batch}`);
      return 1;
    }
    const questions = content.split(/\r?\n/u).filter((line) => line.trim() !== '');
    for (const question of questions) {
      const reply = await safeAsk(ctx, ask, question);
      io.out(args.json ? JSON.stringify(toJson(question, reply)) : `» ${question}\n${formatReply(reply)}\n`);
    }
    return 0;
  }
  if (!args.question.trim()) {
    io.err(
      'Posez une question, par exemple : boussole ask "Quelles actions visent les faits numériques dans le Cantal ?"',
    );
    return 2;
  }
  const reply = await safeAsk(ctx, ask, args.question);
  if (args.json) io.out(JSON.stringify(toJson(args.question, reply), null, 2));
  else io.out(formatReply(reply));
  return 0;
}

/** One bad line must not stop a batch: it gets a not_found answer and the run goes on. */
async function safeAsk(ctx: AppContext, ask: AskFn, question: string): Promise<Reply> {
  try {
    return await ask(question);
  } catch (error) {
    ctx.log.error({ err: error }, 'ask failed');
    return {
      status: 'not_found',
      lang: 'fr',
      text: 'Je ne peux pas répondre à cette question pour le moment.',
      citations: [],
    };
  }
}
