// builds (once) and profiles a 250-plan database in /tmp/scale50
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { openContext } from '../../src/context.ts';
import { createLogger } from '../../src/log.ts';
const dataDir = '/tmp/scale50/data';
if (!existsSync(dataDir)) { console.error('run the bench build first'); process.exit(1); }
const ctx = openContext(loadConfig({ BOUSSOLE_DB: '/tmp/scale50/bench.db', BOUSSOLE_DATA_DIR: dataDir }), createLogger('silent'));
const a = ctx.answerer();
const qs = [...JSON.parse(readFileSync('../shared/eval/dev-questions-2.json','utf8')), ...JSON.parse(readFileSync('../shared/eval/dev-questions.json','utf8'))].map((q: {q: string}) => q.q);
for (const q of qs) a.ask(q);
const times: [number, string][] = [];
for (let r = 0; r < 3; r++) for (const q of qs) { const t = process.hrtime.bigint(); a.ask(q); times.push([Number(process.hrtime.bigint() - t) / 1e6, q]); }
times.sort((x, y) => y[0] - x[0]);
for (const [t, q] of times.slice(0, 8)) console.log(t.toFixed(1), q.slice(0, 90));
const sorted = times.map((t) => t[0]).sort((x, y) => x - y);
console.log('p50', sorted[Math.floor(sorted.length * 0.5)]?.toFixed(2), 'p95', sorted[Math.floor(sorted.length * 0.95)]?.toFixed(2));
