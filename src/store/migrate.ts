import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../platform/paths.ts';

export class MigrationError extends Error {
  readonly code = 'migration';
}

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/u.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

/**
 * The migrations still to apply, in order. A migration already applied must be byte-identical to
 * its file (checksum), and the database must not know migrations this code does not have: both mean
 * the schema is not what the code expects, so start-up stops instead of guessing. Shared by the
 * SQLite and PostgreSQL engines.
 */
export function pendingMigrations(
  files: readonly MigrationFile[],
  applied: readonly AppliedMigration[],
): MigrationFile[] {
  const byVersion = new Map(files.map((file) => [file.version, file]));
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) {
      throw new MigrationError(
        `la base contient la migration ${row.name} que ce code ne connaît pas : utilisez une version de Boussole au moins aussi récente que celle qui a créé la base`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `la migration ${row.name} a été modifiée après avoir été appliquée : ne modifiez jamais une migration livrée, ajoutez-en une nouvelle`,
      );
    }
  }
  const done = new Set(applied.map((row) => row.version));
  return files.filter((file) => !done.has(file.version));
}

/** Applies pending SQLite migrations, forward only, each in its own transaction. */
export function migrate(db: Database.Database, dir = MIGRATIONS_DIR): { applied: string[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as AppliedMigration[];
  const pending = pendingMigrations(readMigrations(dir), applied);
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const newlyApplied: string[] = [];
  for (const file of pending) {
    db.transaction(() => {
      db.exec(file.sql);
      record.run(file.version, file.name, file.checksum, new Date().toISOString());
    })();
    newlyApplied.push(file.name);
  }
  return { applied: newlyApplied };
}
