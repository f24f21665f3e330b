import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type PlanSource, parseSource, vocabularyOf } from '../core/ingest/sources.ts';
import type { ParsedPlan } from '../core/plans/types.ts';
import { stemsOfWords } from '../core/text/stem.ts';
import { loadPlanSource, loadScopes, loadShippedSources } from '../data/plans.ts';
import type { Db } from './db.ts';
import { listIndexedTexts, listPlans, writePlan, writeWordStems } from './plan-store.ts';
import { ensureQueryData } from './query-data.ts';

/** Bump when the parser's output (or what ingest stores) changes, so databases re-ingest on upgrade. */
export const PARSER_VERSION = 8;

export interface IngestReport {
  planId: string;
  title: string;
  counts: Record<string, number>;
  status: 'ingested' | 'unchanged';
  /** Indicators that disappeared although measurements or deadlines point at them. */
  orphans: string[];
}

function signatureOf(source: PlanSource, corpus: string): string {
  return createHash('sha1')
    .update(
      `${PARSER_VERSION}\n${corpus}\n${JSON.stringify(source.meta)}\n${JSON.stringify(source.profile)}\n`,
    )
    .update(source.text)
    .digest('hex');
}

function corpusHash(sources: PlanSource[]): string {
  const hash = createHash('sha1');
  for (const source of sources) hash.update(source.text);
  return hash.digest('hex');
}

function countKinds(plan: ParsedPlan): Record<string, number> {
  const counts: Record<string, number> = { axis: 0, objective: 0, action: 0, indicator: 0 };
  for (const node of plan.nodes) if (node.kind !== 'plan') counts[node.kind] = (counts[node.kind] ?? 0) + 1;
  return counts;
}

/**
 * Ingests plan files (the shipped ones when `files` is empty). Every file is read and parsed
 * before anything is written, so one bad file leaves the database untouched. Unchanged plans
 * (same text, metadata, profile, parser) are skipped: ingesting twice is a no-op. Each plan is
 * written in its own short transaction, then the word stems, with `pauseMs` between them so that
 * the assistant running beside a CLI ingest gets the lock in between; a run cut short is finished
 * by the next one (the fingerprint is written last).
 */
export function ingestPlans(
  db: Db,
  dataDir: string,
  files: string[] = [],
  options: { force?: boolean; referencedIds?: (db: Db) => Set<string>; pauseMs?: number } = {},
): IngestReport[] {
  const shipped = loadShippedSources(dataDir);
  const extra = files.map((file) => loadPlanSource(dataDir, file));
  const targets = files.length ? extra : shipped;
  const all = [...shipped, ...extra.filter((source) => !shipped.some((s) => s.path === source.path))];
  const seen = new Set<string>();
  for (const source of targets) {
    if (seen.has(source.meta.id)) throw new Error(`deux plans portent l'id ${source.meta.id}`);
    seen.add(source.meta.id);
  }
  const vocabulary = vocabularyOf(all);
  const scopes = loadScopes(dataDir);
  const corpus = corpusHash(all);
  const existing = new Map(listPlans(db).map((plan) => [plan.id, plan.signature]));
  const parsed = targets.map((source) => ({
    source,
    signature: signatureOf(source, corpus),
    plan: parseSource(source, vocabulary, scopes),
  }));
  const referenced = options.referencedIds?.(db) ?? new Set<string>();
  const fingerprint = files.length ? null : shippedFingerprint(dataDir);
  const reports: IngestReport[] = [];
  const writes: (() => void)[] = [];
  for (const { source, signature, plan } of parsed) {
    const unchanged = !options.force && existing.get(source.meta.id) === signature;
    const newIds = new Set(plan.nodes.map((node) => node.id));
    const oldIds = (
      db.prepare('SELECT id FROM nodes WHERE plan_id = ?').all(source.meta.id) as { id: string }[]
    ).map((row) => row.id);
    const orphans = oldIds.filter((id) => referenced.has(id) && !newIds.has(id));
    if (!unchanged) writes.push(() => writePlan(db, plan, signature));
    reports.push({
      planId: source.meta.id,
      title: source.meta.shortTitle,
      counts: countKinds(plan),
      status: unchanged ? 'unchanged' : 'ingested',
      orphans,
    });
  }
  const empty = !db.prepare('SELECT 1 FROM word_stems LIMIT 1').get();
  if (empty || writes.length) {
    writes.push(() => {
      const stems = stemsOfWords(listIndexedTexts(db));
      pause(options.pauseMs);
      writeWordStems(db, stems);
      // The glossary's and lexicon's words go back with them.
      ensureQueryData(db, dataDir, { force: true });
    });
  }
  writes.forEach((write, i) => {
    if (i > 0) pause(options.pauseMs);
    write();
  });
  if (fingerprint) rememberFingerprint(db, fingerprint);
  return reports;
}

/** A one-shot command may block: this lets another process take the database lock meanwhile. */
function pause(ms: number | undefined): void {
  if (ms && ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Fingerprint of the shipped data as raw bytes: cheap enough for every start-up, so plans are only
 * read, validated and compared in depth when something actually changed.
 */
export function shippedFingerprint(dataDir: string): string {
  const hash = createHash('sha1').update(`parser ${PARSER_VERSION}\n`);
  for (const dir of ['plans', 'profiles']) {
    for (const name of readdirSync(path.join(dataDir, dir)).sort()) {
      if (!/\.(txt|json)$/u.test(name)) continue;
      hash.update(name).update(readFileSync(path.join(dataDir, dir, name)));
    }
  }
  return hash.update(readFileSync(path.join(dataDir, 'scopes.json'))).digest('hex');
}

/** True when the database lacks a shipped plan or holds an outdated version of one. */
export function needsSeeding(db: Db, dataDir: string): boolean {
  const fingerprint = shippedFingerprint(dataDir);
  const row = db.prepare("SELECT value FROM settings WHERE key = 'shipped_fingerprint'").get() as
    | { value: string }
    | undefined;
  if (row?.value === fingerprint) return false;
  const shipped = loadShippedSources(dataDir);
  const corpus = corpusHash(shipped);
  const stored = new Map(listPlans(db).map((plan) => [plan.id, plan.signature]));
  const outdated = shipped.some((source) => stored.get(source.meta.id) !== signatureOf(source, corpus));
  if (!outdated) rememberFingerprint(db, fingerprint);
  return outdated;
}

export function rememberFingerprint(db: Db, fingerprint: string): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES ('shipped_fingerprint', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(fingerprint);
}

/** Node ids that measurements, deadlines or targets point at (kept in view when re-ingesting). */
export function listReferencedNodeIds(db: Db): Set<string> {
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    ),
  );
  const ids = new Set<string>();
  for (const table of ['measurements', 'deadlines', 'targets']) {
    if (!tables.has(table)) continue;
    for (const row of db.prepare(`SELECT DISTINCT indicator_id AS id FROM ${table}`).all() as {
      id: string;
    }[])
      ids.add(row.id);
  }
  return ids;
}
