/**
 * What a failed SQLite call means for the person waiting for an answer: the database is busy with
 * another process (try again in a moment), or it cannot be written at all (full disk, read-only or
 * broken file: someone must act). Other errors are not the store's.
 */
export type StoreFailure = 'busy' | 'unwritable';

export function storeFailureOf(error: unknown): StoreFailure | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (/^SQLITE_(?:BUSY|LOCKED)/u.test(code)) return 'busy';
  if (/^SQLITE_(?:FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|PERM)/u.test(code)) return 'unwritable';
  return undefined;
}
