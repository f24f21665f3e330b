import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryShelf, PlanLibrary, type PlanShelf } from '../../../src/core/plans/library.ts';
import type { PlanMeta, PlanNode } from '../../../src/core/plans/types.ts';
import { loadScopes } from '../../../src/data/plans.ts';
import { ROOT_DIR } from '../../../src/platform/paths.ts';

// Issue 14, item 4: start-up memory must not grow with the corpus. The library reads a plan's tree
// when a question first needs it, and keeps a bounded number of trees.
const scopes = loadScopes(path.join(ROOT_DIR, 'data'));

function corpus(size: number) {
  const plans: PlanMeta[] = [];
  const nodes: PlanNode[] = [];
  for (let n = 0; n < size; n++) {
    const id = `p${n}`;
    plans.push({
      id,
      title: `Plan ${n}`,
      shortTitle: `Plan ${n}`,
      academie: 'clermont-ferrand',
      period: '2025-2030',
      kind: 'projet',
      file: `${id}.txt`,
      aliases: [],
      itemNames: {},
      profile: 'casf-markdown',
    });
    const source = { file: `${id}.txt`, lines: [1, 1] as [number, number], page: null };
    const node = (
      suffix: string,
      parentId: string | null,
      kind: PlanNode['kind'],
      ord: number,
    ): PlanNode => ({
      id: suffix ? `${id}:${suffix}` : id,
      planId: id,
      parentId,
      kind,
      ord,
      label: null,
      text: `Texte ${n} ${suffix}`,
      title: null,
      summary: null,
      scope: 'clermont-ferrand',
      source,
      heading: null,
    });
    nodes.push(node('', null, 'plan', 0), node('a1', id, 'axis', 1), node('x1', `${id}:a1`, 'action', 2));
  }
  return { plans, nodes };
}

/** A shelf that counts what it is asked to read. */
function countingShelf(inner: PlanShelf) {
  const reads = { nodes: [] as string[], passages: [] as string[] };
  const shelf: PlanShelf = {
    ...inner,
    nodes: (planId) => {
      reads.nodes.push(planId);
      return inner.nodes(planId);
    },
    passages: (planId) => {
      reads.passages.push(planId);
      return inner.passages(planId);
    },
  };
  return { shelf, reads };
}

describe('the plan library', () => {
  it('reads no plan tree when it opens, only the plans a lookup needs', () => {
    const { plans, nodes } = corpus(300);
    const { shelf, reads } = countingShelf(memoryShelf(plans, nodes, []));
    const library = new PlanLibrary(shelf, scopes);
    expect(library.plans).toHaveLength(300);
    expect(reads.nodes).toEqual([]);
    expect(library.node('p42:x1')?.text).toBe('Texte 42 x1');
    expect(library.descendants('p42').map((node) => node.id)).toEqual(['p42:a1', 'p42:x1']);
    expect(reads.nodes).toEqual(['p42']);
    // Passages are read on first need only.
    expect(reads.passages).toEqual([]);
    library.passagesOf('p42:a1');
    expect(reads.passages).toEqual(['p42']);
  });

  it('keeps a bounded number of trees, the least recently used dropped first', () => {
    const { plans, nodes } = corpus(300);
    const { shelf, reads } = countingShelf(memoryShelf(plans, nodes, []));
    const library = new PlanLibrary(shelf, scopes);
    for (let n = 0; n < 300; n++) library.node(`p${n}:x1`);
    expect(reads.nodes).toHaveLength(300);
    // The most recent ones are still held: no read.
    library.node('p299:x1');
    library.node('p200:x1');
    expect(reads.nodes).toHaveLength(300);
    // The first ones were dropped: read again.
    library.node('p0:x1');
    expect(reads.nodes.at(-1)).toBe('p0');
    expect(reads.nodes).toHaveLength(301);
  });
});
