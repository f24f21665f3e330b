import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeArgsError } from '../../core/kernel/arg-errors.ts';
import { type Config, loadConfig } from '../../platform/config.ts';
import { openDatabase } from '../../store/db.ts';
import { checkConnection, isPostgresUrl, openPool, redactUrl } from '../../store/postgres/connect.ts';
import { CopyError, copySqliteToPostgres } from '../../store/postgres/copy.ts';
import { migratePostgres } from '../../store/postgres/migrate.ts';
import { reportFailure } from './failures.ts';
import { type CommandIO, UsageError } from './io.ts';
import { userPath } from './output.ts';

/**
 * `boussole migrate`: brings the database's schema up to this version of Boussole. PostgreSQL
 * when BOUSSOLE_DATABASE_URL is set (or --database URL), the SQLite file otherwise.
 */
export async function runMigrate(config: Config, io: CommandIO, url: string | undefined): Promise<number> {
  const target = url ?? config.postgres?.url;
  if (!target) {
    const db = openDatabase(config.dbFile);
    const version = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
    db.close();
    io.out(`Base SQLite ${config.dbFile} à jour (schéma ${version}).`);
    return 0;
  }
  if (!isPostgresUrl(target))
    throw new UsageError(`--database attend une adresse postgres://… (reçu « ${target} »)`);
  const pool = await openPool({ url: target, poolSize: 1 });
  try {
    const reachable = await checkConnection(pool, target);
    if (!reachable.ok) {
      io.err(reachable.message);
      return 1;
    }
    const { applied } = await migratePostgres(pool);
    io.out(
      applied.length > 0
        ? `PostgreSQL ${redactUrl(target)} : migrations appliquées : ${applied.join(', ')}.`
        : `PostgreSQL ${redactUrl(target)} déjà à jour.`,
    );
    return 0;
  } finally {
    await pool.end();
  }
}

/**
 * `boussole copy --from sqlite:FILE --to postgres://…`: moves an installation to PostgreSQL.
 * The target is migrated first, must be empty, and receives everything in one transaction with
 * the counts checked table by table (see store/postgres/copy.ts).
 */
export async function runCopy(
  config: Config,
  io: CommandIO,
  from: string | undefined,
  to: string | undefined,
): Promise<number> {
  const usage = 'Usage : boussole copy --from sqlite:FICHIER --to postgres://UTILISATEUR@HÔTE/BASE';
  const sourceFile = from ? from.replace(/^sqlite:/u, '') : config.dbFile;
  if (from && !from.startsWith('sqlite:'))
    throw new UsageError(`--from attend sqlite:FICHIER (reçu « ${from} »).\n${usage}`);
  const target = to ?? config.postgres?.url;
  if (!target) throw new UsageError(`indiquez la base cible avec --to (ou BOUSSOLE_DATABASE_URL).\n${usage}`);
  if (!isPostgresUrl(target))
    throw new UsageError(`--to attend une adresse postgres://… (reçu « ${target} »).\n${usage}`);
  const file = sourceFile === ':memory:' ? sourceFile : userPath(config, sourceFile);
  if (file === ':memory:' || !existsSync(file)) {
    io.err(
      `La base SQLite ${sourceFile} n’existe pas : indiquez le fichier de l’installation à copier (--from sqlite:FICHIER).`,
    );
    return 1;
  }
  // Opening migrates the source to this version's schema, as `npm start` would: both sides must
  // have the same columns.
  const source = openDatabase(file);
  const pool = await openPool({ url: target, poolSize: 1 });
  try {
    const reachable = await checkConnection(pool, target);
    if (!reachable.ok) {
      io.err(reachable.message);
      return 1;
    }
    await migratePostgres(pool);
    const report = await copySqliteToPostgres(source, pool, (table, rows) => {
      if (rows > 0) io.err(`  ${table} : ${rows}`);
    });
    io.out(
      `Copie terminée vers ${redactUrl(target)} : ${report.total} lignes dans ${report.tables.length} tables, nombres vérifiés table par table.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CopyError) {
      io.err(`Copie impossible : ${error.message}.`);
      return 1;
    }
    throw error;
  } finally {
    source.close();
    await pool.end();
  }
}

/**
 * `migrate` and `copy` work on the database itself, without the usual context (which would open
 * and seed the SQLite file). Same exit codes as every command: 1 failed, 2 usage.
 */
export async function runDatabaseCommand(
  name: 'migrate' | 'copy',
  args: string[],
  io: CommandIO,
  env: NodeJS.ProcessEnv,
  usage: string,
): Promise<number> {
  try {
    const config = loadConfig(env);
    const values = parseOptions(args, name === 'migrate' ? ['database'] : ['from', 'to']);
    if (name === 'migrate') return await runMigrate(config, io, values.database);
    return await runCopy(config, io, values.from, values.to);
  } catch (error) {
    return reportFailure(error, io, path.resolve(env.BOUSSOLE_DB || 'data/boussole.db'), usage);
  }
}

function parseOptions(args: string[], names: string[]): Record<string, string | undefined> {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(names.map((option) => [option, { type: 'string' as const }])),
      allowPositionals: false,
      strict: true,
    });
    return values as Record<string, string | undefined>;
  } catch (error) {
    throw new UsageError(describeArgsError(error));
  }
}
