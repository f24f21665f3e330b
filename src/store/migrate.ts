import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../platform/paths.ts';

export class MigrationError extends Error {
  readonly code = 'migration';
}

interface MigrationFile {
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

/**
 * Applies pending migrations, forward only. A migration already applied must be byte-identical to
 * its file (checksum), and the database must not know migrations this code does not have: both mean
 * the schema is not what the code expects, so start-up stops instead of guessing.
 */
export function migrate(db: Database.Database, dir = MIGRATIONS_DIR): { applied: string[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const files = readMigrations(dir);
  const byVersion = new Map(files.map((file) => [file.version, file]));
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
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
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const newlyApplied: string[] = [];
  for (const file of files) {
    if (done.has(file.version)) continue;
    db.transaction(() => {
      db.exec(file.sql);
      record.run(file.version, file.name, file.checksum, new Date().toISOString());
    })();
    newlyApplied.push(file.name);
  }
  return { applied: newlyApplied };
}
