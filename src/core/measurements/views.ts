import { messages } from '../kernel/messages/index.ts';
import type { Lang, Reply } from '../kernel/types.ts';
import { citationOf } from '../plans/citation.ts';
import type { ChartSpec, MeasurementDeps } from './deps.ts';
import { shortId } from './evaluate.ts';
import type { IndicatorInfo } from './indicators.ts';
import type { Measurement, TargetValue } from './types.ts';
import { formatValue } from './units.ts';

export type Progress = 'ahead' | 'on_track' | 'behind' | 'no_target';

/** Indicators worded as a decrease ("Diminution des faits…", absenteeism) are better when lower. */
export function lowerIsBetter(indicator: IndicatorInfo): boolean {
  return /^(?:diminution|baisse|réduction)|absentéisme|décroch/iu.test(indicator.node.text);
}

/**
 * Where a value stands against its target: reached, within 5 % of it (or more than three
 * quarters of the way from the baseline), or behind.
 */
export function progressOf(value: number, target?: number, baseline?: number, lower = false): Progress {
  if (target === undefined) return 'no_target';
  const gain = (x: number) => (lower ? -x : x);
  if (gain(value) >= gain(target)) return 'ahead';
  if (baseline !== undefined && gain(target) !== gain(baseline)) {
    const share = (gain(value) - gain(baseline)) / (gain(target) - gain(baseline));
    return share >= 0.75 ? 'on_track' : 'behind';
  }
  return Math.abs(value - target) <= Math.abs(target) * 0.05 ? 'on_track' : 'behind';
}

/**
 * The versions in force: newest non-rejected per indicator × scope × period (`measurements` oldest
 * first, as the store lists them). The indicator is part of the key: two indicators measured for
 * the same scope and period are two values, not versions of one.
 */
export function currentValues(measurements: Measurement[]): Measurement[] {
  const byKey = new Map<string, Measurement>();
  for (const m of measurements) {
    if (m.status !== 'rejected') byKey.set(`${m.indicatorId}|${m.scope}|${m.period}`, m);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.indicatorId.localeCompare(b.indicatorId) ||
      a.scope.localeCompare(b.scope) ||
      a.period.localeCompare(b.period),
  );
}

/**
 * Proposed values waiting for a validator, newest first. Every proposal stays until it is validated
 * or rejected, even when a newer version was recorded since: a proposal that nobody reviewed must
 * not vanish from the queue (it comes back in force if the newer version is rejected).
 */
export function pendingReviews(measurements: Measurement[]): Measurement[] {
  return measurements.filter((m) => m.status === 'proposed').reverse();
}

/** The target (or baseline) set for a scope and period, if any. */
export function targetOf(
  targets: TargetValue[],
  scope: string,
  period: string,
  kind: TargetValue['kind'],
): number | undefined {
  return targets.find((x) => x.scope === scope && x.period === period && x.kind === kind)?.value;
}

/**
 * The verdict the card gives a value: against the target and baseline of its own scope and period
 * (`targets` of its indicator); a text value, or a period without a target, has none.
 */
export function verdictOf(indicator: IndicatorInfo, m: Measurement, targets: TargetValue[]): Progress {
  if (typeof m.value !== 'number') return 'no_target';
  const target = targetOf(targets, m.scope, m.period, 'target');
  const baseline = targetOf(targets, m.scope, m.period, 'baseline');
  return progressOf(m.value, target, baseline, lowerIsBetter(indicator));
}

