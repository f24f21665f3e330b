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

/** The deadlines' port to the store. Implemented over SQLite in src/store. */
export interface DeadlineRepository {
  list(): Deadline[];
  get(id: string): Deadline | undefined;
  add(deadline: Omit<Deadline, 'id'>, by: string): Deadline;
  update(id: string, change: { rule?: DateRule; owners?: string[]; leads?: number[] }): Deadline | undefined;
  remove(id: string): boolean;
  /**
   * Keys that must not be sent now: sent, covered, claimed under a lease still running, and those
   * tried too often. A claim whose lease ran out is not settled: it is claimed and sent again.
   */
  settledKeys(at: Date): Set<string>;
  /**
   * Claims a send and the keys it covers, atomically, under a lease. Undefined when another sweep
   * holds it (lease running) or it is settled: then it must not be sent.
   */
  claim(send: DueSend, at: Date, lease: Lease): ClaimedSend | undefined;
  /** Owners of the claims whose lease is still running (the sweep checks whether they are alive). */
  leaseOwners(at: Date): string[];
  /** Ends the leases of a process known to be gone, so its claims are sent again now. */
  releaseLeases(owner: string, at: Date): number;
  markSent(key: string, at: Date): void;
  markFailed(key: string, error: string): void;
  sendByRef(ref: string): (DueSend & { state: string }) | undefined;
  snoozes(): Snooze[];
  snooze(snooze: Snooze): void;
}
