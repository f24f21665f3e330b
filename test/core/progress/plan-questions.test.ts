import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVAL_DIR } from '../../helpers/eval-norm.ts';
import { progressRouter } from '../../helpers/progress-router.ts';

// Issue 19: the progress route must not take plan questions. Every question of the independent
// evaluation sets, asked through the router of a database that holds values, targets and
// deadlines, gets exactly the plans' answer that the ratchet test scores.
let h: ReturnType<typeof progressRouter>;
beforeAll(() => {
  h = progressRouter();
});
afterAll(() => h.ctx.cleanup());

const sets = readdirSync(EVAL_DIR).filter((name) => /^dev-questions.*\.json$/u.test(name));

describe('plan questions through the router, with values recorded', () => {
  it.each(sets)('%s: every answer is the plans’ answer', async (name) => {
    const questions = JSON.parse(readFileSync(path.join(EVAL_DIR, name), 'utf8')) as {
      id: string;
      q: string;
    }[];
    expect(questions.length).toBeGreaterThan(10);
    const changed: string[] = [];
    for (const { id, q } of questions) {
      const question = q.replace(/\n/gu, ' ');
      const reply = await h.say(question, 'eval', `eval-${name}-${id}`);
      const plans = (await h.ctx.answerer().ask(question)).reply;
      if (reply.text !== plans.text || reply.status !== plans.status || reply.notice)
        changed.push(`${id}: ${q}`);
    }
    expect(changed).toEqual([]);
  });
});
