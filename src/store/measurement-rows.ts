import type { AuditEntry, Draft, DraftFields, NewMeasurement } from '../core/measurements/ports.ts';
import type { RoleGrant } from '../core/measurements/rights.ts';
import type { Measurement, MeasurementStatus, TargetValue } from '../core/measurements/types.ts';

// Rows of the measurement tables (migration 005) and their conversion to the core's types.

export interface MeasurementRow {
  id: string;
  indicator_id: string;
  scope: string;
  period: string;
  value_num: number | null;
  value_text: string | null;
  unit: Measurement['unit'];
  comment: string | null;
  source: string | null;
  author_platform: string;
  author_id: string;
  author_name: string | null;
  recorded_at: string;
  status: MeasurementStatus;
  supersedes: string | null;
}

export interface DraftRow {
  id: string;
  actor: string;
  actor_name: string | null;
  conversation: string;
  message: string;
  fields: string;
  state: Draft['state'];
  measurement_id: string | null;
  created_at: string;
  updated_at: string;
}

export function toMeasurement(row: MeasurementRow): Measurement {
  return {
    id: row.id,
    indicatorId: row.indicator_id,
    scope: row.scope,
    period: row.period,
    value: row.value_num ?? row.value_text ?? '',
    unit: row.unit,
    ...(row.comment ? { comment: row.comment } : {}),
    ...(row.source ? { source: row.source } : {}),
    author: {
      platform: row.author_platform,
      userId: row.author_id,
      ...(row.author_name ? { displayName: row.author_name } : {}),
    },
    recordedAt: row.recorded_at,
    status: row.status,
    ...(row.supersedes ? { supersedes: row.supersedes } : {}),
  };
}

export function toDraft(row: DraftRow): Draft {
  return {
    id: row.id,
    actor: row.actor,
    ...(row.actor_name ? { actorName: row.actor_name } : {}),
    conversation: row.conversation,
    message: row.message,
    fields: JSON.parse(row.fields) as DraftFields,
    state: row.state,
    ...(row.measurement_id ? { measurementId: row.measurement_id } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * An imported row that says what the version in force already says: same value, and a comment or
 * source that is either absent from the row or the same. Recording it again would only add a
 * version and credit the importer with someone else's figure.
 */
export function sameValue(current: MeasurementRow, m: NewMeasurement): boolean {
  const value = typeof m.value === 'number' ? current.value_num === m.value : current.value_text === m.value;
  return (
    value &&
    current.unit === m.unit &&
    (!m.comment || m.comment === current.comment) &&
    (!m.source || m.source === current.source)
  );
}

/** Columns of a measurement, in the order both engines' INSERT lists them. */
export const MEASUREMENT_COLUMNS = [
  'id',
  'indicator_id',
  'scope',
  'period',
  'value_num',
  'value_text',
  'unit',
  'comment',
  'source',
  'author_platform',
  'author_id',
  'author_name',
  'recorded_at',
  'status',
  'supersedes',
  'draft_id',
] as const;

/** The row of a new version: `supersedes` the one in force, saved from `draftId` if any. */
export function measurementRow(
  id: string,
  m: NewMeasurement,
  recordedAt: string,
  supersedes: string | null,
  draftId: string | null,
): Record<(typeof MEASUREMENT_COLUMNS)[number], string | number | null> {
  return {
    id,
    indicator_id: m.indicatorId,
    scope: m.scope,
    period: m.period,
    value_num: typeof m.value === 'number' ? m.value : null,
    value_text: typeof m.value === 'string' ? m.value : null,
    unit: m.unit,
    comment: m.comment ?? null,
    source: m.source ?? null,
    author_platform: m.author.platform,
    author_id: m.author.userId,
    author_name: m.author.displayName ?? null,
    recorded_at: recordedAt,
    status: m.status,
    supersedes,
    draft_id: draftId,
  };
}

/** A new open draft's values, in INSERT column order (id … fields, created_at, updated_at). */
export function draftValues(
  id: string,
  draft: Pick<Draft, 'actor' | 'actorName' | 'conversation' | 'message' | 'fields'>,
  at: string,
): (string | null)[] {
  return [
    id,
    draft.actor,
    draft.actorName ?? null,
    draft.conversation,
    draft.message,
    JSON.stringify(draft.fields),
    at,
    at,
  ];
}

export interface TargetRow {
  indicator_id: string;
  scope: string;
  period: string;
  kind: TargetValue['kind'];
  value: number;
}

/** An audit_log row's values, in column order (at, actor, action, target, outcome, detail, request_id). */
export function auditValues(entry: AuditEntry, at: string, requestId: string | undefined) {
  return [
    at,
    entry.actor,
    entry.action,
    entry.target ?? null,
    entry.outcome,
    entry.detail ?? null,
    requestId ?? null,
  ] as const;
}

export function toTarget(row: TargetRow): TargetValue {
  return {
    indicatorId: row.indicator_id,
    scope: row.scope,
    period: row.period,
    kind: row.kind,
    value: row.value,
  };
}

export interface GrantRow {
  user_key: string;
  role: RoleGrant['role'];
  scope: string;
}

export function toGrant(row: GrantRow): RoleGrant {
  return { userKey: row.user_key, role: row.role, scope: row.scope };
}