/** The indicator card: definition and citation, latest value per scope against its target. */
export async function indicatorCard(
  indicator: IndicatorInfo,
  deps: MeasurementDeps,
  lang: Lang,
): Promise<Reply> {
  const scopes = deps.library().scopes;
  const all = await deps.repo.list({ indicatorId: indicator.node.id });
  const targets = await deps.repo.targets(indicator.node.id);
  const latest = new Map<string, Measurement>();
  for (const m of currentValues(all)) latest.set(m.scope, m);
  const { indicators: t, measurements: words } = messages(lang);
  const lines = [
    `📊 **${indicator.node.text}** [1]`,
    `${t.unit} : ${t.units[indicator.unit]} · id \`${shortId(indicator.node.id)}\``,
    '',
  ];
  if (!latest.size) lines.push(t.noValueYet);
  for (const m of latest.values()) {
    const target = targetOf(targets, m.scope, m.period, 'target');
    const progress = verdictOf(indicator, m, targets);
    const vs =
      target !== undefined ? ` / ${words.target.toLowerCase()} ${formatValue(target, m.unit, lang)}` : '';
    lines.push(
      `• ${scopes.displayName(m.scope)} — ${m.period} : **${formatValue(m.value, m.unit, lang)}**${vs} → ${t.progress[progress]} (${words.status[m.status]})`,
    );
  }
  const id = shortId(indicator.node.id);
  return {
    status: 'answered',
    lang,
    text: lines.join('\n'),
    citations: [citationOf(deps.library(), indicator.node, 1)],
    buttons: [
      { id: `history:${id}`, label: t.history },
      ...(indicator.unit === 'text' ? [] : [{ id: `chart:${id}`, label: t.chart }]),
    ],
  };
}

/** Every version, oldest first, including superseded and rejected ones. */
export async function indicatorHistory(
  indicator: IndicatorInfo,
  deps: MeasurementDeps,
  lang: Lang,
  scope?: string,
): Promise<Reply> {
  const scopes = deps.library().scopes;
  const all = await deps.repo.list({ indicatorId: indicator.node.id, ...(scope ? { scope } : {}) });
  const replaced = new Set(all.map((m) => m.supersedes).filter(Boolean));
  const { indicators: t, measurements: words } = messages(lang);
  const lines = [`**${t.history} — ${indicator.node.text}** [1]`, ''];
  if (!all.length) lines.push(t.noValue);
  for (const m of all) {
    const who = m.author.displayName ?? m.author.userId;
    const note = replaced.has(m.id) ? t.superseded : '';
    lines.push(
      `• ${m.recordedAt.slice(0, 16).replace('T', ' ')} · ${scopes.displayName(m.scope)} ${m.period} : ${formatValue(m.value, m.unit, lang)} (${words.status[m.status]}, ${who})${note}`,
    );
  }
  return {
    status: 'answered',
    lang,
    text: lines.join('\n'),
    citations: [citationOf(deps.library(), indicator.node, 1)],
  };
}

/** The chart's data: current values per scope over the periods, with targets. */
export async function chartSpecOf(
  indicator: IndicatorInfo,
  deps: MeasurementDeps,
  lang: Lang,
): Promise<ChartSpec> {
  const scopes = deps.library().scopes;
  const values = currentValues(await deps.repo.list({ indicatorId: indicator.node.id })).filter(
    (m): m is Measurement & { value: number } => typeof m.value === 'number',
  );
  const targets = (await deps.repo.targets(indicator.node.id)).filter((x) => x.kind === 'target');
  const periods = [...new Set([...values.map((m) => m.period), ...targets.map((x) => x.period)])].sort();
  const names = [...new Set([...values.map((m) => m.scope), ...targets.map((x) => x.scope)])];
  return {
    title: indicator.node.text,
    subtitle: deps.library().plan(indicator.node.planId)?.shortTitle,
    unit: indicator.unit === 'text' ? 'number' : indicator.unit,
    periods,
    series: names.map((scope) => ({
      name: scopes.displayName(scope),
      points: values.filter((m) => m.scope === scope).map((m) => ({ period: m.period, value: m.value })),
    })),
    targets: targets.map((x) => ({ name: scopes.displayName(x.scope), period: x.period, value: x.value })),
    lang,
  };
}

export async function indicatorChart(
  indicator: IndicatorInfo,
  deps: MeasurementDeps,
  lang: Lang,
): Promise<Reply> {
  if (indicator.unit === 'text' || !deps.renderChart) {
    return {
      status: 'info',
      lang,
      text: messages(lang).indicators.qualitativeNoChart,
    };
  }
  const png = await deps.renderChart(await chartSpecOf(indicator, deps, lang));
  return {
    status: 'answered',
    lang,
    text: `📈 ${indicator.node.text} [1]`,
    citations: [citationOf(deps.library(), indicator.node, 1)],
    image: { png, filename: `${shortId(indicator.node.id)}.png`, title: indicator.node.text },
  };
}
