import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { DEADLINE_OPTIONS } from '../core/deadlines/service.ts';
import { describeArgsError } from '../core/kernel/arg-errors.ts';
import { loadConfig } from '../platform/config.ts';
import { createCommandLogger } from '../platform/log.ts';
import { ROOT_DIR } from '../platform/paths.ts';
import { withRequestId } from '../platform/request-context.ts';
import { runAsk } from './commands/ask.ts';
import { reportFailure } from './commands/failures.ts';
import { runIngest } from './commands/ingest.ts';
import { type CommandIO, processIO, UsageError } from './commands/io.ts';
import { runPlans } from './commands/plans.ts';
import { runSearch } from './commands/search.ts';
import { runShow } from './commands/show.ts';
import { type AppContext, openContext } from './context.ts';
import { postgresStores, publishPlans, unpublished } from './stores.ts';

export const USAGE = `boussole — l'assistant des plans stratégiques de l'académie

Usage : boussole <commande> [options]

  start                         lance l'assistant (Slack, Teams ou console selon la configuration)
  ingest [FICHIER…] [--force]   ingère les plans livrés (ou les fichiers donnés, avec leur .json)
  plans [--json]                liste les plans et leur contenu
  show ID [--json]              affiche un plan ou un élément et ses descendants
  search MOTS… [--json]         recherche plein texte dans les plans
  ask [--json] "QUESTION"       répond à une question, avec citations
  ask [--json] --batch FICHIER  une question par ligne (une ligne JSON par réponse avec --json)
  say --as NOM [--academie CLÉ] [--json] "MESSAGE"   un message au routeur, comme dans Slack ou Teams
  say --as NOM [--json] --click ID [--value CHAMP=VALEUR…]   appuie sur un bouton
  measurements [--indicator ID] [--scope P] [--json]   toutes les versions des valeurs
  grant UTILISATEUR RÔLE [PÉRIMÈTRE]     accorde un rôle (contributeur, validateur, admin)
  revoke UTILISATEUR RÔLE [PÉRIMÈTRE]    retire un rôle
  target ID PÉRIMÈTRE PÉRIODE VALEUR [--baseline]   fixe une cible (ou une valeur initiale)
  chart ID --out FICHIER.png [--force]   graphique de l'indicateur (valeurs et cibles)
  export --format csv|xlsx --out FICHIER [--all-versions] [--force]   tableau de suivi
  import FICHIER.csv [--partial] [--as NOM]   importe des valeurs (tout ou rien sans --partial ;
                                         avec --partial, code de sortie 3 si des lignes sont ignorées)
  deadline add ID (--yearly MM-JJ | --date AAAA-MM-JJ | --cron "EXPR") --scope P --owner U [--lead 14,7,1]
  deadline change ID [règle] [--owner U…] [--lead …]   modifie une échéance
  deadline remove ID | deadline list | deadline import FICHIER.json
  deadlines [--json]                     les échéances et leur prochaine date
  remind [--now DATE_ISO] [--dry-run] [--json]   un passage des rappels, comme s'il était à cette
                                         heure ; envoie et enregistre, sauf avec --dry-run (simulation)
  backup FICHIER [--force]               sauvegarde à chaud de la base (restauration : voir le README)
  migrate [--database postgres://…]      met le schéma de la base à jour (SQLite, ou PostgreSQL)
  copy --from sqlite:FICHIER --to postgres://…   copie une installation vers PostgreSQL (base
                                         vide, une seule transaction, nombres vérifiés)

  --version                              la version de Boussole

Les chemins de fichiers sont lus depuis le dossier où la commande est tapée. Un fichier existant
n'est remplacé qu'avec --force. Codes de sortie : 0 réussi, 1 échec, 2 usage, 3 import partiel.
Variables d'environnement : voir le README (BOUSSOLE_DB choisit le fichier de base).`;

type Command = (ctx: AppContext, args: string[], io: CommandIO) => Promise<number> | number;

