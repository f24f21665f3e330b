import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/app/cli.ts';
import { type AppContext, openContext } from '../../src/app/context.ts';
import { postgresStores, type SharedStores } from '../../src/app/stores.ts';
import { sharedSearchIndex } from '../../src/app/unit-index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { openPool } from '../../src/store/postgres/connect.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import {
  createPgUnitSearch,
  planDigest,
  publishUnits,
  type UnitSearch,
} from '../../src/store/postgres/unit-search.ts';
import { createUnitIndex } from '../../src/store/unit-store.ts';
import { EVAL_DIR } from '../helpers/eval-norm.ts';
import { scoreSet } from '../helpers/eval-score.ts';
import { captureIO, tempDir, testContext } from '../helpers/plans.ts';
import { postgresGate, scratchSchema } from '../helpers/postgres.ts';
import { expectSameSearches, recordSearches, refs } from '../helpers/searches.ts';

// Issue 17: PostgreSQL's full-text search of the answer units gives the answers SQLite's FTS5
// gives, on every search the question sets make and on the evaluation scores.
const gate = await postgresGate();

describe.runIf(gate.failure)('PostgreSQL under CI', () => {
  it('is reachable', () => {
    throw new Error(gate.failure ?? '');
  });
});

describe.runIf(gate.run)('the answer units searched on PostgreSQL', () => {
  const cleanups: (() => unknown)[] = [];
  let ctx: AppContext & { cleanup: () => void };
  let url: string;
  let pool: Pool;
  let shared: UnitSearch;
  beforeAll(async () => {
    ctx = testContext();
    cleanups.push(() => ctx.cleanup());
    const schema = await scratchSchema();
    cleanups.push(schema.drop);
    url = schema.url;
    pool = await openPool({ url, poolSize: 4 });
    cleanups.push(() => pool.end());
    await migratePostgres(pool);
    await publishUnits(pool, ctx.db);
    shared = createPgUnitSearch(pool, () => planDigest(ctx.db));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('finds the units FTS5 finds, in the same order, for every search the question sets make', async () => {
    // The searches the real answerer makes, recorded on the local index.
    const { calls } = await recordSearches(ctx.answerer());
    // FTS5 itself, not the copy in memory the shipped plans are searched with (unit-memory.test.ts).
    const fts5 = createUnitIndex(ctx.db, { memoryMaxChars: 0 });
    await expectSameSearches(
      calls,
      (...call) => fts5.search(...call),
      (...call) => shared.search(...call),
    );
  });

  it('gives the same evaluation scores as SQLite, the search served by PostgreSQL', async () => {
    const { dir, cleanup } = tempDir('boussole-pg-eval-');
    cleanups.push(cleanup);
    const config = loadConfig({ BOUSSOLE_DB: path.join(dir, 'replica.db'), BOUSSOLE_DATABASE_URL: url });
    const stores = await postgresStores({ url, poolSize: 2 }, config);
    cleanups.push(() => stores.close());
    let served = 0;
    let declined = 0;
    const counted: SharedStores = {
      ...stores,
      unitSearch: (db) => {
        const inner = stores.unitSearch?.(db) as UnitSearch;
        return {
          async search(...args) {
            const found = await inner.search(...args);
            if (found) served++;
            else declined++;
            return found;
          },
        };
      },
    };
    const replica = openContext(config, createLogger('silent'), { stores: counted });
    cleanups.push(() => replica.close());
    await counted.publishPlans(replica.db);
    for (const file of [
      path.join(EVAL_DIR, 'dev-questions.json'),
      path.join(EVAL_DIR, 'dev-questions-2.json'),
    ]) {
      const onSqlite = await scoreSet(ctx.answerer(), file);
      const onPostgres = await scoreSet(replica.answerer(), file);
      expect(onPostgres.line).toBe(onSqlite.line);
      expect(onPostgres.passed).toEqual(onSqlite.passed);
    }
    expect(served).toBeGreaterThan(100);
    expect(declined).toBe(0);
  });

  it('publishes once, replaces a plan that changed and removes one the replica no longer has', async () => {
    const schema = await scratchSchema();
    cleanups.push(schema.drop);
    const [first, second] = await Promise.all([
      openPool({ url: schema.url, poolSize: 2 }),
      openPool({ url: schema.url, poolSize: 2 }),
    ]);
    cleanups.push(
      () => first.end(),
      () => second.end(),
    );
    await migratePostgres(first);
    const replica = testContext();
    cleanups.push(() => replica.cleanup());
    const plans = replica.library().plans.map((plan) => plan.id);
    const localUnits = replica.db.prepare('SELECT count(*) FROM units').pluck().get() as number;
    // Two replicas starting together: one publishes, the other finds it done.
    const reports = await Promise.all([publishUnits(first, replica.db), publishUnits(second, replica.db)]);
    expect(reports.map((r) => r.published.length).sort()).toEqual([0, plans.length]);
    const count = async () => Number((await first.query('SELECT count(*) AS n FROM units')).rows[0].n);
    expect(await count()).toBe(localUnits);
    const corpus = (await first.query('SELECT units, tokens FROM unit_corpus')).rows[0];
    expect(Number(corpus.units)).toBe(localUnits);
    expect(await publishUnits(first, replica.db)).toEqual({ published: [], removed: [] });

    // A plan re-ingested with other content: only it is written again.
    const [changed, gone] = plans as [string, string];
    replica.db.prepare("UPDATE plans SET signature = signature || '-v2' WHERE id = ?").run(changed);
    expect(await publishUnits(first, replica.db)).toEqual({ published: [changed], removed: [] });
    // A plan this replica no longer has leaves PostgreSQL with its units.
    replica.db.prepare('DELETE FROM plans WHERE id = ?').run(gone);
    const goneUnits = Number(
      (await first.query('SELECT count(*) AS n FROM units WHERE plan_id = $1', [gone])).rows[0].n,
    );
    expect(goneUnits).toBeGreaterThan(0);
    expect(await publishUnits(first, replica.db)).toEqual({ published: [], removed: [gone] });
    expect(await count()).toBe(localUnits - goneUnits);
    expect(Number((await first.query('SELECT units FROM unit_corpus')).rows[0].units)).toBe(
      localUnits - goneUnits,
    );
    // The terms' document frequencies follow the units, as FTS5's vocabulary does.
    const docs = (await first.query('SELECT term, docs FROM unit_term_docs ORDER BY term')).rows.map(
      (row) => `${row.term}:${row.docs}`,
    );
    const expected = (
      await first.query(
        'SELECT term, count(*) AS docs FROM units, unnest(tsvector_to_array(terms)) AS term GROUP BY term ORDER BY term',
      )
    ).rows.map((row) => `${row.term}:${row.docs}`);
    expect(docs).toEqual(expected);
    expect(docs.length).toBeGreaterThan(1000);
  });

  it('answers from the local index, the same units, when PostgreSQL holds other plans or does not answer', async () => {
    const local = createUnitIndex(ctx.db);
    const warnings = new PassThrough();
    const logged: string[] = [];
    warnings.on('data', (chunk: Buffer) => logged.push(chunk.toString()));
    const log = createLogger('warn', warnings);
    const stems = ['fait', 'numer', 'cantal'];
    const expected = refs(await local.search(stems, null, 50));
    expect(expected?.length).toBeGreaterThan(5);

    // Published by a replica with other plans: PostgreSQL's answer would not be ours.
    const otherPlans = createPgUnitSearch(pool, () => `${planDigest(ctx.db)},autre-plan:1`);
    expect(await otherPlans.search(stems, null, 50)).toBeNull();
    const index = sharedSearchIndex(local, otherPlans, log);
    expect(refs(await index.search(stems, null, 50))).toEqual(expected);
    expect(refs(await index.search(stems, null, 50))).toEqual(expected);

    // The database gone: same answer, one warning for the outage.
    const dead = await openPool({ url, poolSize: 1 });
    await dead.end();
    const down = sharedSearchIndex(
      local,
      createPgUnitSearch(dead, () => planDigest(ctx.db)),
      log,
    );
    expect(refs(await down.search(stems, null, 50))).toEqual(expected);
    expect(refs(await down.search(stems, null, 50))).toEqual(expected);
    await new Promise((resolve) => setImmediate(resolve));
    const lines = logged.join('').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/other plans/u);
    expect(lines[1]).toMatch(/search failed/u);
  });

  it('answers from the local index when PostgreSQL is slow or busy, and keeps its connections usable', async () => {
    const local = createUnitIndex(ctx.db);
    const log = createLogger('silent');
    const stems = ['lectur', 'ecrit', 'cantal'];
    const expected = refs(await local.search(stems, null, 50));
    const slow = await openPool({ url, poolSize: 2 });
    cleanups.push(() => slow.end());
    const search = createPgUnitSearch(slow, () => planDigest(ctx.db), 1);
    const index = sharedSearchIndex(local, search, log);
    // Another session holds the units: a search there waits.
    const blocker = await pool.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE units IN ACCESS EXCLUSIVE MODE');
    try {
      const started = Date.now();
      const waiting = index.search(stems, null, 50);
      // The replica's one search slot is taken: the next question does not queue behind it.
      expect(await search.search(stems, null, 50)).toBe('busy');
      expect(refs(await index.search(stems, null, 50))).toEqual(expected);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(refs(await waiting)).toEqual(expected);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    // The abandoned search finishes in the background; the pool then serves searches again.
    const deadline = Date.now() + 5000;
    let again = await search.search(stems, null, 50);
    while (again === 'busy' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await search.search(stems, null, 50);
    }
    expect(refs(again)).toEqual(expected);
  });

  it('`boussole ask` on PostgreSQL publishes the plans and answers as on SQLite', async () => {
    const schema = await scratchSchema();
    cleanups.push(schema.drop);
    const { dir, cleanup } = tempDir('boussole-pg-ask-');
    cleanups.push(cleanup);
    const question = 'Quelles actions pour les faits numériques dans le Cantal ?';
    const onSqlite = captureIO();
    expect(
      await runCli(['ask', '--json', question], onSqlite.io, { BOUSSOLE_DB: path.join(dir, 'a.db') }),
    ).toBe(0);
    const onPostgres = captureIO();
    const env = { BOUSSOLE_DB: path.join(dir, 'b.db'), BOUSSOLE_DATABASE_URL: schema.url };
    expect(await runCli(['ask', '--json', question], onPostgres.io, env)).toBe(0);
    expect(onPostgres.stderr()).toBe('');
    expect(JSON.parse(onPostgres.stdout()).citations).toEqual(JSON.parse(onSqlite.stdout()).citations);
    expect(JSON.parse(onPostgres.stdout()).citations.length).toBeGreaterThan(0);
    const check = await openPool({ url: schema.url, poolSize: 1 });
    cleanups.push(() => check.end());
    expect(Number((await check.query('SELECT count(*) AS n FROM units')).rows[0].n)).toBeGreaterThan(500);
  });
});
