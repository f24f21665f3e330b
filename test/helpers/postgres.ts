import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg, { type Pool } from 'pg';
import { type Db, openDatabase } from '../../src/store/db.ts';
import { openPool, quoteIdent } from '../../src/store/postgres/connect.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';

/**
 * The PostgreSQL the suite runs against: the development and CI machines have one at
 * 127.0.0.1:5432 (trust auth, database `test`); BOUSSOLE_TEST_DATABASE_URL points elsewhere.
 */
export const TEST_DATABASE_URL =
  process.env.BOUSSOLE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL cannot be used, or null when it can. Bounded: 3 s at most. */
export async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Decides whether this file's PostgreSQL tests run. Without PostgreSQL they are skipped with a
 * warning that says so, except under CI, where the suite must run: the caller's first test fails
 * with the reason.
 */
export async function postgresGate(): Promise<{ run: boolean; failure: string | null }> {
  const reason = await postgresUnavailable();
  if (!reason) return { run: true, failure: null };
  if (process.env.CI)
    return { run: false, failure: `PostgreSQL required under CI (${TEST_DATABASE_URL}): ${reason}` };
  process.stderr.write(`\n⚠ PostgreSQL suite NOT RUN (${TEST_DATABASE_URL} unreachable: ${reason})\n`);
  return { run: false, failure: null };
}

/** A schema of its own for one test, dropped afterwards; its URL selects it via search_path. */
export async function scratchSchema(): Promise<{ schema: string; url: string; drop: () => Promise<void> }> {
  const schema = `boussole_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return {
    schema,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await client.end();
    },
  };
}

/**
 * Two pools on one migrated scratch schema, as two replicas open it. Their ends and the schema's
 * drop are pushed on `cleanups` (run in reverse order).
 */
export async function twoPostgresPools(cleanups: (() => unknown)[], poolSize = 4): Promise<[Pool, Pool]> {
  const schema = await scratchSchema();
  cleanups.push(schema.drop);
  const first = await openPool({ url: schema.url, poolSize });
  const second = await openPool({ url: schema.url, poolSize });
  cleanups.push(() => first.end());
  cleanups.push(() => second.end());
  await migratePostgres(first);
  return [first, second];
}

/**
 * Two handles on one SQLite file, as two processes open it (the SQLite side of the contract tests).
 * Closing them and removing the file is pushed on `cleanups`.
 */
export function twoSqliteHandles(cleanups: (() => unknown)[]): [Db, Db] {
  const file = path.join(os.tmpdir(), `boussole-twice-${process.pid}-${randomBytes(4).toString('hex')}.db`);
  const first = openDatabase(file);
  const second = openDatabase(file);
  cleanups.push(() => {
    first.close();
    second.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  });
  return [first, second];
}
