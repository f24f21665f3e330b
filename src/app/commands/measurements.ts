import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messages } from '../../core/kernel/messages/index.ts';
import { changeRole } from '../../core/measurements/admin.ts';
import { parseNumber } from '../../core/measurements/numbers.ts';
import { normalisePeriod } from '../../core/measurements/periods.ts';
import { userKeyOf } from '../../core/measurements/rights.ts';
import { readImportRows, TRACKING_HEADER, trackingRows } from '../../core/measurements/tracking.ts';
import { checkValue, describeValueProblem, formatValue } from '../../core/measurements/units.ts';
import { chartSpecOf } from '../../core/measurements/views.ts';
import { CsvError, parseCsv, writeCsv } from '../../render/csv.ts';
import { writeInBatches } from '../../store/batches.ts';
import type { AppContext } from '../context.ts';
import { type CommandIO, printJson, UsageError } from './io.ts';
import { userPath, writeOutput } from './output.ts';

/** Who runs the CLI: a shell on the server is an operator, recorded under their system name. */
function operator(): string {
  return `cli:${os.userInfo().username || 'admin'}`;
}

/** `boussole measurements`: every version, oldest first. */
export async function runMeasurements(
  ctx: AppContext,
  io: CommandIO,
  args: { indicator?: string; scope?: string; json: boolean },
): Promise<number> {
  const { repo, catalog } = ctx.measurements();
  let indicatorId: string | undefined;
  if (args.indicator) {
    indicatorId = catalog.get(args.indicator)?.node.id;
    if (!indicatorId) {
      io.err(
        `Indicateur inconnu : ${args.indicator}. Les identifiants figurent dans « boussole show » et dans les aperçus.`,
      );
      return 1;
    }
  }
  const scope = args.scope ? ctx.library().scopes.resolve(args.scope)?.key : undefined;
  if (args.scope && !scope) {
    io.err(`Périmètre inconnu : ${args.scope}.`);
    return 1;
  }
  const rows = await repo.list({ ...(indicatorId ? { indicatorId } : {}), ...(scope ? { scope } : {}) });
  if (args.json) {
    printJson(
      io,
      rows.map((m) => ({
        id: m.id,
        indicator: m.indicatorId,
        scope: m.scope,
        period: m.period,
        value: m.value,
        unit: m.unit,
        status: m.status,
        author: `${m.author.platform}:${m.author.userId}`,
        author_name: m.author.displayName ?? null,
        recorded_at: m.recordedAt,
        supersedes: m.supersedes ?? null,
        comment: m.comment ?? null,
        source: m.source ?? null,
      })),
    );
    return 0;
  }
  if (!rows.length) io.out('Aucune valeur enregistrée.');
  for (const m of rows) {
    io.out(
      `${m.recordedAt}  ${m.id}  ${m.indicatorId}  ${m.scope}  ${m.period}  ${formatValue(m.value, m.unit, 'fr')}  ${m.status}  ${m.author.platform}:${m.author.userId}${m.supersedes ? `  remplace ${m.supersedes}` : ''}`,
    );
  }
  return 0;
}

export async function runGrant(
  ctx: AppContext,
  io: CommandIO,
  change: 'grant' | 'revoke',
  positionals: string[],
): Promise<number> {
  const [user, role, scope, extra] = positionals;
  if (!user || !role || extra)
    throw new UsageError(`Usage : boussole ${change} UTILISATEUR RÔLE [PÉRIMÈTRE]`);
  const outcome = await changeRole(
    ctx.measurements().repo,
    ctx.library().scopes,
    operator(),
    change,
    user,
    role,
    scope,
  );
  (outcome.ok ? io.out : io.err)(outcome.message);
  return outcome.ok ? 0 : 1;
}

export async function runChart(
  ctx: AppContext,
  io: CommandIO,
  id: string | undefined,
  out: string | undefined,
  force = false,
): Promise<number> {
  if (!id || !out) throw new UsageError('Usage : boussole chart INDICATEUR_ID --out FICHIER.png [--force]');
  const { catalog, deps } = ctx.measurements();
  const indicator = catalog.get(id);
  if (!indicator) {
    io.err(`Indicateur inconnu : ${id}.`);
    return 1;
  }
  if (indicator.unit === 'text') {
    io.err(
      'Cet indicateur est qualitatif : pas de graphique (voyez « boussole measurements --indicator … »).',
    );
    return 1;
  }
  const { renderTrendChart } = await import('../../render/chart.ts');
  const written = writeOutput(
    ctx.config,
    out,
    await renderTrendChart(await chartSpecOf(indicator, deps, 'fr')),
    force,
  );
  if (!written.ok) {
    io.err(written.message);
    return 1;
  }
  io.out(`Graphique écrit : ${written.path}`);
  return 0;
}

export async function runExport(
  ctx: AppContext,
  io: CommandIO,
  args: { format?: string; out?: string; allVersions: boolean; force: boolean },
): Promise<number> {
  const usage = 'Usage : boussole export --format csv|xlsx --out FICHIER [--all-versions] [--force]';
  if (!args.out) throw new UsageError(usage);
  const format = (args.format ?? path.extname(args.out).slice(1)).toLowerCase();
  if (format !== 'csv' && format !== 'xlsx') {
    throw new UsageError(
      args.format
        ? `Format inconnu « ${args.format} » : csv ou xlsx.`
        : `Format introuvable dans « ${args.out} » : ajoutez --format csv ou --format xlsx (ou nommez le fichier .csv ou .xlsx).`,
    );
  }
  const rows = await trackingRows(ctx.measurements().deps, { allVersions: args.allVersions });
  const data =
    format === 'csv'
      ? writeCsv([...TRACKING_HEADER], rows)
      : await (await import('../../render/xlsx.ts')).writeXlsx({
          name: 'Tableau de suivi',
          header: [...TRACKING_HEADER],
          rows,
        });
  const written = writeOutput(ctx.config, args.out, data, args.force);
  if (!written.ok) {
    io.err(written.message);
    return 1;
  }
  io.out(`${rows.length} ligne(s) exportée(s) dans ${written.path}`);
  return 0;
}

