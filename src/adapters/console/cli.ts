import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config.ts';
import { type AppContext, openContext } from '../../context.ts';
import { PromptError } from '../../llm/prompts.ts';
import { createCommandLogger } from '../../log.ts';
import { MigrationError } from '../../store/migrate.ts';
import { runAsk } from './commands/ask.ts';
import { runIngest } from './commands/ingest.ts';
import { runPlans } from './commands/plans.ts';
import { runSearch } from './commands/search.ts';
import { runShow } from './commands/show.ts';
import { type CommandIO, processIO, UsageError } from './io.ts';

export const USAGE = `boussole — l'assistant des plans stratégiques de l'académie

Usage : boussole <commande> [options]

  start                         lance l'assistant (Slack, Teams ou console selon la configuration)
  ingest [FICHIER…] [--force]   ingère les plans livrés (ou les fichiers donnés, avec leur .json)
  plans [--json]                liste les plans et leur contenu
  show ID [--json]              affiche un plan ou un élément et ses descendants
  search MOTS… [--json]         recherche plein texte dans les plans
  ask [--json] "QUESTION"       répond à une question, avec citations
  ask --batch FICHIER           une question par ligne, une réponse JSON par ligne

Variables d'environnement : voir le README (BOUSSOLE_DB choisit le fichier de base).`;

type Command = (ctx: AppContext, args: string[], io: CommandIO) => Promise<number> | number;

const COMMANDS: Record<string, Command> = {
  ask: (ctx, args, io) => {
    const { values, positionals } = parse(args, { batch: { type: 'string' } });
    const answerer = ctx.answerer();
    const writer = ctx.writer();
    return runAsk(
      ctx,
      io,
      {
        question: positionals.join(' '),
        json: Boolean(values.json),
        batch: values.batch as string | undefined,
      },
      async (question) => {
        const offline = answerer.ask(question);
        return writer ? writer.write(question, offline) : offline.reply;
      },
    );
  },
  ingest: (ctx, args, io) => {
    const { values, positionals } = parse(args, { force: { type: 'boolean' } });
    return runIngest(ctx, io, positionals, Boolean(values.force));
  },
  plans: (ctx, args, io) => runPlans(ctx, io, Boolean(parse(args, {}).values.json)),
  show: (ctx, args, io) => {
    const { values, positionals } = parse(args, {});
    return runShow(ctx, io, positionals[0], Boolean(values.json));
  },
  search: (ctx, args, io) => {
    const { values, positionals } = parse(args, { limit: { type: 'string' } });
    return runSearch(ctx, io, positionals.join(' '), Boolean(values.json), Number(values.limit ?? 20) || 20);
  },
};

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({
      args,
      options: { json: { type: 'boolean' }, ...options },
      allowPositionals: true,
      strict: true,
    }) as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs one CLI invocation and returns the exit code. Never throws for expected problems. */
export async function runCli(argv: string[], io: CommandIO = processIO, env = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  if (name === 'start') {
    const { startAssistant } = await import('../../main.ts');
    return startAssistant(env);
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Commande inconnue : « ${name} ».\n\n${USAGE}`);
    return 2;
  }
  let ctx: AppContext | null = null;
  try {
    const config = loadConfig(env);
    const log = createCommandLogger(config.cliLogLevel);
    // `ingest` reports what it does itself instead of seeding silently first.
    ctx = openContext(config, log, { seed: name !== 'ingest' });
    return await command(ctx, args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof MigrationError || error instanceof PromptError) {
      io.err(error.message);
      return 1;
    }
    io.err(`Erreur inattendue : ${(error as Error).message}`);
    return 1;
  } finally {
    ctx?.close();
  }
}
