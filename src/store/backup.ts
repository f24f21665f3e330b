import { renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from './db.ts';

export type BackupResult = { ok: true; plans: number; measurements: number } | { ok: false; error: string };

/**
 * SQLite's online backup, safe while the assistant runs (WAL readers do not block it, and it
 * copies a consistent snapshot) into `target`. The copy is written beside it first, then opened
 * and checked: only a copy that opens and passes the integrity check replaces `target`.
 */
export async function backupDatabase(db: Db, target: string): Promise<BackupResult> {
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  await db.backup(partial);
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
    return { ok: true, ...counts };
  } catch (error) {
    if (copy.open) copy.close();
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
    return { ok: false, error: (error as Error).message };
  }
}
