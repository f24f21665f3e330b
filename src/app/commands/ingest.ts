import { PlanInputError } from '../../core/plans/catalog.ts';
import { BATCH_PAUSE_MS } from '../../store/batches.ts';
import { ingestPlans } from '../../store/ingest.ts';
import type { AppContext } from '../context.ts';
import type { CommandIO } from './io.ts';
import { userPath } from './output.ts';

const KIND_LABELS: Record<string, string> = {
  axis: 'axes',
  objective: 'objectifs',
  action: 'actions',
  indicator: 'indicateurs',
};

export function runIngest(ctx: AppContext, io: CommandIO, files: string[], force: boolean): number {
  try {
    const reports = ingestPlans(
      ctx.db,
      ctx.config.dataDir,
      files.map((file) => userPath(ctx.config, file)),
      {
        force,
        referencedIds: ctx.referencedIds,
        pauseMs: BATCH_PAUSE_MS,
      },
    );
    ctx.reloadLibrary();
    for (const report of reports) {
      const counts = Object.entries(report.counts)
        .map(([kind, n]) => `${n} ${KIND_LABELS[kind] ?? kind}`)
        .join(' · ');
      const status = report.status === 'unchanged' ? 'à jour' : 'ingéré';
      io.out(`${report.planId} — ${report.title} : ${counts} (${status})`);
      if (report.orphans.length) {
        io.err(
          `  attention : ${report.orphans.length} élément(s) référencé(s) par des mesures ou échéances n'existent plus dans ce plan : ${report.orphans.join(', ')}`,
        );
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof PlanInputError) {
      io.err(`Ingestion impossible : ${error.message}. La base n'a pas été modifiée.`);
      return 1;
    }
    throw error;
  }
}
