import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../src/adapters/console/chat.ts';
import { runCli } from '../../../src/app/cli.ts';
import type { Router } from '../../../src/core/kernel/types.ts';
import { createRouter } from '../../../src/core/router/router.ts';
import { captureIO, tempDir, testContext } from '../../helpers/plans.ts';

let ctx: ReturnType<typeof testContext>;
let router: Router;
beforeAll(() => {
  ctx = testContext();
  router = createRouter({ library: () => ctx.library(), answerer: () => ctx.answerer() });
});
afterAll(() => ctx.cleanup());

const consoleUser = { platform: 'console' as const, userId: 'alice' };
const conversation = { platform: 'console' as const, conversationId: 'console:alice' };

describe('the conversation router', () => {
  it('answers questions by default, with citations', async () => {
    const reply = await router.handleMessage({
      actor: consoleUser,
      conversation,
      text: 'Quelles actions pour le télétravail ?',
    });
    expect(reply.status).toBe('answered');
    expect(reply.text).toMatch(/\[1\]/u);
    expect(reply.citations?.[0]?.plan).toBe('Feuille de route RH');
  });

  it('recognises help, the list of plans and showing an item by id', async () => {
    const help = await router.handleMessage({ actor: consoleUser, conversation, text: 'aide' });
    expect(help.text).toMatch(/Posez une question/u);
    const en = await router.handleMessage({ actor: consoleUser, conversation, text: 'help' });
    expect(en.lang).toBe('en');
    const plans = await router.handleMessage({ actor: consoleUser, conversation, text: 'plans' });
    expect(plans.text).toContain('cf-casf-2025');
    const first = (
      await router.handleMessage({
        actor: consoleUser,
        conversation,
        text: 'Quelles actions pour le télétravail ?',
      })
    ).citations?.[0];
    const shown = await router.handleMessage({
      actor: consoleUser,
      conversation,
      text: `montre ${first?.id}`,
    });
    expect(shown.citations?.[0]?.id).toBe(first?.id);
    const unknown = await router.handleMessage({
      actor: consoleUser,
      conversation,
      text: 'montre cf-xx:nope',
    });
    expect(unknown.status).toBe('not_found');
  });

  it('survives empty, huge and control-character messages with a well-formed reply', async () => {
    for (const text of [
      '',
      '   ',
      '\u0000\u0007\u202e',
      'lecture '.repeat(5000),
      '"NEAR( * AND OR',
      '🙂🙂🙂',
    ]) {
      const reply = await router.handleMessage({ actor: consoleUser, conversation, text });
      expect(typeof reply.text).toBe('string');
      expect(reply.text.length).toBeGreaterThan(0);
      expect(['answered', 'not_found', 'info']).toContain(reply.status);
    }
  });
});

describe('the console chat', () => {
  it('reads questions from its input stream and writes cited answers until "quitter"', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk) => {
      written += chunk.toString();
    });
    const { dir, cleanup } = tempDir();
    const historyFile = path.join(dir, 'history');
    const done = runConsoleChat({ router, input, output, user: 'alice', historyFile });
    input.write('Quelles actions visent les faits numériques dans le Cantal ?\n');
    input.write('quitter\n');
    await done;
    expect(written).toContain('formation départementale centrée sur les faits numériques');
    expect(written).toContain('Sources :');
    expect(written).toContain('Au revoir.');
    expect(readFileSync(historyFile, 'utf8')).toContain('faits numériques dans le Cantal');
    cleanup();
  });

  it('also ends on "/quitter" and "sortir", as people type them in chat tools', async () => {
    for (const word of ['/quitter', 'Sortir.']) {
      const input = new PassThrough();
      const output = new PassThrough();
      let written = '';
      output.on('data', (chunk) => {
        written += chunk.toString();
      });
      const done = runConsoleChat({ router, input, output, user: 'carol' });
      input.write(`${word}\n`);
      await done;
      expect(written).toContain('Au revoir.');
      expect(written).not.toContain('Je n');
    }
  });

  it('ends cleanly when the input closes (Ctrl-D)', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const done = runConsoleChat({ router, input, output, user: 'bob' });
    input.end('aide\n');
    await expect(done).resolves.toBeUndefined();
  });
});

describe('boussole ask', () => {
  const env = () => ({ BOUSSOLE_DB: ctx.config.dbFile });

  it('prints the JSON contract the evaluation reads', async () => {
    const capture = captureIO();
    const code = await runCli(
      ['ask', '--json', 'Quelles actions visent les faits numériques dans le Cantal ?'],
      capture.io,
      env(),
    );
    expect(code).toBe(0);
    const result = JSON.parse(capture.stdout());
    expect(Object.keys(result)).toEqual(['question', 'status', 'answer', 'citations']);
    expect(result.status).toBe('answered');
    const citation = result.citations[0];
    expect(Object.keys(citation)).toEqual([
      'n',
      'id',
      'plan',
      'planId',
      'kind',
      'scope',
      'path',
      'text',
      'source',
    ]);
    expect(result.answer).toContain(`[${citation.n}]`);
    expect(citation.source).toMatchObject({ file: '002_daa8e2553029d5e7.txt', page: null });
  });

  it('answers a batch file one JSON line per question, in order, even hostile lines, blank lines skipped', async () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'questions.txt');
    writeFileSync(
      file,
      ['Quelles actions pour le télétravail ?', '', '"*NEAR(', "Quel est le budget de l'Allier ?", '🙂'].join(
        '\n',
      ),
    );
    const capture = captureIO();
    const code = await runCli(['ask', '--json', '--batch', file], capture.io, env());
    expect(code).toBe(0);
    const lines = capture.out.map((line) => JSON.parse(line));
    expect(lines.map((l) => l.question)).toEqual([
      'Quelles actions pour le télétravail ?',
      '"*NEAR(',
      "Quel est le budget de l'Allier ?",
      '🙂',
    ]);
    expect(lines.map((l) => l.status)).toEqual(['answered', 'not_found', 'not_found', 'not_found']);
    cleanup();
  });
});
