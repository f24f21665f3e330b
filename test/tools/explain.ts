// Developer aid: how questions are read, ranked and scored, in process.
//   npx tsx test/tools/explain.ts "question"            intent, ranking and answer of one question
//   npx tsx test/tools/explain.ts --set FILE.json [--show] [--id ID]   a question set, scored like
//                                                        ../shared/eval/score.mjs, misses explained
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { openContext } from '../../src/context.ts';
import { createLogger } from '../../src/log.ts';
import { tempDir } from '../helpers/plans.ts';
import { norm } from '../helpers/eval-norm.ts';

const args = process.argv.slice(2);
const { dir, cleanup } = tempDir('boussole-explain-');
const ctx = openContext(loadConfig({ BOUSSOLE_DB: path.join(dir, 'explain.db') }), createLogger('silent'));
const answerer = ctx.answerer();

function describe(question: string): string {
  const answer = answerer.ask(question);
  const { intent, retrieval } = answer;
  const lines = [
    `intent: lang=${intent.lang} qtype=${intent.qtype} scopes=${intent.scopes} plans=${intent.planIds} kinds=${intent.kinds}(${intent.kindWord ?? ''}) measure=${intent.measure} prose=${intent.prose} compare=${intent.compare} refs=${JSON.stringify(intent.sectionRefs)} quoted=${JSON.stringify(intent.quoted)} count=${intent.count} unknownPlaces=${intent.unknownPlaces}`,
    `concepts: ${intent.concepts.map((c) => `${c.label}${c.known === 'plans' ? '' : `(${c.known})`}${c.emphasis < 1 ? `×${c.emphasis}` : ''}[${c.phrases.map((p) => `${p.origin[0]}:${p.stems.join('+')}`).join(' | ')}]`).join('  ')}`,
    `status=${retrieval.status} reason=${retrieval.reason ?? ''} confidence=${retrieval.confidence.toFixed(2)} sections=${retrieval.sections.map((s) => s.id)} fallback=${retrieval.academieFallback ?? ''}`,
  ];
  for (const hit of retrieval.hits)
    lines.push(`  ${hit.coverage.toFixed(2)} ${hit.reason} ${hit.kind} ${hit.scope} ${hit.ref}`);
  return lines.join('\n');
}

if (args[0] === '--set') {
  const file = args[1] as string;
  const show = args.includes('--show');
  const only = args.includes('--id') ? args[args.indexOf('--id') + 1] : null;
  const questions = JSON.parse(readFileSync(file, 'utf8')) as {
    id: string;
    q: string;
    expect?: string[];
    forbid?: string[];
    unanswerable?: boolean;
  }[];
  let recall = 0;
  let answerable = 0;
  let strict = 0;
  let unanswerable = 0;
  let refused = 0;
  const counts: number[] = [];
  const classes = new Map<string, number>();
  const tally = (key: string) => classes.set(key, (classes.get(key) ?? 0) + 1);
  for (const q of questions) {
    if (only && q.id !== only) continue;
    const reply = answerer.ask(q.q.replace(/\n/gu, ' ')).reply;
    const citations = reply.citations ?? [];
    const cited = norm(citations.map((c) => c.text).join(' \n '));
    const intent = answerer.understand(q.q);
    const tag = `${intent.lang}/${intent.qtype}${intent.compare ? '/compare' : ''}${intent.kinds.length ? `/${intent.kinds}` : ''}`;
    if (q.unanswerable) {
      unanswerable++;
      const ok = reply.status === 'not_found' || !citations.length;
      if (ok) refused++;
      else {
        tally(`unanswerable answered ${tag}`);
        if (show) console.log(`${q.id} should be not_found: ${q.q}\n${describe(q.q)}\n`);
      }
      continue;
    }
    answerable++;
    if (citations.length) counts.push(citations.length);
    const missing = (q.expect ?? []).filter((s) => !cited.includes(norm(s)));
    const wrong = (q.forbid ?? []).filter((s) => cited.includes(norm(s)));
    recall += 1 - missing.length / (q.expect ?? []).length;
    if (!missing.length && !wrong.length) strict++;
    else
      tally(
        `${reply.status === 'not_found' ? 'refused' : missing.length === (q.expect ?? []).length ? 'all missing' : missing.length ? 'partial' : 'forbidden cited'} ${tag}`,
      );
    if ((missing.length || wrong.length) && show)
      console.log(
        `${q.id} ${q.q}\n   missing: ${JSON.stringify(missing)}\n   wrongly cited: ${JSON.stringify(wrong)}\n${describe(q.q)}\n`,
      );
  }
  if (args.includes('--classes'))
    for (const [key, n] of [...classes].sort((a, b) => b[1] - a[1])) console.log(`  ${n}  ${key}`);
  counts.sort((a, b) => a - b);
  const median = counts.length ? counts[Math.floor((counts.length - 1) / 2)] : 0;
  console.log(
    `${path.basename(file)}: recall ${(recall / Math.max(1, answerable)).toFixed(3)} | strict ${strict}/${answerable} | not_found ${refused}/${unanswerable} | citations median ${median}`,
  );
} else {
  const question = args.join(' ');
  console.log(describe(question));
  console.log(answerer.ask(question).reply.text);
}
ctx.close();
cleanup();
