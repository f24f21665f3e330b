import type { Pool, PoolConfig } from 'pg';

/** What the operator configured: BOUSSOLE_DATABASE_URL and the pool size. */
export interface PostgresSettings {
  url: string;
  /** Connections per process (BOUSSOLE_DATABASE_POOL). */
  poolSize: number;
}

/** A URL for logs and messages: the password never leaves the process. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(?:ql)?:\/\//u.test(value);
}

/**
 * Opens a pool. `pg` is loaded here, on demand: the SQLite default never pays for it. Connection
 * errors surface on the first query; `checkConnection` makes them explicit at start-up.
 */
export async function openPool(settings: PostgresSettings): Promise<Pool> {
  const { default: pg } = await import('pg');
  // BIGINT columns hold ids and millisecond timestamps, all far below 2^53: numbers, as SQLite
  // gives them, rather than pg's default strings.
  pg.types.setTypeParser(pg.types.builtins.INT8, Number);
  const config: PoolConfig = {
    connectionString: settings.url,
    max: settings.poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A statement stuck behind a lock must not hold a chat reply for ever (Slack acks in 3 s).
    statement_timeout: 10_000,
    application_name: 'boussole',
  };
  const pool = new pg.Pool(config);
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/** Runs `SELECT 1` and says, in French, what is wrong when it fails (for health and start-up). */
export async function checkConnection(
  pool: Pool,
  url: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await pool.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `PostgreSQL injoignable (${redactUrl(url)}) : ${reason}. Vérifiez BOUSSOLE_DATABASE_URL et que le serveur accepte les connexions.`,
    };
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
