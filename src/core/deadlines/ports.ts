import type { DateRule, Deadline, DueSend, Snooze } from './types.ts';

/** A reminder row as the sweep claimed it. `ref` is short and goes in button ids (snooze). */
export interface ClaimedSend {
  ref: string;
  send: DueSend;
  /** An earlier attempt of this key was claimed before (it may have been delivered). */
  redelivery: boolean;
}

/** Who claims a send, and for how long, before another sweep may claim it again. */
export interface Lease {
  /** The claiming process, "host:pid:token". */
  owner: string;
  until: Date;
}

/**
 * The deadlines' port to the store: SQLite (src/store) or PostgreSQL (src/store/postgres), shared
 * by every replica, so it is asynchronous.
 */
export interface DeadlineRepository {
  list(): Promise<Deadline[]>;
  get(id: string): Promise<Deadline | undefined>;
  add(deadline: Omit<Deadline, 'id'>, by: string): Promise<Deadline>;
  update(
    id: string,
    change: { rule?: DateRule; owners?: string[]; leads?: number[] },
  ): Promise<Deadline | undefined>;
  remove(id: string): Promise<boolean>;
  /**
   * Adds and updates (owners, leads) deadlines in one transaction: all are written or none.
   * Returns what was stored.
   */
  apply(
    changes: { add: Omit<Deadline, 'id'>[]; update: Deadline[] },
    by: string,
  ): Promise<{ added: Deadline[]; changed: Deadline[] }>;
  /**
   * Keys that must not be sent now: sent, covered, claimed under a lease still running, and those
   * tried too often. A claim whose lease ran out is not settled: it is claimed and sent again.
   */
  settledKeys(at: Date): Promise<Set<string>>;
  /**
   * Claims a send and the keys it covers, atomically, under a lease. Undefined when another sweep
   * holds it (lease running) or it is settled: then it must not be sent.
   */
  claim(send: DueSend, at: Date, lease: Lease): Promise<ClaimedSend | undefined>;
  /** Owners of the claims whose lease is still running (the sweep checks whether they are alive). */
  leaseOwners(at: Date): Promise<string[]>;
  /** Ends the leases of a process known to be gone, so its claims are sent again now. */
  releaseLeases(owner: string, at: Date): Promise<number>;
  markSent(key: string, at: Date): Promise<void>;
  markFailed(key: string, error: string): Promise<void>;
  sendByRef(ref: string): Promise<(DueSend & { state: string }) | undefined>;
  snoozes(): Promise<Snooze[]>;
  snooze(snooze: Snooze): Promise<void>;
}
