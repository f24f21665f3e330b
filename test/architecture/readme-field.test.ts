import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../src/platform/paths.ts';
import { EVAL_COPY_DIR } from '../helpers/eval-norm.ts';
import { testContext } from '../helpers/plans.ts';

// Issue 15, item 19: what the README says about the bench and the citations is what the code does.
const readme = readFileSync(path.join(ROOT_DIR, 'README.md'), 'utf8');
let ctx: ReturnType<typeof testContext>;
beforeAll(() => {
  ctx = testContext();
});
afterAll(() => ctx.cleanup());

describe('the README', () => {
  it('gives the number of questions `npm run bench` runs, and the score lines with their floors', () => {
    const sets = ['dev-questions.json', 'dev-questions-2.json'];
    const count = sets
      .map((name) => (JSON.parse(readFileSync(path.join(EVAL_COPY_DIR, name), 'utf8')) as unknown[]).length)
      .reduce((a, b) => a + b, 0);
    expect(readme).toContain(`\`npm run bench\` lit les ${count} questions`);
    expect(readme).toContain(`(${count} questions × 100)`);
    const bench = readFileSync(path.join(ROOT_DIR, 'test', 'bench', 'answer.ts'), 'utf8');
    for (const name of sets) expect(bench).toContain(`'${name}'`);
    const floors = JSON.parse(readFileSync(path.join(EVAL_COPY_DIR, 'floors.json'), 'utf8')) as {
      sets: Record<string, { recall: number; strict: number; notFound: number; maxMedianCitations: number }>;
    };
    for (const name of sets) {
      const floor = floors.sets[name];
      const line = readme.split('\n').find((row) => row.startsWith(`| \`${name}\``)) ?? '';
      expect(line).toContain(
        `rappel ≥ ${String(floor?.recall).replace('.', ',')} · ${floor?.strict} · ${floor?.notFound} · médiane ≤ ${floor?.maxMedianCitations}`,
      );
    }
  });

  it('names every shipped plan whose citations carry no page', () => {
    const library = ctx.library();
    const pageless = library.plans
      .filter((plan) => library.descendants(plan.id).every((node) => node.source.page === null))
      .map((plan) => plan.id);
    expect(pageless.length).toBeGreaterThan(0);
    const sentence = /Les citations donnent la page quand[\s\S]*?lignes d'origine\./u.exec(readme)?.[0] ?? '';
    for (const id of pageless) expect(sentence).toContain(`\`${id}\``);
    const withPages = library.plans.map((plan) => plan.id).filter((id) => !pageless.includes(id));
    for (const id of withPages) expect(sentence).not.toContain(`\`${id}\``);
  });
});
