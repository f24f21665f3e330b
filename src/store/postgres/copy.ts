import type Database from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';
import { quoteIdent } from './connect.ts';

/**
 * Every table `boussole copy` moves, parents before children (foreign keys are checked row by row).
 * schema_migrations is not copied: the target has its own, written by `boussole migrate`.
 * test/store/postgres/copy.test.ts checks this list against both schemas, so a new table cannot be
 * forgotten.
 */
export const COPY_ORDER = [
  'plans',
  'nodes',
  'passages',
  'search_fts',
  'units',
  'word_stems',
  'glossary_groups',
  'glossary_entries',
  'lexicon_forms',
  'lexicon_words',
  'answers',
  'feedback',
  'settings',
  'measurements',
  'measurement_reviews',
  'targets',
  'measurement_drafts',
  'roles',
  'audit_log',
  'deadlines',
  'reminder_sends',
  'reminder_snoozes',
  'console_outbox',
  'teams_conversations',
  'teams_handled_submits',
  'teams_offered_files',
  'slack_events',
  'slack_threads',
  'slack_stash',
] as const;

/** PostgreSQL's column for SQLite's rowid (insertion order), on this side only. */
const ROWID_STANDIN = 'seq';

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table (16 columns). */
const BATCH_ROWS = 500;

export class CopyError extends Error {
  readonly code = 'copy';
}

export interface CopyReport {
  tables: { table: string; rows: number }[];
  total: number;
}

/**
 * Copies an installation's SQLite database into an empty, migrated PostgreSQL database, in one
 * transaction: either every row of every table arrives and the counts match table by table, or
 * nothing is written. Columns are matched by name; a column on one side only means the two
 * schemas are not the same version, and the copy stops before writing anything.
 */
