import type { PlanShelf } from '../core/plans/library.ts';
import type { NodeKind, ParsedPlan, Passage, PlanMeta, PlanNode } from '../core/plans/types.ts';
import { answerUnitsOf } from '../core/query/rank/units.ts';
import { contentStems } from '../core/text/stem.ts';
import type { Db } from './db.ts';

/**
 * Node columns in the order of NodeRow. Nodes are read as arrays rather than objects: better-sqlite3
 * builds those several times faster, and listing every node is on the start-up path of each answer.
 */
const NODE_COLUMNS =
  'id, plan_id, parent_id, kind, ord, label, text, title, summary, scope, file, line_first, line_last, page, heading';
type NodeRow = [
  id: string,
  planId: string,
  parentId: string | null,
  kind: NodeKind,
  ord: number,
  label: string | null,
  text: string,
  title: string | null,
  summary: string | null,
  scope: string,
  file: string,
  lineFirst: number,
  lineLast: number,
  page: number | null,
  heading: string | null,
];

interface PlanRow {
  id: string;
  title: string;
  short_title: string;
  academie: string;
  period: string;
  kind: string;
  file: string;
  aliases: string;
  item_names: string;
  profile: string;
  signature: string;
}

export interface StoredPlan extends PlanMeta {
  signature: string;
}

const toNode = ([
  id,
  planId,
  parentId,
  kind,
  ord,
  label,
  text,
  title,
  summary,
  scope,
  file,
  lineFirst,
  lineLast,
  page,
  heading,
]: NodeRow): PlanNode => ({
  id,
  planId,
  parentId,
  kind,
  ord,
  label,
  text,
  title,
  summary: summary ? JSON.parse(summary) : null,
  scope,
  source: { file, lines: [lineFirst, lineLast], page },
  heading,
});

const toPlan = (row: PlanRow): StoredPlan => ({
  id: row.id,
  title: row.title,
  shortTitle: row.short_title,
  academie: row.academie,
  period: row.period,
  kind: row.kind,
  file: row.file,
  aliases: JSON.parse(row.aliases),
  itemNames: JSON.parse(row.item_names),
  profile: row.profile,
  signature: row.signature,
});

/**
 * Replaces one plan's tree, passages and index in a single transaction. The stems are computed
 * before it opens, so the write lock is held for the inserts only.
 */
export function writePlan(db: Db, plan: ParsedPlan, signature: string): void {
  const { meta } = plan;
  const insertNode = db.prepare(
    `INSERT INTO nodes (id, plan_id, parent_id, kind, ord, label, text, title, summary, scope, file, line_first, line_last, page, heading)
     VALUES (@id, @plan_id, @parent_id, @kind, @ord, @label, @text, @title, @summary, @scope, @file, @line_first, @line_last, @page, @heading)`,
  );
  const insertPassage = db.prepare(
    `INSERT INTO passages (id, plan_id, node_id, text, scope, file, line_first, line_last, page)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFts = db.prepare(
    'INSERT INTO search_fts (ref, plan, kind, text, stems) VALUES (?, ?, ?, ?, ?)',
  );
  const insertUnit = db.prepare(
    'INSERT INTO units (ref, plan_id, kind, scope, own, context) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const indexedOf = (node: ParsedPlan['nodes'][number]) =>
    node.summary ? `${node.text}\n${node.summary.text}` : node.text;
  const nodeStems = plan.nodes.map((node) =>
    node.kind === 'plan' ? '' : contentStems(indexedOf(node)).join(' '),
  );
  const passageStems = plan.passages.map((passage) => contentStems(passage.text).join(' '));
  // Stemmed before the transaction: the write lock is held for writing only.
  const units = answerUnitsOf(plan).map((unit) => ({
    ...unit,
    ownStems: contentStems(unit.own).join(' '),
    contextStems: contentStems(unit.context).join(' '),
  }));
  db.transaction(() => {
    db.prepare('DELETE FROM search_fts WHERE plan = ?').run(meta.id);
    // Explicitly, not by cascade: the trigger that keeps the full-text index in step runs per row.
    db.prepare('DELETE FROM units WHERE plan_id = ?').run(meta.id);
    db.prepare('DELETE FROM plans WHERE id = ?').run(meta.id);
    db.prepare(
      `INSERT INTO plans (id, title, short_title, academie, period, kind, file, aliases, item_names, profile, signature, ingested_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      meta.id,
      meta.title,
      meta.shortTitle,
      meta.academie,
      meta.period,
      meta.kind,
      meta.file,
      JSON.stringify(meta.aliases),
      JSON.stringify(meta.itemNames ?? {}),
      meta.profile,
      signature,
      new Date().toISOString(),
    );
    for (const [i, node] of plan.nodes.entries()) {
      insertNode.run({
        id: node.id,
        plan_id: node.planId,
        parent_id: node.parentId,
        kind: node.kind,
        ord: node.ord,
        label: node.label,
        text: node.text,
        title: node.title,
        summary: node.summary ? JSON.stringify(node.summary) : null,
        scope: node.scope,
        file: node.source.file,
        line_first: node.source.lines[0],
        line_last: node.source.lines[1],
        page: node.source.page,
        heading: node.heading,
      });
      if (node.kind !== 'plan') insertFts.run(node.id, node.planId, node.kind, indexedOf(node), nodeStems[i]);
    }
    for (const [i, passage] of plan.passages.entries()) {
      insertPassage.run(
        passage.id,
        passage.planId,
        passage.nodeId,
        passage.text,
        passage.scope,
        passage.source.file,
        passage.source.lines[0],
        passage.source.lines[1],
        passage.source.page,
      );
      insertFts.run(passage.id, passage.planId, 'passage', passage.text, passageStems[i]);
    }
    for (const unit of units) {
      insertUnit.run(unit.ref, unit.planId, unit.kind, unit.scope, unit.ownStems, unit.contextStems);
    }
  })();
}

