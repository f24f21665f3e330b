import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../../src/core/deadlines/types.ts';
import type { IndicatorInfo } from '../../../src/core/measurements/indicators.ts';
import type { Measurement, TargetValue } from '../../../src/core/measurements/types.ts';
import { hasTrend, type ProgressData, reportingPeriod, rowOf } from '../../../src/core/progress/facts.ts';

// Where one indicator stands for one scope: a pure function of values, targets, deadlines and today.
const indicator = (text: string, id = 'p:i1'): IndicatorInfo => ({
  node: {
    id,
    planId: 'p',
    parentId: null,
    kind: 'indicator',
    ord: 1,
    label: null,
    text,
    title: null,
    summary: null,
    scope: 'acad',
    source: { file: 'f', lines: [1, 1], page: null },
    heading: null,
  },
  unit: 'percent',
  academie: 'acad',
  current: true,
});
const value = (period: string, v: number | string, scope = 'cantal', id = 'p:i1'): Measurement => ({
  id: `m-${scope}-${period}`,
  indicatorId: id,
  scope,
  period,
  value: v,
  unit: 'percent',
  author: { platform: 'console', userId: 'x' },
  recordedAt: '2026-01-01T00:00:00Z',
  status: 'validated',
});
const target = (period: string, v: number, kind: TargetValue['kind'] = 'target'): TargetValue => ({
  indicatorId: 'p:i1',
  scope: 'cantal',
  period,
  kind,
  value: v,
});
const deadline = (rule: Deadline['rule']): Deadline => ({
  id: 'd1',
  indicatorId: 'p:i1',
  scope: 'cantal',
  rule,
  owners: ['console:o'],
  leads: [7],
});
const data = (partial: Partial<ProgressData>): ProgressData => ({
  values: [],
  targets: [],
  deadlines: [],
  today: '2026-11-16',
  ...partial,
});

describe('where an indicator stands for a scope', () => {
  it('takes the latest value, the one before for the trend, and the card’s verdict against its own period’s target', () => {
    const row = rowOf(
      indicator('Taux de réussite'),
      'cantal',
      data({
        values: [
          value('2023-2024', 50),
          value('2025-2026', 58),
          value('2024-2025', 54),
          value('2025-2026', 1, 'allier'),
        ],
        targets: [target('2025-2026', 60), target('2025-2026', 50, 'baseline'), target('2027-2028', 70)],
      }),
    );
    expect(row).toMatchObject({ period: '2025-2026', target: 60, baseline: 50, verdict: 'on_track' });
    expect(row.value?.value).toBe(58);
    expect(row.previous?.period).toBe('2024-2025');
    expect(row.laterTarget).toBeUndefined();
  });

  it('reads a decrease as better for an indicator worded as one', () => {
    const lower = rowOf(
      indicator('Diminution des faits de harcèlement'),
      'cantal',
      data({ values: [value('2025-2026', 12)], targets: [target('2025-2026', 15)] }),
    );
    expect(lower.verdict).toBe('ahead');
  });

  it('shows a later target when the value’s period has none, and has no verdict against it', () => {
    const row = rowOf(
      indicator('Taux'),
      'cantal',
      data({ values: [value('2025-2026', 58)], targets: [target('2027-2028', 70), target('2026-2027', 65)] }),
    );
    expect(row).toMatchObject({ verdict: 'no_target', laterTarget: { period: '2026-2027', value: 65 } });
  });

  it('compares the period asked with the one named second, and says when the asked one has no value', () => {
    const values = [value('2023-2024', 50), value('2024-2025', 54)];
    const compared = rowOf(indicator('Taux'), 'cantal', data({ values }), {
      period: '2024-2025',
      since: '2023-2024',
    });
    expect(compared.previous?.value).toBe(50);
    const missing = rowOf(indicator('Taux'), 'cantal', data({ values }), { period: '2025-2026' });
    expect(missing).toMatchObject({ period: '2025-2026', verdict: 'no_value' });
    expect(missing.value).toBeUndefined();
    expect(missing.previous?.period).toBe('2024-2025');
  });

  it('finds the last reporting date passed without a value for its school year, and the next one', () => {
    const yearly = deadline({ kind: 'yearly', month: 6, day: 30 });
    const late = rowOf(
      indicator('Taux'),
      'cantal',
      data({ deadlines: [yearly], values: [value('2024-2025', 1)] }),
    );
    expect(late).toMatchObject({
      overdue: { due: '2026-06-30', period: '2025-2026' },
      nextDue: '2027-06-30',
    });
    expect(reportingPeriod(late, '2026-11-16')).toBe('2025-2026');
    const reported = rowOf(
      indicator('Taux'),
      'cantal',
      data({ deadlines: [yearly], values: [value('2025-2026', 1)] }),
    );
    expect(reported.overdue).toBeUndefined();
    expect(reportingPeriod(reported, '2026-11-16')).toBe('2026-2027');
    // A date more than a year back no longer makes it late.
    const old = rowOf(
      indicator('Taux'),
      'cantal',
      data({ deadlines: [deadline({ kind: 'dates', dates: ['2025-06-30'] })] }),
    );
    expect(old.overdue).toBeUndefined();
    expect(old.nextDue).toBeUndefined();
  });

  it('sees a trend only with two periods of numbers for one scope', () => {
    const info = indicator('Taux');
    expect(hasTrend(info, data({ values: [value('2024-2025', 1), value('2025-2026', 2, 'allier')] }))).toBe(
      false,
    );
    expect(hasTrend(info, data({ values: [value('2024-2025', 1), value('2025-2026', 2)] }))).toBe(true);
    expect(hasTrend(info, data({ values: [value('2024-2025', 'a'), value('2025-2026', 'b')] }))).toBe(false);
  });
});
