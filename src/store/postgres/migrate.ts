import type { Pool } from 'pg';
import { PG_MIGRATIONS_DIR } from '../../platform/paths.ts';
import { type AppliedMigration, pendingMigrations, readMigrations } from '../migrate.ts';

/**
 * Any fixed number shared by every Boussole process: the advisory lock that serialises migrations,
 * so replicas started together (a rolling upgrade, `docker compose up --scale`) migrate once.
 */
const MIGRATION_LOCK = 0x426f7573;

/**
 * Applies the pending PostgreSQL migrations, forward only, with the same checks as SQLite
 * (checksums, unknown migrations). Everything runs in one transaction holding the advisory lock:
 * a replica that waited finds the work done and applies nothing.
 */
export async function migratePostgres(pool: Pool, dir = PG_MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const { rows } = await client.query<AppliedMigration>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const pending = pendingMigrations(readMigrations(dir), rows);
    for (const file of pending) {
      await client.query(file.sql);
      await client.query(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
        [file.version, file.name, file.checksum, new Date().toISOString()],
      );
    }
    await client.query('COMMIT');
    return { applied: pending.map((file) => file.name) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
