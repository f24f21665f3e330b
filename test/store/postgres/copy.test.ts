import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/app/cli.ts';
import { openDatabase } from '../../../src/store/db.ts';
import { ingestPlans } from '../../../src/store/ingest.ts';
import { openPool, quoteIdent } from '../../../src/store/postgres/connect.ts';
import { COPY_ORDER, CopyError, copySqliteToPostgres } from '../../../src/store/postgres/copy.ts';
import { migratePostgres } from '../../../src/store/postgres/migrate.ts';
import { captureIO, DATA_DIR, tempDir } from '../../helpers/plans.ts';
import { postgresGate, scratchSchema } from '../../helpers/postgres.ts';

const gate = await postgresGate();

/** An installation with plans and a little of everything people record. */
function seededSqlite(file: string): Database.Database {
  const db = openDatabase(file);
  ingestPlans(db, DATA_DIR);
  const at = (day: number) => `2026-0${day}-01T08:00:00.000Z`;
  const insertMeasurement = db.prepare(
    `INSERT INTO measurements (id, indicator_id, scope, period, value_num, value_text, unit, author_platform,
       author_id, recorded_at, status, supersedes) VALUES (?, 'i1', 'cantal', '2025-2026', ?, ?, ?, 'slack', 'U1', ?, ?, ?)`,
  );
  insertMeasurement.run('m1', 62.5, null, 'percent', at(1), 'validated', null);
  // A correction supersedes the first value: it must arrive after it (foreign key).
  insertMeasurement.run('m2', 0.1 + 0.2, null, 'percent', at(2), 'proposed', 'm1');
  insertMeasurement.run('m3', null, 'en cours', 'text', at(3), 'proposed', null);
  db.prepare(`INSERT INTO measurement_reviews VALUES ('m1', 'validated', 'slack:U2', ?)`).run(at(1));
  db.prepare(
    `INSERT INTO targets (indicator_id, scope, period, kind, value, set_by, set_at) VALUES ('i1', 'cantal', '2026-2027', 'target', 70.5, 'cli:root', ?)`,
  ).run(at(1));
  for (let i = 0; i < 1203; i++) {
    db.prepare(
      `INSERT INTO audit_log (at, actor, action, outcome, detail) VALUES (?, 'cli:root', 'grant', 'ok', ?)`,
    ).run(at(1), `ligne ${i} « guillemets » ; point-virgule`);
  }
  db.prepare(`INSERT INTO teams_offered_files VALUES ('tok', 'u1', 'suivi.xlsx', ?, ?)`).run(
    Buffer.from([0, 1, 2, 255, 254]),
    at(1),
  );
  db.prepare(`INSERT INTO slack_events VALUES ('Ev1', ?)`).run(Date.UTC(2026, 11, 5, 10));
  db.prepare(
    `INSERT INTO console_outbox (recipient, reply, created_at, send_key) VALUES ('console:dan', '{}', ?, 'k1')`,
  ).run(at(1));
  return db;
}

async function rowsOfPostgres(pool: Pool, table: string, columns: string[]): Promise<string[]> {
  const { rows } = await pool.query(`SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(table)}`);
  return rows.map((row) => canonical(columns.map((column) => row[column]))).sort();
}

function rowsOfSqlite(db: Database.Database, table: string, columns: string[]): string[] {
  const rows = db
    .prepare(`SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(table)}`)
    .raw(true)
    .all();
  return (rows as unknown[][]).map(canonical).sort();
}

function canonical(values: unknown[]): string {
  return JSON.stringify(
    values.map((value) => (Buffer.isBuffer(value) ? `hex:${value.toString('hex')}` : value)),
  );
}

function sqliteColumns(db: Database.Database, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map(
    (r) => r.name,
  );
}

