/**
 * Long writes of a command (import, ingest) go in short transactions with a pause between them.
 * better-sqlite3 waits for the lock synchronously, so a command that held it for seconds would
 * freeze the assistant serving Slack and Teams in the meantime, and past its busy timeout make it
 * fail. SQLite's busy handler retries at most every 100 ms: a pause longer than that lets a waiting
 * writer in between two batches.
 */
export const BATCH_PAUSE_MS = 120;
/** What a batch aims to hold the lock for; its size adapts to the speed of the machine. */
export const BATCH_TARGET_MS = 100;
const FIRST_BATCH = 200;
const MAX_BATCH = 20_000;

/** Runs `write` on consecutive slices of `items`, pausing between slices; returns the results in order. */
export async function writeInBatches<T, R>(
  items: readonly T[],
  write: (batch: T[]) => R | Promise<R>,
  options: { pauseMs?: number; targetMs?: number } = {},
): Promise<R[]> {
  const pauseMs = options.pauseMs ?? BATCH_PAUSE_MS;
  const targetMs = options.targetMs ?? BATCH_TARGET_MS;
  const results: R[] = [];
  let size = FIRST_BATCH;
  for (let start = 0; start < items.length; ) {
    if (start > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const began = performance.now();
    results.push(await write(items.slice(start, start + size)));
    start += size;
    const perItem = Math.max(0.001, (performance.now() - began) / size);
    size = Math.max(1, Math.min(MAX_BATCH, Math.floor(targetMs / perItem)));
  }
  return results;
}
