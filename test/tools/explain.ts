// Developer aid: shows how a question is understood and scored. Usage: npx tsx test/tools/explain.ts "question"
import path from 'node:path';
import { loadScopes } from '../../src/core/plans/catalog.ts';
import { PlanLibrary } from '../../src/core/plans/library.ts';
import { Answerer } from '../../src/core/query/answerer.ts';
import { loadGlossary } from '../../src/core/query/glossary.ts';
import { openDatabase } from '../../src/store/db.ts';
import { ingestPlans, needsSeeding } from '../../src/store/ingest.ts';
import { listNodes, listPassages, listPlans, listStems } from '../../src/store/plan-store.ts';

const dataDir = path.resolve('data');
const db = openDatabase('/tmp/explain.db');
if (needsSeeding(db, dataDir)) ingestPlans(db, dataDir);
const library = new PlanLibrary(listPlans(db), listNodes(db), listPassages(db), loadScopes(dataDir));
const answerer = new Answerer(library, loadGlossary(dataDir), listStems(db));
const intent = answerer.understand(process.argv[2] ?? '');
console.log(
  JSON.stringify(
    {
      ...intent,
      concepts: intent.concepts.map((c) => ({
        label: c.label,
        group: c.group,
        phrases: c.phrases.map((p) => p.stems.join('+')),
      })),
    },
    null,
    1,
  ),
);
const { retrieval } = answerer.answerIntent(intent);
console.log(retrieval.status, retrieval.reason ?? '', retrieval.kinds);
for (const hit of retrieval.hits)
  console.log(
    hit.reason.padEnd(8),
    hit.own.toFixed(2),
    hit.context.toFixed(2),
    hit.node.kind,
    hit.node.scope,
    hit.node.text.slice(0, 90).replace(/\n/g, ' / '),
  );
