import type { DateRule, Deadline, DueSend, Snooze } from './types.ts';

/** A reminder row as the sweep claimed it. `ref` is short and goes in button ids (snooze). */
export interface ClaimedSend {
  ref: string;
  send: DueSend;
}

/** The deadlines' port to the store. Implemented over SQLite in src/store. */
export interface DeadlineRepository {
  list(): Deadline[];
  get(id: string): Deadline | undefined;
  add(deadline: Omit<Deadline, 'id'>, by: string): Deadline;
  update(id: string, change: { rule?: DateRule; owners?: string[]; leads?: number[] }): Deadline | undefined;
  remove(id: string): boolean;
  /** Keys that must not be sent again: sent, covered, claimed (maybe sent before a crash), and failed too often. */
  settledKeys(): Set<string>;
  /**
   * Claims a send and the keys it covers, atomically. False when another sweep (or an earlier
   * run of this one) already claimed it: then it must not be sent.
   */
  claim(send: DueSend, at: Date): ClaimedSend | undefined;
  markSent(key: string, at: Date): void;
  markFailed(key: string, error: string): void;
  sendByRef(ref: string): (DueSend & { state: string }) | undefined;
  snoozes(): Snooze[];
  snooze(snooze: Snooze): void;
}