describe.runIf(gate.run)('boussole copy (SQLite → PostgreSQL)', () => {
  let dir: ReturnType<typeof tempDir>;
  let source: Database.Database;
  const drops: (() => Promise<void>)[] = [];
  const pools: Pool[] = [];
  beforeAll(() => {
    dir = tempDir();
    source = seededSqlite(path.join(dir.dir, 'boussole.db'));
  });
  afterAll(async () => {
    source.close();
    for (const pool of pools) await pool.end();
    for (const drop of drops) await drop();
    dir.cleanup();
  });
  async function target() {
    const schema = await scratchSchema();
    drops.push(schema.drop);
    const pool = await openPool({ url: schema.url, poolSize: 2 });
    pools.push(pool);
    return { ...schema, pool };
  }

  it('lists every table of both schemas, so a new table cannot be left behind', async () => {
    const { pool } = await target();
    await migratePostgres(pool);
    const { rows } = await pool.query<{ table_name: string }>(
      // unit_corpus and unit_term_docs are PostgreSQL's own counts, kept by triggers as units arrive.
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
         AND table_name NOT IN ('schema_migrations', 'unit_corpus', 'unit_term_docs')`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual([...COPY_ORDER].sort());
    const sqliteTables = (
      source
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts_%' AND name NOT IN ('unit_fts', 'unit_terms')`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    expect(sqliteTables.sort()).toEqual([...COPY_ORDER].sort());
  });

  it('moves every row of every table, byte for byte, and the ids continue after the copied ones', async () => {
    const { pool } = await target();
    await migratePostgres(pool);
    const report = await copySqliteToPostgres(source, pool);
    expect(report.tables.map((t) => t.table)).toEqual([...COPY_ORDER]);
    for (const table of COPY_ORDER) {
      const columns = sqliteColumns(source, table);
      expect(await rowsOfPostgres(pool, table, columns), table).toEqual(rowsOfSqlite(source, table, columns));
    }
    expect(report.tables.find((t) => t.table === 'audit_log')?.rows).toBe(1203);
    const { rows } = await pool.query<{ seq: number }>(
      `INSERT INTO audit_log (at, actor, action, outcome) VALUES ('now', 'x', 'y', 'ok') RETURNING seq`,
    );
    expect(rows[0]?.seq).toBe(1204);
  });

  it('finds the same units for a word in both engines’ full-text indexes', async () => {
    const { pool } = await target();
    await migratePostgres(pool);
    await copySqliteToPostgres(source, pool);
    const stems = (
      source.prepare(`SELECT term FROM unit_terms WHERE col = 'own' ORDER BY doc DESC LIMIT 40`).all() as {
        term: string;
      }[]
    ).map((r) => r.term);
    expect(stems.length).toBe(40);
    for (const stem of stems) {
      const sqlite = (
        source
          .prepare(`SELECT u.ref FROM unit_fts JOIN units u ON u.id = unit_fts.rowid WHERE unit_fts MATCH ?`)
          .all(`"${stem}"`) as { ref: string }[]
      )
        .map((r) => r.ref)
        .sort();
      const { rows } = await pool.query<{ ref: string }>(
        'SELECT ref FROM units WHERE terms @@ quote_literal($1)::tsquery',
        [stem],
      );
      expect(rows.map((r) => r.ref).sort(), stem).toEqual(sqlite);
    }
    // bm25's corpus figures arrived with the rows: FTS5's row and token counts.
    const corpus = (await pool.query('SELECT units, tokens FROM unit_corpus')).rows[0];
    expect(Number(corpus.units)).toBe(source.prepare('SELECT count(*) FROM units').pluck().get());
    expect(Number(corpus.tokens)).toBe(source.prepare('SELECT sum(cnt) FROM unit_terms').pluck().get());
  });

  it('writes nothing into a database that already holds data, and says why', async () => {
    const { pool } = await target();
    await migratePostgres(pool);
    await pool.query(`INSERT INTO settings VALUES ('x', 'y')`);
    await expect(copySqliteToPostgres(source, pool)).rejects.toThrow(CopyError);
    const { rows } = await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM plans');
    expect(rows[0]?.n).toBe(0);
  });

  it('stops before writing when the two schemas differ (different versions of Boussole)', async () => {
    const { pool } = await target();
    await migratePostgres(pool);
    await pool.query('ALTER TABLE deadlines ADD COLUMN tenant TEXT');
    await expect(copySqliteToPostgres(source, pool)).rejects.toThrow(/PostgreSQL seule : tenant/);
    const { rows } = await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM nodes');
    expect(rows[0]?.n).toBe(0);
  });

  it('`boussole copy --from sqlite:FILE --to URL` migrates the target and reports the counts', async () => {
    const { url, pool } = await target();
    const io = captureIO();
    const file = path.join(dir.dir, 'boussole.db');
    expect(await runCli(['copy', '--from', `sqlite:${file}`, '--to', url], io.io, {})).toBe(0);
    expect(io.stdout()).toMatch(/Copie terminée .* lignes dans 29 tables, nombres vérifiés table par table/);
    const { rows } = await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM measurements');
    expect(rows[0]?.n).toBe(3);
    const again = captureIO();
    expect(await runCli(['copy', '--from', `sqlite:${file}`, '--to', url], again.io, {})).toBe(1);
    expect(again.stderr()).toMatch(/contient déjà des données/);
  });
});

describe('boussole copy: bad input', () => {
  it('says which file is missing, and never creates it', async () => {
    const dir = tempDir();
    const io = captureIO();
    const missing = path.join(dir.dir, 'absent.db');
    expect(
      await runCli(['copy', '--from', `sqlite:${missing}`, '--to', 'postgres://x@127.0.0.1:1/y'], io.io, {}),
    ).toBe(1);
    expect(io.stderr()).toMatch(/n’existe pas/);
    dir.cleanup();
  });

  it('explains the expected forms of --from and --to (exit code 2)', async () => {
    const io = captureIO();
    expect(await runCli(['copy', '--from', 'boussole.db', '--to', 'postgres://x@h/y'], io.io, {})).toBe(2);
    expect(io.stderr()).toMatch(/--from attend sqlite:FICHIER/);
    const noTarget = captureIO();
    expect(await runCli(['copy'], noTarget.io, {})).toBe(2);
    expect(noTarget.stderr()).toMatch(/--to/);
  });
});
