import type { AppContext } from '../../src/app/context.ts';
import type { MeasurementStatus } from '../../src/core/measurements/types.ts';

/** The day the progress tests live on: after the 30 June 2026 reporting date, in 2026-2027. */
export const PROGRESS_NOW = new Date('2026-11-16T10:00:00Z');

/** The shipped indicators the progress tests record against (Feuille de route CASF, Clermont). */
export const IDS = {
  numbers: 'cf-casf-2025:i0ab56d1', // % d'élèves groupe 3 faits numériques
  automatisms: 'cf-casf-2025:i64fd8ae', // % d'élèves groupe 3 automatismes
  reading: 'cf-casf-2025:i646b5a1', // % d'élèves comprenant un écrit
  textReading: 'cf-casf-2025:i6aef956', // % d'élèves lisant un texte
  constellations: 'cf-casf-2025:i7653901', // Nombre de professeurs travaillant en constellation
} as const;

type Row = [id: string, scope: string, period: string, value: number, status?: MeasurementStatus];

/** Values of several indicators, scopes and periods; one is a proposal not yet validated. */
export const VALUES: Row[] = [
  [IDS.numbers, 'cantal', '2024-2025', 60],
  [IDS.numbers, 'cantal', '2025-2026', 62.5, 'proposed'],
  [IDS.numbers, 'allier', '2025-2026', 55],
  [IDS.automatisms, 'cantal', '2025-2026', 40],
  [IDS.reading, 'haute-loire', '2024-2025', 48],
  [IDS.constellations, 'puy-de-dome', '2024-2025', 10],
  [IDS.constellations, 'puy-de-dome', '2025-2026', 14],
];

/** Targets and baselines: Cantal on track, Allier and the automatismes behind. */
export const TARGETS: [
  id: string,
  scope: string,
  period: string,
  kind: 'target' | 'baseline',
  value: number,
][] = [
  [IDS.numbers, 'cantal', '2025-2026', 'target', 65],
  [IDS.numbers, 'cantal', '2025-2026', 'baseline', 55],
  [IDS.numbers, 'allier', '2025-2026', 'target', 70],
  [IDS.automatisms, 'cantal', '2025-2026', 'target', 60],
  [IDS.constellations, 'puy-de-dome', '2026-2027', 'target', 20],
];

/** Yearly deadlines on 30 June: Haute-Loire missed the 2025-2026 one for reading. */
export const DEADLINES: [id: string, scope: string][] = [
  [IDS.numbers, 'cantal'],
  [IDS.numbers, 'allier'],
  [IDS.reading, 'haute-loire'],
];

/**
 * Records the values, targets and deadlines above through the store's own ports, and fixes the
 * clock of the measurement features (the progress answers read it) at PROGRESS_NOW.
 */
export async function seedProgress(ctx: AppContext): Promise<void> {
  const { repo, deps } = ctx.measurements();
  deps.now = () => PROGRESS_NOW;
  const author = { platform: 'console', userId: 'seed', displayName: 'seed' };
  await repo.importMeasurements(
    VALUES.map(([indicatorId, scope, period, value, status]) => ({
      indicatorId,
      scope,
      period,
      value,
      unit: indicatorId === IDS.constellations ? 'count' : 'percent',
      author,
      status: status ?? 'validated',
    })),
    { actor: 'console:seed', action: 'import', outcome: 'ok' },
  );
  for (const [indicatorId, scope, period, kind, value] of TARGETS)
    await repo.setTarget({ indicatorId, scope, period, kind, value }, 'console:seed');
  for (const [indicatorId, scope] of DEADLINES)
    await ctx.deadlines().repo.add(
      {
        indicatorId,
        scope,
        rule: { kind: 'yearly', month: 6, day: 30 },
        owners: ['console:owner'],
        leads: [14, 7, 1],
      },
      'console:seed',
    );
}
