import type { Pool, QueryArrayConfig, QueryArrayResult } from 'pg';
import type { IndexedUnit } from '../../core/query/rank/ports.ts';
import type { Db } from '../db.ts';
import { fts5Bm25, matchTerms, toUnit, type UnitRow } from '../unit-rows.ts';

/** The part of the unit index that can live in PostgreSQL: the search (migrations 003 and 004). */
export interface UnitSearch {
  /**
   * As UnitIndex.search; null when PostgreSQL does not hold this replica's plans (not yet
   * published, or another replica published other versions): its answer would not be ours;
   * 'busy' when this replica already has its share of searches running there.
   */
  search(
    stems: string[],
    plans: readonly string[] | null,
    limit: number,
  ): Promise<IndexedUnit[] | null | 'busy'>;
}

/** How long a question waits for PostgreSQL's search before the local index answers it. */
export const SEARCH_TIMEOUT_MS = 2000;

/**
 * The candidates of a question as SQLite's FTS5 finds them: every unit holding a term (GIN), with
 * each term's IDF as FTS5 computes it (rows holding it in either column, over the whole index,
 * whatever the plans asked) and the average length; the replica ranks them (fts5Bm25).
 */
const SEARCH = `
WITH corpus AS (SELECT greatest(units, 1) AS n, tokens FROM unit_corpus),
idf AS (
  SELECT array_agg(CASE WHEN x.idf <= 0 THEN 1e-6::float8 ELSE x.idf END ORDER BY t.ord) AS idf
  FROM unnest($1::text[]) WITH ORDINALITY AS t (term, ord)
  CROSS JOIN corpus
  LEFT JOIN unit_term_docs d ON d.term = t.term
  CROSS JOIN LATERAL (
    SELECT ln(((corpus.n - coalesce(d.docs, 0))::float8 + 0.5) / (coalesce(d.docs, 0)::float8 + 0.5)) AS idf
  ) AS x
),
published AS (
  SELECT coalesce(string_agg(id || ':' || signature, ',' ORDER BY id), '') = $4 AS same FROM plans
)
-- First the figures, once, and whether the plans are this replica's; then the units, if they are.
SELECT 0 AS part, published.same, idf.idf, corpus.tokens::float8 / corpus.n::float8,
       NULL::bigint, NULL, NULL, NULL, NULL, NULL, NULL
FROM published CROSS JOIN idf CROSS JOIN corpus
UNION ALL
SELECT 1, NULL, NULL, NULL, u.id, u.ref, u.plan_id, u.kind, u.scope, u.own, u.context
FROM units u
WHERE (SELECT same FROM published) AND u.terms @@ $2::tsquery
  AND ($3::text[] IS NULL OR u.plan_id = ANY ($3::text[]))`;

type SearchRow =
  | [part: 0, same: boolean, idf: number[], avgdl: number, ...null[]]
  | [part: 1, same: null, idf: null, avgdl: null, id: string, ...UnitRow];

/** The plans a replica holds, as \`published\` above compares them: id and signature, by id. */
export function planDigest(db: Db): string {
  return (db.prepare('SELECT id, signature FROM plans ORDER BY id').raw().all() as [string, string][])
    .map(([id, signature]) => `${id}:${signature}`)
    .join(',');
}

/**
 * `digest`: the plans this replica answers from (planDigest).
 * `maxInFlight`: searches this replica runs in PostgreSQL at once; past it a question is answered
 * by the local index at once, so that under load searches never hold every connection of the pool
 * while an ack waits for one to record its Slack event.
 */