/**
 * `boussole import`: all rows or none, unless --partial; every invalid row is reported. Rows equal to
 * the value in force are left alone. Written in batches (see store/batches.ts): an interrupted import
 * keeps its first batches, and running it again only writes what is missing.
 */
export async function runImport(
  ctx: AppContext,
  io: CommandIO,
  args: { file?: string; partial: boolean; as?: string },
): Promise<number> {
  if (!args.file) throw new UsageError('Usage : boussole import FICHIER.csv [--partial] [--as NOM]');
  let text: string;
  try {
    text = readFileSync(userPath(ctx.config, args.file), 'utf8');
  } catch {
    io.err(`Fichier introuvable ou illisible : ${args.file}`);
    return 1;
  }
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) {
      io.err(`CSV invalide : ${error.message}`);
      return 1;
    }
    throw error;
  }
  const onBehalfOf = args.as === undefined ? undefined : userKeyOf(args.as);
  if (args.as !== undefined && !onBehalfOf) {
    io.err(`--as ${args.as} : ${messages('fr').indicators.rights.unreadableUser}`);
    return 1;
  }
  const { deps, repo } = ctx.measurements();
  const author = onBehalfOf
    ? authorOf(onBehalfOf)
    : { platform: 'cli', userId: os.userInfo().username || 'admin' };
  const result = await readImportRows(parsed.header, parsed.rows, deps, author, onBehalfOf);
  for (const problem of result.problems) io.err(`ligne ${problem.line} : ${problem.message}`);
  if (result.problems.length && !args.partial) {
    io.err(
      `${result.problems.length} ligne(s) invalide(s) : rien n’a été importé. Corrigez-les, ou relancez avec --partial pour importer les ${result.measurements.length} ligne(s) valides.`,
    );
    return 1;
  }
  const batches = await writeInBatches(result.measurements, (batch) =>
    repo.importMeasurements(batch, {
      actor: onBehalfOf ?? operator(),
      action: 'import',
      target: args.file,
      outcome: 'ok',
      ...(onBehalfOf ? { detail: `par ${operator()}` } : {}),
    }),
  );
  const saved = batches.reduce((n, b) => n + b.saved.length, 0);
  const unchanged = batches.reduce((n, b) => n + b.unchanged, 0);
  const proposed = batches.reduce((n, b) => n + b.saved.filter((m) => m.status === 'proposed').length, 0);
  io.out(
    [
      `${saved} valeur(s) importée(s)`,
      proposed ? ` (dont ${proposed} à valider)` : '',
      unchanged ? `, ${unchanged} inchangée(s)` : '',
      result.problems.length ? `, ${result.problems.length} ligne(s) ignorée(s)` : '',
      '.',
    ].join(''),
  );
  return result.problems.length ? 3 : 0;
}

/** "slack:U123" -> the author of the values imported on their behalf. */
function authorOf(userKey: string): { platform: string; userId: string; displayName?: string } {
  const colon = userKey.indexOf(':');
  const userId = userKey.slice(colon + 1);
  const platform = userKey.slice(0, colon);
  return platform === 'console' ? { platform, userId, displayName: userId } : { platform, userId };
}

/** `boussole target`: a target (or with --baseline a baseline) for an indicator × scope × period. */
export async function runTarget(
  ctx: AppContext,
  io: CommandIO,
  positionals: string[],
  baseline: boolean,
): Promise<number> {
  const [id, scopeWord, periodWord, valueWord] = positionals;
  if (!id || !scopeWord || !periodWord || !valueWord) {
    throw new UsageError('Usage : boussole target INDICATEUR_ID PÉRIMÈTRE PÉRIODE VALEUR [--baseline]');
  }
  const { repo, catalog } = ctx.measurements();
  const indicator = catalog.get(id);
  const scope = ctx.library().scopes.resolve(scopeWord);
  const period = normalisePeriod(periodWord) ?? undefined;
  const value = parseNumber(valueWord.replace('%', '')) ?? Number.NaN;
  const unit = indicator?.unit === 'text' ? 'number' : indicator?.unit;
  const problem = unit && Number.isFinite(value) ? checkValue(unit, value) : undefined;
  const problems = [
    !indicator && `indicateur inconnu ${id}`,
    !scope && `périmètre inconnu ${scopeWord}`,
    !period && `période illisible ${periodWord} (ex. 2026-2027)`,
    !Number.isFinite(value) && `valeur illisible ${valueWord} (ex. 62,5)`,
    problem && describeValueProblem(problem, 'fr').replace(/\.$/u, ''),
  ].filter(Boolean);
  if (problems.length || !indicator || !scope || !period) {
    io.err(`Impossible : ${problems.join(' ; ')}.`);
    return 1;
  }
  const kind = baseline ? 'baseline' : 'target';
  await repo.setTarget({ indicatorId: indicator.node.id, scope: scope.key, period, kind, value }, operator());
  io.out(
    `${baseline ? 'Valeur initiale' : 'Cible'} enregistrée : ${indicator.node.text} — ${scope.shortName} ${period} : ${formatValue(value, unit ?? 'number', 'fr')}`,
  );
  return 0;
}
