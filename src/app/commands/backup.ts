import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AppContext } from '../context.ts';
import { type CommandIO, UsageError } from './io.ts';
import { userPath } from './output.ts';

/**
 * `boussole backup FILE`: SQLite's online backup, safe while the assistant runs (WAL readers do
 * not block it, and it copies a consistent snapshot). The copy is then opened and checked.
 */
export async function runBackup(
  ctx: AppContext,
  io: CommandIO,
  file: string | undefined,
  force: boolean,
): Promise<number> {
  if (!file) throw new UsageError('Usage : boussole backup FICHIER [--force]');
  const target = userPath(ctx.config, file);
  if (ctx.config.dbFile !== ':memory:' && target === path.resolve(ctx.config.dbFile)) {
    io.err('La sauvegarde doit être un autre fichier que la base elle-même.');
    return 1;
  }
  if (existsSync(target) && !force) {
    io.err(`${file} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.`);
    return 1;
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  await ctx.db.backup(partial);
  // Checked before it replaces anything: a copy that does not open is not a backup.
  const copy = new Database(partial);
  try {
    // One self-contained file: no -wal or -shm left beside the backup (the copy keeps the live
    // database's WAL mode otherwise, and opening it leaves those two files behind).
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`contrôle d'intégrité : ${String(integrity)}`);
    const counts = {
      plans: (copy.prepare('SELECT COUNT(*) AS n FROM plans').get() as { n: number }).n,
      measurements: (copy.prepare('SELECT COUNT(*) AS n FROM measurements').get() as { n: number }).n,
    };
    copy.close();
    rmSync(target, { force: true });
    renameSync(partial, target);
    io.out(`Sauvegarde écrite : ${file} (${counts.plans} plans, ${counts.measurements} valeurs).`);
    return 0;
  } catch (error) {
    if (copy.open) copy.close();
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
    io.err(`Sauvegarde invalide, rien n'a été écrit : ${(error as Error).message}`);
    return 1;
  }
}
