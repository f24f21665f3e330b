// Child process for the SQLITE_BUSY test: holds the write lock for a while, then commits.
import Database from 'better-sqlite3';

const [dbFile, holdMs] = process.argv.slice(2) as [string, string];
const db = new Database(dbFile);
db.exec('BEGIN IMMEDIATE');
db.prepare(
  "INSERT INTO settings (key, value) VALUES ('lock-test', 'held') ON CONFLICT (key) DO NOTHING",
).run();
process.stdout.write('locked\n');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(holdMs));
db.exec('COMMIT');
db.close();