export function listPlans(db: Db): StoredPlan[] {
  return (db.prepare('SELECT * FROM plans ORDER BY file').all() as PlanRow[]).map(toPlan);
}

export function listNodes(db: Db, planId?: string): PlanNode[] {
  const rows = planId
    ? db.prepare(`SELECT ${NODE_COLUMNS} FROM nodes WHERE plan_id = ? ORDER BY ord`).raw().all(planId)
    : db
        .prepare(
          `SELECT ${NODE_COLUMNS.replace(/\w+/gu, 'n.$&')} FROM nodes n JOIN plans p ON p.id = n.plan_id ORDER BY p.file, n.ord`,
        )
        .raw()
        .all();
  return (rows as NodeRow[]).map(toNode);
}

export function getNode(db: Db, id: string): PlanNode | undefined {
  const row = db.prepare(`SELECT ${NODE_COLUMNS} FROM nodes WHERE id = ?`).raw().get(id) as
    | NodeRow
    | undefined;
  return row ? toNode(row) : undefined;
}

/** The French stems stored with each indexed node and passage, so start-up needn't stem again. */
export function listStems(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT ref, stems FROM search_fts').all() as { ref: string; stems: string }[];
  return new Map(rows.map((row) => [row.ref, row.stems]));
}

/** Every text the full-text index holds: nodes (with their summaries) and passages. */
export function listIndexedTexts(db: Db): string[] {
  return db.prepare('SELECT text FROM search_fts').pluck().all() as string[];
}

/** Replaces the stored word stems (see migration 008). */
export function writeWordStems(db: Db, stems: Map<string, string>): void {
  const insert = db.prepare('INSERT INTO word_stems (word, stem) VALUES (?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM word_stems').run();
    for (const [word, stem] of stems) insert.run(word, stem);
  })();
}

/** The stored word stems, by word. SQLite builds the object as JSON: faster than row by row. */
export function listWordStems(db: Db): Record<string, string> {
  return JSON.parse(
    db.prepare('SELECT json_group_object(word, stem) FROM word_stems').pluck().get() as string,
  );
}

export function listPassages(db: Db, planId?: string): Passage[] {
  const rows = (
    planId
      ? db.prepare('SELECT * FROM passages WHERE plan_id = ? ORDER BY line_first').all(planId)
      : db.prepare('SELECT * FROM passages ORDER BY plan_id, line_first').all()
  ) as {
    id: string;
    plan_id: string;
    node_id: string;
    text: string;
    scope: string;
    file: string;
    line_first: number;
    line_last: number;
    page: number | null;
  }[];
  return rows.map((row) => ({
    id: row.id,
    planId: row.plan_id,
    nodeId: row.node_id,
    text: row.text,
    scope: row.scope,
    source: { file: row.file, lines: [row.line_first, row.line_last], page: row.page },
  }));
}

export interface FtsHit {
  ref: string;
  plan: string;
  kind: string;
  /** bm25 score, lower is better (SQLite's convention). */
  rank: number;
}

/** Runs an FTS5 MATCH expression (already built from sanitised terms) and returns hits best first. */
export function searchFts(db: Db, match: string, limit = 200): FtsHit[] {
  return db
    .prepare(
      `SELECT ref, plan, kind, bm25(search_fts, 0, 0, 0, 1.0, 1.5) AS rank
       FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?`,
    )
    .all(match, limit) as FtsHit[];
}

/** The plans' shelf over SQLite: each plan read when a question first needs it (PlanLibrary). */
export function createPlanShelf(db: Db): PlanShelf {
  const ofKind = db.prepare(`SELECT ${NODE_COLUMNS} FROM nodes WHERE kind = ? ORDER BY plan_id, ord`).raw();
  const byShort = db.prepare(`SELECT ${NODE_COLUMNS} FROM nodes WHERE id LIKE '%:' || ? ESCAPE '\\'`).raw();
  return {
    plans: () => listPlans(db),
    nodes: (planId) => listNodes(db, planId),
    passages: (planId) => listPassages(db, planId),
    nodesOfKind: (kind) => (ofKind.all(kind) as NodeRow[]).map(toNode),
    findShort: (short) =>
      (byShort.all(short.replace(/[\\%_]/gu, (c) => `\\${c}`)) as NodeRow[])
        .map(toNode)
        .filter((node) => node.id.endsWith(`:${short}`)),
  };
}
