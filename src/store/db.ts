import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { installLockBackoff } from './lock-backoff.ts';
import { MigrationError, migrate } from './migrate.ts';

export type Db = Database.Database;

/** How long one-shot commands wait for a database locked by another process. */
export const COMMAND_BUSY_TIMEOUT_MS = 5000;
/** After a write of the serving process failed for the lock, how long writes fail without waiting. */
export const LOCK_COOLDOWN_MS = 5000;

/** The database cannot be opened: the message names the file and what to do. */
export class DatabaseOpenError extends Error {
  readonly code = 'database_open';
}

/**
 * Opens (and creates) the database with the pragmas the whole app relies on: WAL so readers never
 * block the writer, foreign keys, and a busy timeout so a second process (CLI beside the bot)
 * waits for the lock instead of failing with SQLITE_BUSY. The serving process (`serving`) waits
 * less and backs off after a failed wait (see lock-backoff.ts).
 */
export function openDatabase(file: string, options: { busyTimeoutMs?: number; serving?: boolean } = {}): Db {
  const busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? COMMAND_BUSY_TIMEOUT_MS));
  let db: Db | undefined;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file);
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db?.close();
    throw explainOpenFailure(file, error);
  }
  if (options.serving) installLockBackoff(db, { busyTimeoutMs, cooldownMs: LOCK_COOLDOWN_MS });
  return db;
}

/** A raw "unable to open database file" becomes a message that names the file and the way out. */
function explainOpenFailure(file: string, error: unknown): unknown {
  if (error instanceof MigrationError) return error;
  const code = (error as { code?: string }).code ?? '';
  const where = path.resolve(file);
  const reason = (error as Error).message;
  if (/^SQLITE_(?:NOTADB|CORRUPT)/u.test(code)) {
    return new DatabaseOpenError(
      `La base ${where} est illisible ou endommagée (${reason}) : arrêtez Boussole, mettez ce fichier de côté avec ses fichiers -wal et -shm, et restaurez la dernière sauvegarde (README, « Exploitation »).`,
    );
  }
  if (
    /^SQLITE_(?:CANTOPEN|READONLY|PERM|IOERR|FULL)/u.test(code) ||
    /^E(?:ACCES|PERM|ROFS|NOSPC)$/u.test(code)
  ) {
    return new DatabaseOpenError(
      `Impossible d’ouvrir la base ${where} (${reason}) : vérifiez que le dossier existe, que l’utilisateur qui lance Boussole peut y écrire et que le disque n’est pas plein, ou choisissez un autre fichier avec BOUSSOLE_DB.`,
    );
  }
  return error;
}
