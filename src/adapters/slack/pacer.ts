/**
 * Spaces calls per key (a Slack channel): Slack allows about one message per second per channel
 * and answers bursts with 429. Each key queues on its own, so a slow channel delays nobody else.
 */
export interface Pacer {
  /** Resolves when the caller may send to `key`; reserves that slot. */
  wait(key: string): Promise<void>;
}

export function createPacer(intervalMs: number, now: () => number = Date.now): Pacer {
  const nextSlot = new Map<string, number>();
  return {
    async wait(key) {
      const at = now();
      // Keys whose slot has passed carry no information: dropping them keeps the map small.
      for (const [k, slot] of nextSlot) if (slot <= at) nextSlot.delete(k);
      const slot = Math.max(at, nextSlot.get(key) ?? at);
      nextSlot.set(key, slot + intervalMs);
      if (slot > at) await sleep(slot - at);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
