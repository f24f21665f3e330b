import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/app/cli.ts';
import { hostileMessages } from '../helpers/hostile.ts';
import { captureIO, tempDir } from '../helpers/plans.ts';

// Issue 9, item 1: the ten thousand hostile messages as a `boussole ask --batch` file.
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

describe('boussole ask --batch on hostile lines', () => {
  it('prints exactly one JSON line per question line, in order, each answered or not_found', async () => {
    // One message per line: the line breaks inside a message become spaces.
    const all = hostileMessages(10_000).map((m) => m.replace(/[\r\n]/gu, ' '));
    const file = path.join(dir, 'hostile.txt');
    writeFileSync(file, `${all.join('\n')}\n`);
    // A blank line is not a question: it gets no answer line.
    const lines = all.filter((line) => line.trim() !== '');
    const capture = captureIO();
    const code = await runCli(['ask', '--json', '--batch', file], capture.io, {
      BOUSSOLE_DB: path.join(dir, 'b.db'),
    });
    expect(code).toBe(0);
    expect(capture.out).toHaveLength(lines.length);
    const problems: string[] = [];
    for (const [i, out] of capture.out.entries()) {
      const result = JSON.parse(out);
      // The file is UTF-8: a lone surrogate comes back as U+FFFD, like any reader of the file.
      const expected = Buffer.from(lines[i] as string, 'utf8').toString('utf8');
      if (result.question !== expected)
        problems.push(`line ${i + 1}: question ${JSON.stringify(result.question)}`);
      if (!['answered', 'not_found'].includes(result.status))
        problems.push(`line ${i + 1}: ${result.status}`);
      if (typeof result.answer !== 'string' || !result.answer.trim())
        problems.push(`line ${i + 1}: no answer`);
      if (!Array.isArray(result.citations)) problems.push(`line ${i + 1}: citations`);
    }
    expect(problems).toEqual([]);
    // Nothing failed on the way: a failure is logged and answered with this apology instead.
    const failed = capture.out.filter((out) =>
      out.includes('Je ne peux pas répondre à cette question pour le moment'),
    );
    expect(failed).toEqual([]);
    expect(capture.err).toEqual([]);
  }, 90_000);
});
