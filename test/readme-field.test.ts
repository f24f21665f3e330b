import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../src/paths.ts';
import { testContext } from './helpers/plans.ts';

// Issue 15, item 19: what the README says about the bench and the citations is what the code does.
const readme = readFileSync(path.join(ROOT_DIR, 'README.md'), 'utf8');
let ctx: ReturnType<typeof testContext>;
beforeAll(() => {
  ctx = testContext();
});
afterAll(() => ctx.cleanup());

describe('the README', () => {
  it('gives the number of questions `npm run bench` runs on a fresh clone', () => {
    const fixture = 'test/fixtures/questions-extra.json';
    const count = (JSON.parse(readFileSync(path.join(ROOT_DIR, fixture), 'utf8')) as unknown[]).length;
    expect(readme).toContain(`(${count} questions de \`${fixture}\` × 100)`);
    expect(readFileSync(path.join(ROOT_DIR, 'test', 'bench', 'answer.ts'), 'utf8')).toContain(
      "'questions-extra.json'",
    );
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
