import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stemToken } from '../../src/core/text/stem.ts';
import { MIGRATIONS_DIR } from '../../src/platform/paths.ts';
import { openDatabase } from '../../src/store/db.ts';
import { ingestPlans } from '../../src/store/ingest.ts';
import { MigrationError, migrate, readMigrations } from '../../src/store/migrate.ts';
import { listNodes, listWordStems } from '../../src/store/plan-store.ts';
import { DATA_DIR, tempDir } from '../helpers/plans.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
function scratch() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('the store', () => {
  it('opens with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path.join(scratch(), 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('re-ingests unchanged plans as a no-op and keeps every id', () => {
    const db = openDatabase(path.join(scratch(), 'b.db'));
    const first = ingestPlans(db, DATA_DIR);
    expect(first.every((r) => r.status === 'ingested')).toBe(true);
    const idsBefore = listNodes(db).map((n) => n.id);
    const second = ingestPlans(db, DATA_DIR);
    expect(second.every((r) => r.status === 'unchanged')).toBe(true);
    ingestPlans(db, DATA_DIR, [], { force: true });
    expect(listNodes(db).map((n) => n.id)).toEqual(idsBefore);
    expect(new Set(idsBefore).size).toBe(idsBefore.length);
    db.close();
  });

  it('stores the stem of every word of the plans and the glossary, so answering seldom loads the stemmer', () => {
    const db = openDatabase(path.join(scratch(), 'w.db'));
    ingestPlans(db, DATA_DIR);
    const stems = new Map(Object.entries(listWordStems(db)));
    // Written as in the plans and folded as questions are read, both with the stemmer's own stem.
    expect(stems.get('numériques')).toBe(stemToken('numériques'));
    expect(stems.get('numeriques')).toBe(stemToken('numeriques'));
    // English glossary terms are stemmed when their concept comes up.
    expect(stems.get('arithmetic')).toBe(stemToken('arithmetic'));
    db.close();
  });

  it('keeps indicator ids when an unrelated part of a plan changes', () => {
    const dir = scratch();
    const data = path.join(dir, 'data');
    mkdirSync(path.join(data, 'plans'), { recursive: true });
    mkdirSync(path.join(data, 'profiles'), { recursive: true });
    copyFileSync(path.join(DATA_DIR, 'scopes.json'), path.join(data, 'scopes.json'));
    copyFileSync(
      path.join(DATA_DIR, 'profiles', 'casf-markdown.json'),
      path.join(data, 'profiles', 'casf-markdown.json'),
    );
    const name = '002_daa8e2553029d5e7';
    copyFileSync(path.join(DATA_DIR, 'plans', `${name}.json`), path.join(data, 'plans', `${name}.json`));
    copyFileSync(path.join(DATA_DIR, 'plans', `${name}.txt`), path.join(data, 'plans', `${name}.txt`));
    const db = openDatabase(path.join(dir, 'c.db'));
    ingestPlans(db, data);
    const before = listNodes(db)
      .filter((n) => n.kind === 'indicator')
      .map((n) => n.id);
    // An editor adds a sentence to the foreword: the indicators must keep their ids.
    const text = readFileSync(path.join(data, 'plans', `${name}.txt`), 'utf8').replace(
      'Avec toute ma confiance,',
      'Avec toute ma confiance et mes remerciements,',
    );
    writeFileSync(path.join(data, 'plans', `${name}.txt`), text);
    const report = ingestPlans(db, data);
    expect(report[0]?.status).toBe('ingested');
    expect(
      listNodes(db)
        .filter((n) => n.kind === 'indicator')
        .map((n) => n.id),
    ).toEqual(before);
    db.close();
  });
});

describe('migrations', () => {
  function copyMigrations(): string {
    const dir = path.join(scratch(), 'migrations');
    mkdirSync(dir);
    for (const file of readMigrations())
      copyFileSync(path.join(MIGRATIONS_DIR, file.name), path.join(dir, file.name));
    return dir;
  }

  it('records each applied migration with its checksum, once', () => {
    const dir = copyMigrations();
    const db = openDatabase(':memory:');
    expect(migrate(db, dir).applied).toEqual([]);
    const rows = db.prepare('SELECT name, checksum FROM schema_migrations').all() as { checksum: string }[];
    expect(rows).toHaveLength(readMigrations().length);
    expect(rows.every((row) => /^[0-9a-f]{64}$/u.test(row.checksum))).toBe(true);
  });

  it('refuses to start when an applied migration was edited', () => {
    const dir = copyMigrations();
    const db = openDatabase(':memory:');
    const first = readMigrations(dir)[0];
    writeFileSync(path.join(dir, first?.name ?? ''), `${first?.sql}\n-- edited\n`);
    expect(() => migrate(db, dir)).toThrow(MigrationError);
    expect(() => migrate(db, dir)).toThrow(/modifiée/u);
  });

  it('refuses a database that knows a migration this code does not', () => {
    const dir = copyMigrations();
    const db = openDatabase(':memory:');
    db.prepare('INSERT INTO schema_migrations VALUES (999, ?, ?, ?)').run(
      '999_future.sql',
      'x',
      new Date().toISOString(),
    );
    expect(() => migrate(db, dir)).toThrow(/ne connaît pas/u);
  });
});
