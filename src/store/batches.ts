/**
 * Long writes of a command (import, ingest) go in short transactions with a pause between them.
 * better-sqlite3 waits for the lock synchronously, so a command that held it for seconds would
 * freeze the assistant serving Slack and Teams in the meantime. SQLite's busy handler retries at
 * most every 100 ms: a pause longer than that lets a waiting writer in between two batches.
 */
export const BATCH_ROWS = 500;
export const BATCH_PAUSE_MS = 120;

/** Runs `write` on consecutive slices of `items`, pausing between slices; returns the results in order. */
export async function writeInBatches<T, R>(
  items: readonly T[],
  write: (batch: T[]) => R,
  options: { size?: number; pauseMs?: number } = {},
): Promise<R[]> {
  const size = Math.max(1, options.size ?? BATCH_ROWS);
  const pauseMs = options.pauseMs ?? BATCH_PAUSE_MS;
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    if (start > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    results.push(write(items.slice(start, start + size)));
  }
  return results;
}