export function createPgUnitSearch(pool: Pool, digest: () => string, maxInFlight = 4): UnitSearch {
  let inFlight = 0;
  return {
    async search(stems, plans, limit) {
      const terms = matchTerms(stems);
      if (!terms.length || (plans && !plans.length)) return [];
      if (inFlight >= maxInFlight) return 'busy';
      // Terms are letters, digits and "+" (matchTerms): quoted, each is one lexeme, never syntax.
      const match = terms.map((term) => `'${term}'`).join(' | ');
      const query: QueryArrayConfig = {
        text: SEARCH,
        values: [terms, match, plans ? [...plans] : null, digest()],
        rowMode: 'array',
      };
      // A question waits SEARCH_TIMEOUT_MS at most, then the replica's own index answers it
      // (app/unit-index.ts). The query itself is left to finish (the server's statement_timeout
      // bounds it): pg's client-side query_timeout would hand back a connection still busy.
      inFlight++;
      const running = pool.query(query).finally(() => {
        inFlight--;
      });
      const { rows } = await withinTime(running, SEARCH_TIMEOUT_MS);
      const found = rows as SearchRow[];
      const figures = found.find((row) => row[0] === 0);
      if (!figures?.[1]) return null;
      const [, , idf, avgdl] = figures;
      const positions = new Map(terms.map((term, i) => [term, i]));
      return found
        .filter((row) => row[0] === 1)
        .map((row) => {
          const unit = toUnit(row.slice(5) as UnitRow);
          return { unit, id: Number(row[4]), score: fts5Bm25(unit.own, unit.context, positions, idf, avgdl) };
        })
        .sort((a, b) => a.score - b.score || a.id - b.id)
        .slice(0, limit)
        .map((ranked) => ranked.unit);
    },
  };
}

/** Per plan: its signature (source and profile, store/ingest.ts) or undefined when absent. */
type Signatures = Map<string, string>;

export interface PublishReport {
  /** Plans whose units were (re)written. */
  published: string[];
  /** Plans removed because this replica no longer has them. */
  removed: string[];
}

/**
 * Makes PostgreSQL's unit index hold this replica's plans, so that searching there gives the
 * answers the local index gives: a plan whose signature differs is replaced (its row and units),
 * a plan this replica does not have is removed. One transaction under an advisory lock: replicas
 * starting together publish once, and a search never sees half a plan. Units keep the local
 * insertion order (they are inserted by local id), which breaks bm25 ties on both sides.
 */
export async function publishUnits(pool: Pool, db: Db): Promise<PublishReport> {
  const local = new Map(
    (db.prepare('SELECT id, signature FROM plans ORDER BY rowid').raw().all() as [string, string][]).map(
      ([id, signature]) => [id, signature],
    ),
  ) as Signatures;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
    const { rows } = await client.query<{ id: string; signature: string }>('SELECT id, signature FROM plans');
    const shared: Signatures = new Map(rows.map((row) => [row.id, row.signature]));
    const stale = [...local].filter(([id, signature]) => shared.get(id) !== signature).map(([id]) => id);
    const removed = [...shared.keys()].filter((id) => !local.has(id));
    const replaced = [...removed, ...stale.filter((id) => shared.has(id))];
    if (replaced.length) await client.query('DELETE FROM plans WHERE id = ANY ($1::text[])', [replaced]);
    const planRow = db.prepare(
      'SELECT id, title, short_title, academie, period, kind, file, aliases, profile, signature, ingested_at, item_names FROM plans WHERE id = ?',
    );
    const unitRows = db.prepare(
      'SELECT ref, plan_id, kind, scope, own, context FROM units WHERE plan_id = ? ORDER BY id',
    );
    for (const id of stale) {
      const plan = planRow.raw().get(id) as unknown[];
      await client.query(
        `INSERT INTO plans (id, title, short_title, academie, period, kind, file, aliases, profile, signature, ingested_at, item_names)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        plan,
      );
      const units = unitRows.raw().all(id) as UnitRow[];
      // One statement per batch of units, in local order: the identity column keeps that order.
      for (let start = 0; start < units.length; start += PUBLISH_BATCH) {
        const batch = units.slice(start, start + PUBLISH_BATCH);
        await client.query(
          `INSERT INTO units (ref, plan_id, kind, scope, own, context)
           SELECT ref, plan_id, kind, scope, own, context
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           WITH ORDINALITY AS u (ref, plan_id, kind, scope, own, context, ord) ORDER BY ord`,
          [0, 1, 2, 3, 4, 5].map((column) => batch.map((row) => row[column])),
        );
      }
    }
    await client.query('COMMIT');
    return { published: stale, removed };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Serialises publications across replicas (any fixed number, distinct from the migration lock). */
const PUBLISH_LOCK = 0x426f7575;
const PUBLISH_BATCH = 500;

/** The result, or a rejection once `ms` have passed; the work itself goes on (and is dropped). */
function withinTime(work: Promise<QueryArrayResult>, ms: number): Promise<QueryArrayResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`PostgreSQL search slower than ${ms} ms`)), ms);
  });
  // A search that fails after the question moved on must not become an unhandled rejection.
  work.catch(() => {});
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
