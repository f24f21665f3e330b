import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { openContext } from '../../src/context.ts';
import { createLogger } from '../../src/log.ts';
import { tempDir } from '../helpers/plans.ts';
const { dir } = tempDir('prof-');
const ctx = openContext(loadConfig(process.env.SCALE ? { BOUSSOLE_DB: '/tmp/scale50/bench.db', BOUSSOLE_DATA_DIR: '/tmp/scale50/data' } : { BOUSSOLE_DB: path.join(dir, 'p.db') }), createLogger('silent'));
const a = ctx.answerer();
const q = process.argv[2] as string;
a.ask(q);
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
for (let i = 0; i < 30; i++) a.ask(q);
const { profile } = await s.post('Profiler.stop') as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] } };
const byId = new Map(profile.nodes.map((n) => [n.id, n])); const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const counts = new Map<number, number>(); profile.samples.forEach((sm, i) => counts.set(sm, (counts.get(sm) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const incl = new Map<string, number>(); const self = new Map<string, number>();
for (const [id, t] of counts) { let cur: number | undefined = id; const seen = new Set<string>(); let first = true;
  while (cur !== undefined) { const n = byId.get(cur)!; const k = `${n.callFrame.functionName} ${n.callFrame.url.split('/').slice(-1)[0]}:${n.callFrame.lineNumber}`;
    if (first) { self.set(k, (self.get(k) ?? 0) + t); first = false; }
    if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + t); seen.add(k); } cur = parent.get(cur); } }
console.log('--- inclusive'); for (const [k, t] of [...incl].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log((t / 30000).toFixed(2), k);
console.log('--- self'); for (const [k, t] of [...self].sort((x, y) => y[1] - x[1]).slice(0, 15)) console.log((t / 30000).toFixed(2), k);
