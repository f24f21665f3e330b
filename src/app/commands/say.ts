import os from 'node:os';
import path from 'node:path';
import { saveAttachments } from '../../adapters/console/attachments.ts';
import { formatReply } from '../../adapters/console/format.ts';
import type { ConversationRef, Reply } from '../../core/kernel/types.ts';
import { createAppRouter } from '../app-router.ts';
import type { AppContext } from '../context.ts';
import { type CommandIO, UsageError } from './io.ts';
import { userPath } from './output.ts';

export interface SayArgs {
  as?: string;
  /** Speak from this académie's view, as a person of its workspace would (BOUSSOLE_TENANTS). */
  academie?: string;
  message: string;
  click?: string;
  json: boolean;
  /** Form values for a click ("value=62,5"), as a Slack modal or Teams card would send them. */
  values: string[];
  /** Where to write a chart or file the reply carries (else data/fichiers, beside the database). */
  out?: string;
}

/**
 * `boussole say`: one message or one button press through the same router as Slack and Teams,
 * as the console user NAME (actor "console:NAME"). Drafts live in the database, so a preview
 * shown by one call can be confirmed by the next.
 */
export async function runSay(ctx: AppContext, io: CommandIO, args: SayArgs): Promise<number> {
  const name = args.as?.trim();
  if (!name || !/^[\w.@-]{1,64}$/u.test(name)) {
    throw new UsageError(
      'Indiquez qui parle avec --as NOM (lettres, chiffres, . _ - @), par exemple --as alice.',
    );
  }
  if (!args.click && !args.message.trim()) {
    throw new UsageError('Donnez un message entre guillemets, ou --click ID_DU_BOUTON.');
  }
  const academies = ctx
    .library()
    .scopes.all.filter((scope) => scope.kind === 'academie')
    .map((s) => s.key);
  if (args.academie !== undefined && !academies.includes(args.academie)) {
    throw new UsageError(
      `Académie inconnue « ${args.academie} » pour --academie (connues : ${academies.join(', ')}).`,
    );
  }
  const router = createAppRouter(args.academie ? ctx.forAcademie(args.academie) : ctx);
  const actor = { platform: 'console' as const, userId: name, displayName: name };
  const conversation: ConversationRef = {
    platform: 'console',
    conversationId: `console:${name}`,
    direct: true,
  };
  const values: Record<string, string> = {};
  for (const pair of args.values) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--value attend CHAMP=VALEUR, reçu « ${pair} ».`);
    values[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const reply = args.click
    ? await router.handleClick(actor, conversation, args.click, args.values.length ? values : undefined)
    : await router.handleMessage({ actor, conversation, text: args.message });
  const saved = saveAttachments(
    reply,
    filesDirOf(ctx),
    args.out ? userPath(ctx.config, args.out) : undefined,
  );
  if (args.json) io.out(JSON.stringify(toJson(reply, saved.paths), null, 2));
  else io.out([formatReply(reply), ...saved.lines].join('\n'));
  return reply.status === 'error' ? 1 : 0;
}

/** Charts and files land beside the database, like in the console chat (npm start). */
function filesDirOf(ctx: AppContext): string {
  return ctx.config.dbFile === ':memory:'
    ? path.join(os.tmpdir(), 'boussole-fichiers')
    : path.join(path.dirname(ctx.config.dbFile), 'fichiers');
}

function toJson(reply: Reply, paths: string[]) {
  return {
    status: reply.status,
    text: reply.text,
    buttons: (reply.buttons ?? []).map((b) => ({ id: b.id, label: b.label })),
    ...(reply.citations ? { citations: reply.citations } : {}),
    ...(reply.form ? { form: reply.form } : {}),
    ...(reply.image
      ? { image: { filename: reply.image.filename, bytes: reply.image.png.length, path: paths[0] ?? null } }
      : {}),
    ...(reply.file
      ? {
          file: {
            filename: reply.file.filename,
            bytes: reply.file.data.length,
            path: paths[reply.image ? 1 : 0] ?? null,
          },
        }
      : {}),
    ...(reply.notice ? { notice: reply.notice } : {}),
  };
}
