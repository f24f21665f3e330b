// Developer aid: prints the tree parsed from a shipped plan. Usage: npx tsx test/tools/dump-plan.ts 002 [--passages]
import path from 'node:path';
import { parseSource, vocabularyOf } from '../../src/core/ingest/sources.ts';
import { loadScopes, loadShippedSources } from '../../src/data/plans.ts';

const dataDir = path.resolve('data');
const sources = loadShippedSources(dataDir);
const vocabulary = vocabularyOf(sources);
const scopes = loadScopes(dataDir);
const wanted = process.argv[2] ?? '';
for (const source of sources.filter((s) => s.meta.file.startsWith(wanted))) {
  const plan = parseSource(source, vocabulary, scopes);
  const depth = new Map<string, number>();
  for (const node of plan.nodes) {
    const d = node.parentId ? (depth.get(node.parentId) ?? 0) + 1 : 0;
    depth.set(node.id, d);
  }
  const children = new Map<string, typeof plan.nodes>();
  for (const node of plan.nodes) {
    if (!node.parentId) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  const print = (id: string, d: number) => {
    for (const node of children.get(id) ?? []) {
      const text = node.text.replace(/\n/g, ' ⏎ ');
      console.log(
        `${'  '.repeat(d)}${node.kind[0]?.toUpperCase()} [${node.scope}] L${node.source.lines.join('-')} p${node.source.page} ${node.label ?? ''} ${text.slice(0, 150)}`,
      );
      if (node.summary) console.log(`${'  '.repeat(d)}  summary: ${node.summary.text.slice(0, 100)}`);
      if (process.argv.includes('--passages')) {
        for (const p of plan.passages.filter((p) => p.nodeId === node.id))
          console.log(`${'  '.repeat(d + 1)}~ ${p.text.slice(0, 90)}`);
      }
      print(node.id, d + 1);
    }
  };
  const counts: Record<string, number> = {};
  for (const n of plan.nodes) counts[n.kind] = (counts[n.kind] ?? 0) + 1;
  console.log(`== ${plan.meta.id} ${JSON.stringify(counts)} passages=${plan.passages.length}`);
  print(plan.meta.id, 1);
}
