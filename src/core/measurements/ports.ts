import type { Lang } from '../kernel/types.ts';
import type { PlanNode } from '../plans/types.ts';
import type { QueryIntent } from '../query/intent.ts';
import type { RoleGrant } from './rights.ts';
import type { Measurement, MeasurementStatus, TargetValue } from './types.ts';

/** What has been understood of a measurement being entered; every piece may still be missing. */
export interface DraftFields {
  lang: Lang;
  indicatorId?: string;
  /** Words that describe the indicator, as typed. */
  indicatorText?: string;
  /** Indicator ids offered as a choice, when the words matched several. */
  candidates?: string[];
  scope?: string;
  period?: string;
  value?: number;
  valueText?: string;
  percent?: boolean;
  textValue?: string;
  comment?: string;
  source?: string;
}

export interface Draft {
  id: string;
  /** "platform:userId" of its author: only they can confirm it. */
  actor: string;
  actorName?: string;
  conversation: string;
  /** What the user typed (all messages of the entry, newest last): never lost. */
  message: string;
  fields: DraftFields;
  state: 'open' | 'saved' | 'cancelled' | 'replaced';
  measurementId?: string;
  createdAt: string;
  updatedAt: string;
}

export type NewMeasurement = Omit<Measurement, 'id' | 'recordedAt' | 'supersedes'>;

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string;
  outcome: 'ok' | 'refused';
  detail?: string;
  /** The request that did it (Actor.requestId); the ambient one (CLI, console) when absent. */
  requestId?: string | undefined;
}

/**
 * The measurements' port to the store: SQLite (src/store) or PostgreSQL (src/store/postgres),
 * shared by every replica, so it is asynchronous.
 */
export interface MeasurementRepository {
  createDraft(
    draft: Pick<Draft, 'actor' | 'actorName' | 'conversation' | 'message' | 'fields'>,
  ): Promise<Draft>;
  getDraft(id: string): Promise<Draft | undefined>;
  /** The newest open draft of an actor in a conversation, if it was touched recently. */
  openDraft(actor: string, conversation: string): Promise<Draft | undefined>;
  updateDraft(id: string, fields: DraftFields, addedMessage?: string): Promise<Draft | undefined>;
  cancelDraft(id: string): Promise<boolean>;
  /**
   * Saves an open draft's measurement exactly once, superseding the value in force for the same
   * indicator, scope and period. A draft already saved returns its measurement with created=false.
   */
  confirmDraft(
    id: string,
    measurement: NewMeasurement,
  ): Promise<{ measurement: Measurement; created: boolean } | { error: 'not_open' }>;
  /**
   * Records a batch of imported values (CSV) in one transaction together with its audit row (whose
   * detail gets the counts). A row equal to the value in force is skipped and counted as unchanged:
   * importing the same file twice changes nothing.
   */
  importMeasurements(
    measurements: NewMeasurement[],
    audit: AuditEntry,
  ): Promise<{ saved: Measurement[]; unchanged: number }>;
  getMeasurement(id: string): Promise<Measurement | undefined>;
  /** The version in force: newest not rejected. */
  current(indicatorId: string, scope: string, period: string): Promise<Measurement | undefined>;
  /** Every version, oldest first. */
  list(filter?: { indicatorId?: string; scope?: string }): Promise<Measurement[]>;
  review(
    id: string,
    status: Exclude<MeasurementStatus, 'proposed'>,
    actor: string,
  ): Promise<Measurement | undefined>;
  /** Targets and baselines in force (latest per key). */
  targets(indicatorId?: string): Promise<TargetValue[]>;
  setTarget(target: TargetValue, by: string): Promise<void>;
  grants(): Promise<RoleGrant[]>;
  grant(grant: RoleGrant, by: string): Promise<boolean>;
  revoke(grant: RoleGrant): Promise<boolean>;
  audit(entry: AuditEntry): Promise<void>;
}

/** What an LLM read from a message: only suggestions, checked and previewed like typed text. */
export interface ExtractedMeasurement {
  indicatorId?: string;
  scope?: string;
  period?: string;
  value?: number;
  percent?: boolean;
  textValue?: string;
  comment?: string;
}

/** Optional free-text reader backed by an LLM (structured outputs); the rule-based parser comes first. */
export interface MeasurementExtractor {
  extract(
    message: string,
    candidates: { id: string; text: string }[],
  ): Promise<ExtractedMeasurement | undefined>;
}

/**
 * How the indicator catalog reads a message's words and scores plan items against them: the
 * question reader of src/core/query (its Answerer), handed in by the composition root, so that the
 * glossary, stemming and typo tolerance work for indicators exactly as in questions.
 */
export interface IndicatorReader {
  understand(text: string): QueryIntent;
  /** Scores of `nodes` (by id) for the concepts of `intent`; a node absent or at 0 does not match. */
  matchNodes(intent: QueryIntent, nodes: PlanNode[]): Map<string, number>;
}
