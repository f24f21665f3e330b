import type { MeasurementDeps } from './deps.ts';
import { isFuturePeriod, shortId } from './evaluate.ts';
import { parseNumber } from './numbers.ts';
import { normalisePeriod } from './periods.ts';
import type { NewMeasurement } from './ports.ts';
import { initialStatus, isAllowed } from './rights.ts';
import type { Measurement, MeasurementAuthor } from './types.ts';
import { checkValue, describeValueProblem } from './units.ts';
import { currentValues } from './views.ts';

/** Columns of the "tableau de suivi"; `import` reads the same names, so an export can be re-imported. */
export const TRACKING_HEADER = [
  'indicateur_id',
  'plan',
  'indicateur',
  'unite',
  'perimetre',
  'periode',
  'valeur',
  'cible',
  'valeur_initiale',
  'statut',
  'auteur',
  'enregistre_le',
  'commentaire',
  'source',
  'mesure_id',
  'remplace',
] as const;

export type TrackingCell = string | number | null;

/**
 * The tracking table: the value in force per indicator × scope × period with its target and
 * baseline (or every version with `allVersions`), plus the targets that have no value yet.
 */
export async function trackingRows(
  deps: MeasurementDeps,
  options: { allVersions?: boolean } = {},
): Promise<TrackingCell[][]> {
  const catalog = deps.catalog();
  const library = deps.library();
  const all = await deps.repo.list();
  const targets = await deps.repo.targets();
  const chosen = options.allVersions ? all : currentValues(all).sort(byIndicatorOrder);
  const rows: TrackingCell[][] = [];
  const seen = new Set<string>();
  const target = (m: { indicatorId: string; scope: string; period: string }, kind: 'target' | 'baseline') =>
    targets.find(
      (x) =>
        x.indicatorId === m.indicatorId && x.scope === m.scope && x.period === m.period && x.kind === kind,
    )?.value ?? null;
  for (const m of chosen) {
    const indicator = catalog.get(m.indicatorId);
    seen.add(`${m.indicatorId}|${m.scope}|${m.period}`);
    rows.push([
      m.indicatorId,
      library.plan(indicator?.node.planId ?? '')?.shortTitle ?? '',
      indicator?.node.text ?? '',
      m.unit,
      m.scope,
      m.period,
      m.value,
      target(m, 'target'),
      target(m, 'baseline'),
      m.status,
      `${m.author.platform}:${m.author.userId}`,
      m.recordedAt,
      m.comment ?? null,
      m.source ?? null,
      m.id,
      m.supersedes ?? null,
    ]);
  }
  for (const x of targets) {
    const key = `${x.indicatorId}|${x.scope}|${x.period}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const indicator = catalog.get(x.indicatorId);
    rows.push([
      x.indicatorId,
      library.plan(indicator?.node.planId ?? '')?.shortTitle ?? '',
      indicator?.node.text ?? '',
      indicator?.unit ?? '',
      x.scope,
      x.period,
      null,
      target(x, 'target'),
      target(x, 'baseline'),
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  }
  return rows;
}

function byIndicatorOrder(a: Measurement, b: Measurement): number {
  return (
    a.indicatorId.localeCompare(b.indicatorId) ||
    a.scope.localeCompare(b.scope) ||
    a.period.localeCompare(b.period)
  );
}

export interface ImportProblem {
  line: number;
  message: string;
}

/**
 * Checks every row of an imported table (header names as in the export; French or English) and
 * returns the measurements to record and a message per invalid row. Nothing is written here.
 * `onBehalfOf` (a user key) has their rights checked per row like in the chat: a contributor's rows
 * are proposed, a validator's validated, anyone else's refused. Without it the rows are the
 * server operator's, validated (see README, « boussole import »).
 */
export async function readImportRows(
  header: string[],
  rows: { line: number; cells: string[] }[],
  deps: MeasurementDeps,
  author: MeasurementAuthor,
  onBehalfOf?: string,
): Promise<{ measurements: NewMeasurement[]; problems: ImportProblem[]; lines: number[] }> {
  const column = (...names: string[]) =>
    header.findIndex((h) => names.includes(h.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')));
  const col = {
    indicator: column('indicateur_id', 'indicator_id', 'indicator', 'id_indicateur'),
    scope: column('perimetre', 'scope', 'departement'),
    period: column('periode', 'period'),
    value: column('valeur', 'value'),
    target: column('cible', 'target'),
    baseline: column('valeur_initiale', 'baseline'),
    comment: column('commentaire', 'comment'),
    source: column('source'),
  };
  const problems: ImportProblem[] = [];
  const missing = (['indicator', 'scope', 'period', 'value'] as const).filter((k) => col[k] < 0);
  if (missing.length) {
    problems.push({
      line: 1,
      message: `colonnes manquantes : ${missing.map((k) => ({ indicator: 'indicateur_id', scope: 'perimetre', period: 'periode', value: 'valeur' })[k]).join(', ')} (l’en-tête attendu est celui de « boussole export »)`,
    });
    return { measurements: [], problems, lines: [] };
  }
  const scopes = deps.library().scopes;
  const catalog = deps.catalog();
  const grants = onBehalfOf ? await deps.repo.grants() : [];
  const measurements: NewMeasurement[] = [];
  const lines: number[] = [];
  for (const { line, cells } of rows) {
    if (cells.every((c) => !c.trim())) continue;
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
    // A row of the export that only carries a target or a baseline (no value yet) is not a value:
    // skipped, so that the tool's own export imports back unchanged.
    if (!cell(col.value) && (cell(col.target) || cell(col.baseline))) continue;
    const errors: string[] = [];
    const indicator = catalog.get(cell(col.indicator));
    if (!indicator) errors.push(`indicateur inconnu « ${cell(col.indicator)} »`);
    const scope = scopes.resolve(cell(col.scope));
    if (!scope) errors.push(`périmètre inconnu « ${cell(col.scope)} »`);
    else if (indicator && !catalog.accepts(indicator, scope.key))
      errors.push(
        `le périmètre ${scope.shortName} n’est pas dans l’académie de l’indicateur ${shortId(indicator.node.id)}`,
      );
    if (scope && onBehalfOf && !isAllowed(grants, deps.admins, onBehalfOf, 'record', scope.key, scopes))
      errors.push(
        `${onBehalfOf} n’a pas le droit de saisir pour ${scope.shortName} (rôle contributeur ou validateur requis : « boussole grant »)`,
      );
    const period = normalisePeriod(cell(col.period));
    if (!period) errors.push(`période illisible « ${cell(col.period)} » (ex. 2025-2026)`);
    else if (isFuturePeriod(period, deps.now())) errors.push(`période future ${period}`);
    let value: number | string | undefined;
    if (indicator) {
      const raw = cell(col.value);
      const percent = /%/u.test(raw);
      value = indicator.unit === 'text' ? raw : (parseNumber(raw.replace(/%/gu, '').trim()) ?? undefined);
      const problem = checkValue(indicator.unit, value, percent && indicator.unit !== 'percent');
      if (problem) errors.push(`valeur « ${raw} » : ${describeValueProblem(problem, 'fr')}`);
    }
    if (errors.length || !indicator || !scope || !period || value === undefined) {
      problems.push({ line, message: errors.join(' ; ') });
      continue;
    }
    const comment = cell(col.comment);
    const source = cell(col.source);
    measurements.push({
      indicatorId: indicator.node.id,
      scope: scope.key,
      period,
      value,
      unit: indicator.unit,
      ...(comment ? { comment } : {}),
      ...(source ? { source } : {}),
      author,
      status: onBehalfOf ? initialStatus(grants, deps.admins, onBehalfOf, scope.key, scopes) : 'validated',
    });
    lines.push(line);
  }
  return { measurements, problems, lines };
}
