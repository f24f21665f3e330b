import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProgressAsk } from '../../../src/core/progress/ask.ts';
import { loadProgressWords } from '../../../src/data/word-lists.ts';
import { ROOT_DIR } from '../../../src/platform/paths.ts';
import { EVAL_DIR } from '../../helpers/eval-norm.ts';
import { DATA_DIR, tempDir } from '../../helpers/plans.ts';

// Issue 19: what makes a question a progress question is data (data/query/progress.json), read
// apart from answering it; plan questions must not read as progress questions.
const words = loadProgressWords(DATA_DIR);
const PLAN_PERIODS = ['2023-2027', '2019-2022', '2025-2030', '2024-2028', '2021-2024'];
const read = (text: string, previous?: string) => readProgressAsk(text, words, PLAN_PERIODS, previous);

describe('reading a progress question', () => {
  it.each([
    ['Où en est le Cantal sur les faits numériques ?', 'status'],
    ['On en est où sur la lecture dans l’Allier ?', 'status'],
    ['Où en est-on des constellations ?', 'status'],
    ["Quel est l'état d'avancement des faits numériques dans le Cantal ?", 'status'],
    ['How are we doing on reading in Haute-Loire?', 'status'],
    ['How is Cantal doing on faits numériques?', 'status'],
    ['Where do we stand on maths in Puy-de-Dôme?', 'status'],
    ["Qu'est-ce qui est en retard dans l'Allier ?", 'late'],
    ['qu’est ce qui est en retard ?', 'late'],
    ["What's overdue in Cantal?", 'late'],
    ["Quels indicateurs n'ont pas de valeur pour 2025-2026 ?", 'missing'],
    ['Which indicators have no value for 2025-2026?', 'missing'],
    // Two phrases: what is late wins over where things stand.
    ['Où en est le Cantal : qu’est-ce qui est en retard ?', 'late'],
  ])('%s → %s', (question, mode) => {
    expect(read(question)?.mode).toBe(mode);
  });

  it('reads the periods named, and keeps the words that made it a progress question out of the theme', () => {
    const ask = read("Quels indicateurs n'ont pas de valeur pour l'année scolaire 2025/26 ?");
    expect(ask?.periods).toEqual(['2025-2026']);
    expect([...(ask?.words ?? [])]).toEqual(expect.arrayContaining(['pas', 'valeur', '2025', '26']));
    const compared = read('How is Cantal doing on faits numériques in 2025-2026 compared with 2024-2025?');
    expect(compared?.periods).toEqual(['2025-2026', '2024-2025']);
    expect(compared?.words.has('cantal')).toBe(false);
  });

  it('tells a plan’s period from a period, and flags what is no period', () => {
    expect(read('Où en est le projet stratégique 2023-2027 sur le harcèlement ?')).toMatchObject({
      periods: [],
    });
    expect(read('Où en est-on sur la lecture en 2025-2027 ?')?.badPeriod).toBe('2025-2027');
    expect(read('Où en est-on sur la lecture au 31/02/2026 ?')?.badPeriod).toBe('31/02/2026');
  });

  it('keeps the mode of the question a follow-up follows, with the follow-up’s own period', () => {
    expect(read('et dans l’Allier ?')).toBeUndefined();
    const follow = read('et pour 2024-2025 ?', 'Où en est le Cantal sur les faits numériques en 2025-2026 ?');
    expect(follow).toMatchObject({ mode: 'status', periods: ['2024-2025'] });
    expect(read('et dans l’Allier ?', 'Où en est le Cantal en 2025-2026 ?')?.periods).toEqual(['2025-2026']);
  });

  it('leaves plan questions alone: "quels indicateurs pour…", targets and progress as themes', () => {
    for (const question of [
      'Quels indicateurs pour le harcèlement dans le projet stratégique 2023-2027 ?',
      'Quelles actions visent les faits numériques dans le Cantal ?',
      "What's the target pass rate for the brevet in Puy-de-Dôme by 2030?",
      'What indicators does Orléans-Tours use to track progress for pupils with disabilities?',
      'Comment le CASF organise le suivi des indicateurs (cibles annuelles, constats nationaux) ?',
    ])
      expect(read(question), question).toBeUndefined();
  });

  it('reads none of the independent evaluation questions nor our samples as a progress question', () => {
    const files = [
      ...readdirSync(EVAL_DIR)
        .filter((name) => /^dev-questions.*\.json$/u.test(name))
        .map((name) => path.join(EVAL_DIR, name)),
      ...readdirSync(path.join(ROOT_DIR, 'test', 'fixtures'))
        .filter((name) => name.endsWith('.json'))
        .map((name) => path.join(ROOT_DIR, 'test', 'fixtures', name)),
    ];
    const questions = files.flatMap((file) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { q: string }[]).map((entry) => entry.q),
    );
    expect(questions.length).toBeGreaterThan(250);
    expect(questions.filter((question) => read(question))).toEqual([]);
  });
});

describe('the progress phrases file', () => {
  it('is checked at start-up: a broken file names itself and what is wrong', () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(path.join(dir, 'query'));
      writeFileSync(
        path.join(dir, 'query', 'progress.json'),
        JSON.stringify({ status: ['où en est'], late: [] }),
      );
      // "missing" has no list: the message names the file.
      expect(() => loadProgressWords(dir)).toThrow(path.join(dir, 'query', 'progress.json'));
    } finally {
      cleanup();
    }
  });

  it('is data: a phrase added there makes a new progress question, with no code', () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(path.join(dir, 'query'));
      const raw = JSON.parse(readFileSync(path.join(DATA_DIR, 'query', 'progress.json'), 'utf8'));
      const question = 'Quid des faits numériques dans le Cantal ?';
      expect(readProgressAsk(question, loadProgressWords(DATA_DIR), PLAN_PERIODS)).toBeUndefined();
      raw.status.push('quid des');
      writeFileSync(path.join(dir, 'query', 'progress.json'), JSON.stringify(raw));
      expect(readProgressAsk(question, loadProgressWords(dir), PLAN_PERIODS)?.mode).toBe('status');
    } finally {
      cleanup();
    }
  });
});
