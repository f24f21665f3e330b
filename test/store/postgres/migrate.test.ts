import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/app/cli.ts';
import { main } from '../../../src/app/main.ts';
import { PG_MIGRATIONS_DIR } from '../../../src/platform/paths.ts';
import { MigrationError } from '../../../src/store/migrate.ts';
import { openPool } from '../../../src/store/postgres/connect.ts';
import { migratePostgres } from '../../../src/store/postgres/migrate.ts';
import { captureIO, tempDir } from '../../helpers/plans.ts';
import { postgresGate, scratchSchema } from '../../helpers/postgres.ts';

const gate = await postgresGate();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratch() {
  const schema = await scratchSchema();
  cleanups.push(schema.drop);
  return schema;
}

async function pool(url: string) {
  const opened = await openPool({ url, poolSize: 2 });
  cleanups.push(() => opened.end());
  return opened;
}

describe.runIf(gate.failure)('PostgreSQL under CI', () => {
  it('is reachable', () => {
    throw new Error(gate.failure ?? '');
  });
});

describe.runIf(gate.run)('PostgreSQL migrations', () => {
  it('creates the schema once, even when three replicas migrate at the same moment', async () => {
    const { url } = await scratch();
    const [first, ...others] = await Promise.all([pool(url), pool(url), pool(url)]);
    const results = await Promise.all([first, ...others].map((p) => migratePostgres(p)));
    const files = readdirSync(PG_MIGRATIONS_DIR)
      .filter((name) => name.endsWith('.sql'))
      .sort();
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, files.length]);
    const { rows } = await first.query('SELECT name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(files.map((name) => ({ name })));
    expect((await migratePostgres(first)).applied).toEqual([]);
  });

  it('refuses a migration changed after it was applied, and a database newer than the code', async () => {
    const { url } = await scratch();
    const p = await pool(url);
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    cpSync(PG_MIGRATIONS_DIR, dir.dir, { recursive: true });
    await migratePostgres(p, dir.dir);
    writeFileSync(path.join(dir.dir, '001_schema.sql'), '-- edited\n', { flag: 'a' });
    await expect(migratePostgres(p, dir.dir)).rejects.toThrow(/modifiée après avoir été appliquée/);
    await p.query(`INSERT INTO schema_migrations VALUES (999, '999_future.sql', 'x', 'now')`);
    await expect(migratePostgres(p)).rejects.toBeInstanceOf(MigrationError);
  });

  it('keeps measurements append-only, as SQLite does', async () => {
    const { url } = await scratch();
    const p = await pool(url);
    await migratePostgres(p);
    await p.query(
      `INSERT INTO measurements (id, indicator_id, scope, period, value_num, unit, author_platform, author_id, recorded_at, status)
       VALUES ('m1', 'i1', 'cantal', '2025-2026', 62.5, 'percent', 'console', 'dan', '2026-01-01T00:00:00Z', 'proposed')`,
    );
    await expect(p.query(`UPDATE measurements SET value_num = 1 WHERE id = 'm1'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(p.query(`DELETE FROM measurements WHERE id = 'm1'`)).rejects.toThrow(/append-only/);
    await p.query(`UPDATE measurements SET status = 'validated' WHERE id = 'm1'`);
  });

  it('`boussole migrate` migrates the database named by BOUSSOLE_DATABASE_URL and says so', async () => {
    const { url } = await scratch();
    const io = captureIO();
    expect(await runCli(['migrate'], io.io, { BOUSSOLE_DATABASE_URL: url })).toBe(0);
    expect(io.stdout()).toMatch(/migrations appliquées : 001_schema\.sql/);
    expect(io.stdout()).not.toContain('search_path=');
    const again = captureIO();
    expect(await runCli(['migrate', '--database', url], again.io, {})).toBe(0);
    expect(again.stdout()).toMatch(/déjà à jour/);
  });

  it('names the server and what to check when PostgreSQL cannot be reached, without the password', async () => {
    const io = captureIO();
    const code = await runCli(
      ['migrate', '--database', 'postgres://boussole:s3cret@127.0.0.1:1/none'],
      io.io,
      {},
    );
    expect(code).toBe(1);
    expect(io.stderr()).toMatch(
      /PostgreSQL injoignable \(postgres:\/\/boussole:\*\*\*@127\.0\.0\.1:1\/none\)/,
    );
    expect(io.stderr()).not.toContain('s3cret');
  });
});

describe('the PostgreSQL settings', () => {
  it('`npm start` with an unreachable PostgreSQL says which and exits, without the password', async () => {
    const io = captureIO();
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const stderr: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => stderr.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      const code = await main(['start'], io.io, {
        // Port 1 on loopback: refused at once.
        BOUSSOLE_DATABASE_URL: 'postgres://postgres:s3cret@127.0.0.1:1/test',
        BOUSSOLE_DB: path.join(dir.dir, 'b.db'),
      });
      expect(code).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toMatch(
      /PostgreSQL injoignable \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test\)/,
    );
    expect(stderr.join('')).not.toContain('s3cret');
  });

  it('rejects a BOUSSOLE_DATABASE_URL that is not a postgres:// address', async () => {
    const io = captureIO();
    expect(await runCli(['migrate'], io.io, { BOUSSOLE_DATABASE_URL: 'mysql://root@127.0.0.1/test' })).toBe(
      1,
    );
    expect(io.stderr()).toMatch(/BOUSSOLE_DATABASE_URL/);
  });
});
