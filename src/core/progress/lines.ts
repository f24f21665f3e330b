import { DEFAULT_LANG, type Messages, messages } from '../kernel/messages/index.ts';
import { type Actor, actorKey, type Button, type Citation, type Lang } from '../kernel/types.ts';
import { shortId } from '../measurements/evaluate.ts';
import type { IndicatorInfo } from '../measurements/indicators.ts';
import { isAllowed, type RoleGrant } from '../measurements/rights.ts';
import { formatNumber, formatValue } from '../measurements/units.ts';
import { citationOf } from '../plans/citation.ts';
import { type PlanLibrary, sectionTitle } from '../plans/library.ts';
import type { Scope } from '../plans/scopes.ts';
import type { PlanNode } from '../plans/types.ts';
import type { ProgressRow } from './facts.ts';

/** The numbered sources of one answer: each node cited once, in the order the text names them. */
export class Sources {
  readonly list: Citation[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(private readonly library: PlanLibrary) {}

  /** The [n] marker of a node, citing it the first time. */
  cite(node: PlanNode): string {
    let n = this.numbers.get(node.id);
    if (n === undefined) {
      n = this.list.length + 1;
      this.numbers.set(node.id, n);
      this.list.push(citationOf(this.library, node, n));
    }
    return `[${n}]`;
  }
}

/** What every part of a progress answer needs to write its lines. */
export interface Writer {
  lang: Lang;
  t: Messages['progress'];
  format: Messages['format'];
  /** The measurements' words (value statuses), which progress answers repeat. */
  words: Messages['measurements'];
  library: PlanLibrary;
  sources: Sources;
}

export function createWriter(library: PlanLibrary, lang: Lang): Writer {
  const { progress, format, measurements } = messages(lang);
  return { lang, t: progress, format, words: measurements, library, sources: new Sources(library) };
}

/**
 * "📊 **% d'élèves groupe 3 faits numériques.** [1] — mesure : Assurer et consolider… [2]": the
 * indicator and the plan item it measures, both cited; `short` lists leave the item out.
 */
export function indicatorLine(
  w: Writer,
  indicator: IndicatorInfo,
  style: 'title' | 'item' | 'short' = 'title',
): string {
  const name = style === 'title' ? `**${indicator.node.text}**` : indicator.node.text;
  const own = w.sources.cite(indicator.node);
  if (style === 'short') return `📊 ${name} ${own}`;
  const parent = indicator.node.parentId ? w.library.node(indicator.node.parentId) : undefined;
  const measures =
    parent && parent.kind !== 'plan'
      ? ` — ${w.t.measures}${w.format.colon} ${sectionTitle(parent, 90).replace(/\s*:$/u, '')} ${w.sources.cite(parent)}`
      : '';
  return `📊 ${name} ${own}${measures}`;
}

/** +2,5 pts, −3: how much a value moved (percentages move by points). */
export function delta(now: number, before: number, unit: IndicatorInfo['unit'], lang: Lang): string {
  const diff = now - before;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  const amount = formatNumber(Math.abs(diff), lang);
  return unit === 'percent' ? `${sign}${amount} pts` : `${sign}${amount}`;
}

/**
 * One scope of an indicator: its value and status, target, baseline and trend, the card's verdict
 * and the reporting dates. A row without a value says so, with the latest value before if any.
 */
export function rowLine(w: Writer, row: ProgressRow, since?: string): string {
  const { lang, t, format } = w;
  const scope = `**${w.library.scopes.displayName(row.scope)}**`;
  const at = row.period ? ` — ${row.period}` : '';
  const parts: string[] = [];
  const unit = row.indicator.unit;
  if (row.value) {
    parts.push(
      `**${formatValue(row.value.value, row.value.unit, lang)}** (${w.words.status[row.value.status]})`,
    );
    if (row.target !== undefined) parts.push(`${t.target} ${formatValue(row.target, unit, lang)}`);
    if (row.baseline !== undefined) parts.push(`${t.baseline} ${formatValue(row.baseline, unit, lang)}`);
    if (row.laterTarget)
      parts.push(t.laterTarget(row.laterTarget.period, formatValue(row.laterTarget.value, unit, lang)));
    if (row.previous && typeof row.value.value === 'number') {
      const diff = row.value.value - row.previous.value;
      const arrow = diff > 0 ? '↗' : diff < 0 ? '↘' : '→';
      parts.push(
        t.trend(
          arrow,
          delta(row.value.value, row.previous.value, unit, lang),
          row.previous.period,
          formatValue(row.previous.value, unit, lang),
        ),
      );
    } else if (since) parts.push(t.nothingToCompare(since));
  } else {
    if (row.previous)
      parts.push(t.latestBefore(formatValue(row.previous.value, unit, lang), row.previous.period));
    if (row.laterTarget)
      parts.push(t.laterTarget(row.laterTarget.period, formatValue(row.laterTarget.value, unit, lang)));
  }
  const dates = [
    ...(row.overdue ? [t.overdue(format.longDate(row.overdue.due), row.overdue.period)] : []),
    ...(row.nextDue ? [t.nextDue(format.longDate(row.nextDue))] : []),
  ];
  const head = `• ${scope}${at}${format.colon} `;
  const verdict = `**${t.verdict(row.verdict)}**`;
  // With a value, the verdict concludes the figures; without one, it is all there is to say first.
  const body = row.value ? `${parts.join(' · ')} → ${verdict}` : [verdict, ...parts].join(' · ');
  return `${head}${[body, ...dates].join(' · ')}`;
}

/** A value for the example message: what the indicator's unit reads. */
function exampleValue(unit: IndicatorInfo['unit'], t: Messages['progress']): string {
  if (unit === 'percent') return t.examplePercent;
  if (unit === 'text') return t.exampleText;
  return '14';
}

/**
 * Who may record a value for `scope` (its contributors and validators, those of its académie, the
 * administrators), whether the asker is one of them, and an example message that records one.
 */
export function howToRecord(
  w: Writer,
  indicator: IndicatorInfo,
  scope: string,
  period: string,
  actor: Actor,
  rights: { grants: RoleGrant[]; admins: readonly string[] },
): string[] {
  const registry = w.library.scopes;
  const own = registry.get(scope);
  const academie = registry.get(registry.academieOf(scope) ?? '');
  const scopes = [own, academie !== own ? academie : undefined].filter((x): x is Scope => Boolean(x));
  const user = actorKey(actor);
  const allowed = isAllowed(rights.grants, rights.admins, user, 'record', scope, registry);
  const example = w.t.example(shortId(indicator.node.id), scope, period, exampleValue(indicator.unit, w.t));
  return [
    `${w.t.whoCanRecord(scopes)} ${allowed ? w.t.youCan : w.t.youCannot(w.t.grantExample(scope, user))}`,
    w.t.how(example),
  ];
}

/** Chart buttons for the indicators whose values make a trend (at most three). */
export function chartButtons(w: Writer, indicators: IndicatorInfo[]): Button[] {
  // A button says its language when it is not the default one: "chart:i0ab56d1:en".
  const suffix = w.lang === DEFAULT_LANG ? '' : `:${w.lang}`;
  return indicators.slice(0, 3).map((indicator) => ({
    id: `chart:${shortId(indicator.node.id)}${suffix}`,
    label:
      indicators.length > 1
        ? `${w.t.chartButton} — ${clip(indicator.node.text.replace(/\.$/u, ''), 40)}`
        : w.t.chartButton,
  }));
}

/** The button that opens an entry already filled with the indicator, scope and period. */
export function enterButton(w: Writer, indicator: IndicatorInfo, scope: string, period: string): Button {
  return { id: `enter:${shortId(indicator.node.id)}:${scope}:${period}`, label: w.t.enterButton };
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
