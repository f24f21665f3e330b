import { describe, expect, it } from 'vitest';
import type { Citation } from '../../../src/core/kernel/types.ts';
import { citationLines, formatCitationLine, markers } from '../../../src/core/query/citation-lines.ts';

const citation = (n: number, path: string[], page: number | null, scope = 'Cantal'): Citation => ({
  n,
  id: `plan:x${n}`,
  plan: 'Feuille de route CASF',
  planId: 'plan',
  kind: 'action',
  scope,
  path,
  text: `item ${n}`,
  source: { file: '002_daa8e2553029d5e7.txt', lines: [10 + n, 10 + n], page },
});

describe('the sources of a chat answer', () => {
  it('give one line per section, its markers first, pages joined, no file or line range', () => {
    const lines = citationLines([
      citation(1, ['Axe 1'], 3),
      citation(2, ['Axe 1', 'Automatismes'], 4),
      citation(3, ['Axe 1', 'Automatismes'], 5),
      citation(4, ['Axe 1', 'Automatismes'], 5),
      citation(5, ['Axe 1', 'Automatismes'], 5, 'Allier'),
    ]).map((line) => formatCitationLine(line));
    expect(lines).toEqual([
      '[1] Feuille de route CASF › Axe 1 — Cantal, p. 3',
      '[2–4] Feuille de route CASF › Axe 1 › Automatismes — Cantal, p. 4-5',
      '[5] Feuille de route CASF › Axe 1 › Automatismes — Allier, p. 5',
    ]);
    expect(lines.join('\n')).not.toMatch(/\.txt|\d+-\d+ ?\)/u);
  });

  it('say a source without pages without a page', () => {
    const [line] = citationLines([citation(1, ['Axe 1'], null)]);
    expect(line && formatCitationLine(line)).toBe('[1] Feuille de route CASF › Axe 1 — Cantal');
  });

  it('write runs of markers shortly', () => {
    expect(markers([1, 2, 3, 5, 7, 8])).toBe('[1–3, 5, 7, 8]');
    expect(markers([4])).toBe('[4]');
  });
});
