import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../platform/config.ts';

/** A path the user typed, read from the directory they typed it in (see Config.workDir). */
export function userPath(config: Pick<Config, 'workDir'>, file: string): string {
  return path.resolve(config.workDir, file);
}

/**
 * Writes a command's output file (chart, export) the way `backup` does: missing folders are
 * created, and an existing file is only replaced with --force. Returns an error message otherwise.
 */
export function writeOutput(
  config: Pick<Config, 'workDir'>,
  file: string,
  data: Buffer | string,
  force: boolean,
): { ok: true; path: string } | { ok: false; message: string } {
  const target = userPath(config, file);
  if (existsSync(target)) {
    if (statSync(target).isDirectory())
      return { ok: false, message: `${file} est un dossier : donnez un nom de fichier.` };
    if (!force)
      return {
        ok: false,
        message: `${file} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.`,
      };
  }
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      ok: false,
      message: `Impossible d’écrire ${file} (${code}) : vérifiez le chemin et les droits du dossier.`,
    };
  }
  return { ok: true, path: target };
}
