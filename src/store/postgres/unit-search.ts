import type { Pool, QueryArrayConfig } from 'pg';
import type { IndexedUnit } from '../../core/query/rank/ports.ts';
import type { Db } from '../db.ts';
import { matchTerms, toUnit, type UnitRow } from '../unit-rows.ts';

/** The part of the unit index that can live in PostgreSQL: the ranked search (migration 003). */
export interface UnitSearch {
  /**
   * As UnitIndex.search; null when PostgreSQL does not hold this replica's plans (not yet
   * published, or another replica published other versions): its answer would not be ours.
   */
  search(stems: string[], plans: readonly string[] | null, limit: number): Promise<IndexedUnit[] | null>;
}

/** How long a question waits for PostgreSQL's search before the local index answers it. */
export const SEARCH_TIMEOUT_MS = 2000;

/** bm25's column weights, as store/unit-store.ts gives them to FTS5. */
const OWN_WEIGHT = 1.0;
const CONTEXT_WEIGHT = 0.4;

/**
 * The candidates of a question, best bm25 first, exactly as SQLite's FTS5 orders them: the same
 * terms in the same order, each term's IDF from the whole index (FTS5 counts the rows holding it,
 * in either column, whatever the plans asked), the average length from unit_corpus, ties broken by
 * insertion order (the id).
 */
const SEARCH = `
WITH corpus AS (SELECT greatest(units, 1) AS n, tokens FROM unit_corpus),
query AS (
  SELECT array_agg(t.term ORDER BY t.ord) AS terms,
         array_agg(CASE WHEN x.idf <= 0 THEN 1e-6::float8 ELSE x.idf END ORDER BY t.ord) AS idf
  FROM unnest($1::text[]) WITH ORDINALITY AS t (term, ord)
  CROSS JOIN corpus
  CROSS JOIN LATERAL (
    SELECT count(*) AS hit FROM units WHERE terms @@ quote_literal(t.term)::tsquery
  ) AS h
  CROSS JOIN LATERAL (
    SELECT ln(((corpus.n - h.hit)::float8 + 0.5) / (h.hit::float8 + 0.5)) AS idf
  ) AS x
),
hits AS (
  SELECT u.ref, u.plan_id, u.kind, u.scope, u.own, u.context,
         row_number() OVER (ORDER BY boussole_bm25(u.own_terms, u.context_terms, query.terms, query.idf,
                                                   corpus.tokens::float8 / corpus.n::float8, $4, $5), u.id) AS rank
  FROM units u, query, corpus
  WHERE u.terms @@ $2::tsquery AND ($3::text[] IS NULL OR u.plan_id = ANY ($3::text[]))
  ORDER BY rank
  LIMIT $6
),
published AS (
  SELECT coalesce(string_agg(id || ':' || signature, ',' ORDER BY id), '') = $7 AS same FROM plans
)
-- One row even without a hit: whether the plans are this replica's is always answered.
SELECT published.same, hits.ref, hits.plan_id, hits.kind, hits.scope, hits.own, hits.context
FROM published LEFT JOIN hits ON published.same
ORDER BY hits.rank`;

/** The plans a replica holds, as \`published\` above compares them: id and signature, by id. */
export function planDigest(db: Db): string {
  return (db.prepare('SELECT id, signature FROM plans ORDER BY id').raw().all() as [string, string][])
    .map(([id, signature]) => `${id}:${signature}`)
    .join(',');
}

/** `digest`: the replica's plans (planDigest), read at each search: an ingest changes them. */
export function createPgUnitSearch(pool: Pool, digest: () => string): UnitSearch {
  return {
    async search(stems, plans, limit) {
      const terms = matchTerms(stems);
      if (!terms.length || (plans && !plans.length)) return [];
      // Terms are letters, digits and "+" (matchTerms): quoted, each is one lexeme, never syntax.
      const match = terms.map((term) => `'${term}'`).join(' | ');
      // query_timeout is read per query by pg's client (client.js) though its types omit it.
      const query: QueryArrayConfig & { query_timeout: number } = {
        text: SEARCH,
        values: [terms, match, plans ? [...plans] : null, OWN_WEIGHT, CONTEXT_WEIGHT, limit, digest()],
        rowMode: 'array',
        // A question waits for this at most: past it the replica's own index answers (app/unit-index.ts).
        query_timeout: SEARCH_TIMEOUT_MS,
      };
      const { rows } = await pool.query(query);
      const found = rows as [boolean, ...UnitRow][];
      if (!found[0]?.[0]) return null;
      return found.filter((row) => row[1] !== null).map((row) => toUnit(row.slice(1) as UnitRow));
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