const COMMANDS: Record<string, Command> = {
  ask: (ctx, args, io) => {
    const { values, positionals } = parse(args, { batch: { type: 'string' } });
    const answerer = ctx.answerer();
    const writer = ctx.writer();
    const intentReader = ctx.intentReader();
    return runAsk(
      ctx,
      io,
      {
        question: positionals.join(' '),
        json: Boolean(values.json),
        batch: values.batch as string | undefined,
      },
      async (question) => {
        let intent = answerer.understand(question);
        // With an LLM, its reading of the question completes the offline one (never replaces it).
        const hints = intentReader ? await intentReader.read(question, intent.lang, answerer.library) : null;
        if (hints) intent = answerer.withHints(intent, hints);
        const offline = await answerer.answerIntent(intent);
        return writer ? writer.write(question, offline) : offline.reply;
      },
    );
  },
  say: async (ctx, args, io) => {
    const { values, positionals } = parse(args, {
      as: { type: 'string' },
      academie: { type: 'string' },
      click: { type: 'string' },
      value: { type: 'string', multiple: true },
      out: { type: 'string' },
    });
    return (await import('./commands/say.ts')).runSay(ctx, io, {
      as: values.as as string | undefined,
      academie: values.academie as string | undefined,
      message: positionals.join(' '),
      click: values.click as string | undefined,
      json: Boolean(values.json),
      values: (values.value as unknown as string[] | undefined) ?? [],
      out: values.out as string | undefined,
    });
  },
  measurements: async (ctx, args, io) => {
    const { values } = parse(args, { indicator: { type: 'string' }, scope: { type: 'string' } });
    return (await import('./commands/measurements.ts')).runMeasurements(ctx, io, {
      indicator: values.indicator as string | undefined,
      scope: values.scope as string | undefined,
      json: Boolean(values.json),
    });
  },
  grant: async (ctx, args, io) =>
    (await import('./commands/measurements.ts')).runGrant(ctx, io, 'grant', parse(args, {}).positionals),
  revoke: async (ctx, args, io) =>
    (await import('./commands/measurements.ts')).runGrant(ctx, io, 'revoke', parse(args, {}).positionals),
  target: async (ctx, args, io) => {
    const { values, positionals } = parse(args, { baseline: { type: 'boolean' } });
    return (await import('./commands/measurements.ts')).runTarget(
      ctx,
      io,
      positionals,
      Boolean(values.baseline),
    );
  },
  chart: async (ctx, args, io) => {
    const { values, positionals } = parse(args, { out: { type: 'string' }, force: { type: 'boolean' } });
    return (await import('./commands/measurements.ts')).runChart(
      ctx,
      io,
      positionals[0],
      values.out as string | undefined,
      Boolean(values.force),
    );
  },
  export: async (ctx, args, io) => {
    const { values } = parse(args, {
      format: { type: 'string' },
      out: { type: 'string' },
      'all-versions': { type: 'boolean' },
      force: { type: 'boolean' },
    });
    return (await import('./commands/measurements.ts')).runExport(ctx, io, {
      format: values.format as string | undefined,
      out: values.out as string | undefined,
      allVersions: Boolean(values['all-versions']),
      force: Boolean(values.force),
    });
  },
  import: async (ctx, args, io) => {
    const { values, positionals } = parse(args, { partial: { type: 'boolean' }, as: { type: 'string' } });
    return (await import('./commands/measurements.ts')).runImport(ctx, io, {
      file: positionals[0],
      partial: Boolean(values.partial),
      as: values.as as string | undefined,
    });
  },
  deadline: async (ctx, args, io) => {
    const { values, positionals } = parse(args, { ...DEADLINE_OPTIONS });
    const [verb, ...rest] = positionals;
    return (await import('./commands/deadlines.ts')).runDeadline(
      ctx,
      io,
      verb,
      rest,
      {
        yearly: values.yearly as string | undefined,
        dates: values.date as string[] | undefined,
        cron: values.cron as string | undefined,
        scope: values.scope as string | undefined,
        owners: values.owner as string[] | undefined,
        leads: values.lead as string | undefined,
      },
      Boolean(values.json),
    );
  },
  deadlines: async (ctx, args, io) =>
    (await import('./commands/deadlines.ts')).runDeadlines(ctx, io, Boolean(parse(args, {}).values.json)),
  remind: async (ctx, args, io) => {
    const { values } = parse(args, { now: { type: 'string' }, 'dry-run': { type: 'boolean' } });
    return (await import('./commands/deadlines.ts')).runRemind(
      ctx,
      io,
      values.now as string | undefined,
      Boolean(values.json),
      Boolean(values['dry-run']),
    );
  },
  backup: async (ctx, args, io) => {
    const { values, positionals } = parse(args, { force: { type: 'boolean' } });
    return (await import('./commands/backup.ts')).runBackup(ctx, io, positionals[0], Boolean(values.force));
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
    }) as { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  } catch (error) {
    throw new UsageError(describeArgsError(error));
  }
}

function packageVersion(): string {
  const meta = JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version?: string };
  return meta.version ?? '?';
}

/**
 * Runs one one-shot command (every command but `start`, see main.ts) and returns the exit code.
 * Never throws for expected problems.
 */
export async function runCli(argv: string[], io: CommandIO = processIO, env = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`boussole ${packageVersion()}`);
    return 0;
  }
  if (name === 'migrate' || name === 'copy') {
    return (await import('./commands/database.ts')).runDatabaseCommand(name, args, io, env, USAGE);
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
    // With BOUSSOLE_DATABASE_URL, measurements, rights, deadlines and the plans' search are
    // PostgreSQL's, as for the assistant; the plans are read from this machine's SQLite file.
    const stores = config.postgres ? await postgresStores(config.postgres, config) : undefined;
    // `ingest` reports what it does itself instead of seeding silently first.
    ctx = openContext(config, log, { seed: name !== 'ingest', ...(stores ? { stores } : {}) });
    const context = ctx;
    // The shared search holds this machine's plans: before a command reads them, after `ingest`.
    const publish = () => publishPlans(context.stores, context.db, (reason) => io.err(unpublished(reason)));
    if (name !== 'ingest') await publish();
    const status = await withRequestId(undefined, () => command(context, args, io));
    if (name === 'ingest') await publish();
    return status;
  } catch (error) {
    const where =
      (ctx as AppContext | null)?.config.dbFile ?? path.resolve(env.BOUSSOLE_DB || 'data/boussole.db');
    return reportFailure(error, io, where, USAGE);
  } finally {
    ctx?.close();
    await ctx?.stores.close();
  }
}
