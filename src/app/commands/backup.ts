import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { backupDatabase } from '../../store/backup.ts';
import type { AppContext } from '../context.ts';
import { type CommandIO, UsageError } from './io.ts';
import { userPath } from './output.ts';

/**
 * `boussole backup FILE`: SQLite's online backup, safe while the assistant runs, checked before
 * it replaces anything (store/backup.ts).
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
  const result = await backupDatabase(ctx.db, target);
  if (!result.ok) {
    io.err(`Sauvegarde invalide, rien n'a été écrit : ${result.error}`);
    return 1;
  }
  io.out(`Sauvegarde écrite : ${file} (${result.plans} plans, ${result.measurements} valeurs).`);
  return 0;
}