export async function copySqliteToPostgres(
  source: Database.Database,
  pool: Pool,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<CopyReport> {
  const client = await pool.connect();
  try {
    const plan = await planCopy(source, client);
    await client.query('BEGIN');
    const tables: CopyReport['tables'] = [];
    for (const { table, columns, identity, byRowid } of plan) {
      const rows = await copyTable(source, client, table, columns, byRowid);
      if (identity) await resetIdentity(client, table, identity);
      tables.push({ table, rows });
      onTable(table, rows);
    }
    for (const { table, rows } of tables) {
      const { rows: counted } = await client.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM ${quoteIdent(table)}`,
      );
      if (Number(counted[0]?.n) !== rows) {
        throw new CopyError(
          `la table ${table} compte ${counted[0]?.n} lignes dans PostgreSQL pour ${rows} dans SQLite : copie annulée, rien n’a été écrit`,
        );
      }
    }
    await client.query('COMMIT');
    return { tables, total: tables.reduce((sum, entry) => sum + entry.rows, 0) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

interface TablePlan {
  table: string;
  columns: string[];
  /** The identity column whose sequence must continue after the copied ids. */
  identity: string | null;
  /** Read in rowid (insertion) order, so a correction follows the value it supersedes. */
  byRowid: boolean;
}

async function planCopy(source: Database.Database, client: PoolClient): Promise<TablePlan[]> {
  const { rows } = await client.query<{
    table_name: string;
    column_name: string;
    is_generated: string;
    is_identity: string;
  }>(
    `SELECT table_name, column_name, is_generated, is_identity
       FROM information_schema.columns
      WHERE table_schema = current_schema()
      ORDER BY table_name, ordinal_position`,
  );
  const targetColumns = new Map<string, { name: string; identity: boolean }[]>();
  for (const row of rows) {
    if (row.is_generated !== 'NEVER') continue;
    const list = targetColumns.get(row.table_name) ?? [];
    list.push({ name: row.column_name, identity: row.is_identity === 'YES' });
    targetColumns.set(row.table_name, list);
  }
  if (!targetColumns.has('schema_migrations')) {
    throw new CopyError('la base PostgreSQL n’est pas initialisée : lancez d’abord « boussole migrate »');
  }
  const plan: TablePlan[] = [];
  for (const table of COPY_ORDER) {
    const target = targetColumns.get(table);
    if (!target)
      throw new CopyError(`la table ${table} manque dans PostgreSQL : lancez « boussole migrate »`);
    const sourceColumns = sqliteColumns(source, table);
    // The rowid's stand-in (migration 002) is left to its default: rows are copied in rowid order.
    const copied = target.filter(
      (column) => !(column.name === ROWID_STANDIN && column.identity && !sourceColumns.includes(column.name)),
    );
    const targetNames = copied.map((column) => column.name);
    const missing = sourceColumns.filter((name) => !targetNames.includes(name));
    const extra = targetNames.filter((name) => !sourceColumns.includes(name));
    if (missing.length > 0 || extra.length > 0) {
      throw new CopyError(
        `la table ${table} n’a pas les mêmes colonnes des deux côtés (${[...missing.map((c) => `SQLite seule : ${c}`), ...extra.map((c) => `PostgreSQL seule : ${c}`)].join(', ')}) : les deux bases doivent venir de la même version de Boussole`,
      );
    }
    const { rows: existing } = await client.query(`SELECT 1 FROM ${quoteIdent(table)} LIMIT 1`);
    if (existing.length > 0) {
      throw new CopyError(
        `la table ${table} de PostgreSQL contient déjà des données : la copie se fait vers une base vide (créez-en une, puis « boussole migrate »)`,
      );
    }
    plan.push({
      table,
      columns: targetNames,
      identity: copied.find((column) => column.identity)?.name ?? null,
      byRowid: hasRowid(source, table),
    });
  }
  return plan;
}

function sqliteColumns(source: Database.Database, table: string): string[] {
  const info = source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  if (info.length === 0) throw new CopyError(`la table ${table} manque dans la base SQLite`);
  return info.map((row) => row.name);
}

function hasRowid(source: Database.Database, table: string): boolean {
  const row = source.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(table) as
    | { sql: string }
    | undefined;
  // FTS5 tables have a rowid; WITHOUT ROWID tables are ordered by their key.
  return !/WITHOUT\s+ROWID/iu.test(row?.sql ?? '');
}

async function copyTable(
  source: Database.Database,
  client: PoolClient,
  table: string,
  columns: string[],
  byRowid: boolean,
): Promise<number> {
  const list = columns.map(quoteIdent).join(', ');
  const insertHead = `INSERT INTO ${quoteIdent(table)} (${list}) VALUES `;
  const insert = async (rows: unknown[][]) => {
    const values: unknown[] = [];
    const tuples = rows.map((row) => {
      const marks = row.map((value) => {
        values.push(value);
        return `$${values.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await client.query(insertHead + tuples.join(', '), values);
  };
  let count = 0;
  if (!byRowid) {
    // WITHOUT ROWID tables are small word lists: read at once, written in batches.
    const rows = source
      .prepare(`SELECT ${list} FROM ${quoteIdent(table)}`)
      .raw(true)
      .all() as unknown[][];
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      await insert(rows.slice(start, start + BATCH_ROWS));
    }
    return rows.length;
  }
  // Pages by rowid (keyset, not OFFSET): linear in the table size, in insertion order, and no
  // SQLite statement stays open across the awaits on PostgreSQL.
  const page = source
    .prepare(`SELECT rowid, ${list} FROM ${quoteIdent(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?`)
    .raw(true);
  let after = -Infinity;
  for (;;) {
    const rows = page.all(after, BATCH_ROWS) as unknown[][];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.[0] as number;
    await insert(rows.map((row) => row.slice(1)));
    count += rows.length;
    if (rows.length < BATCH_ROWS) break;
  }
  return count;
}

async function resetIdentity(client: PoolClient, table: string, column: string): Promise<void> {
  // Explicit ids were copied; the sequence must continue after the largest, or the next insert
  // of the running assistant would collide with a copied row.
  await client.query(
    `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(${quoteIdent(column)}) FROM ${quoteIdent(table)}), 0) + 1, false)`,
    [quoteIdent(table), column],
  );
}
