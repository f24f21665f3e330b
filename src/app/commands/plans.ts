import type { AppContext } from '../context.ts';
import { type CommandIO, printJson } from './io.ts';

export function runPlans(ctx: AppContext, io: CommandIO, json: boolean): number {
  const library = ctx.library();
  const rows = library.plans.map((plan) => {
    const counts = { axis: 0, objective: 0, action: 0, indicator: 0 };
    for (const node of library.descendants(plan.id)) {
      if (node.kind in counts) counts[node.kind as keyof typeof counts]++;
    }
    return {
      id: plan.id,
      title: plan.title,
      academie: library.scopes.get(plan.academie)?.name ?? plan.academie,
      period: plan.period,
      kind: plan.kind,
      file: plan.file,
      counts,
    };
  });
  if (json) {
    printJson(io, rows);
    return 0;
  }
  for (const row of rows) {
    const c = row.counts;
    io.out(
      `${row.id.padEnd(14)} ${row.title}\n${' '.repeat(15)}${row.academie} · ${row.period} · ${row.kind} · ${row.file}\n${' '.repeat(15)}${c.axis} axes · ${c.objective} objectifs · ${c.action} actions · ${c.indicator} indicateurs`,
    );
  }
  return 0;
}
