import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript script without types
import { findLongFiles, MAX_LINES, PENDING } from '../../scripts/check-lines.mjs';
import { ROOT_DIR } from '../../src/platform/paths.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') ? [full] : [];
  });
}

const PLATFORM =
  /from ['"](?:@slack\/[^'"]+|botbuilder[^'"]*|botframework-[^'"]+|openai[^'"]*|node-cron|pino)['"]/u;

const CONFIG = path.join(ROOT_DIR, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT_DIR, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Runs the project's dependency rules on `dir` (its src/ folder), as `npm run check:arch` does. */
function cruise(dir: string): Violation[] {
  const run = spawnSync(process.execPath, [DEPCRUISE, '--config', CONFIG, '--output-type', 'json', 'src'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (!run.stdout) throw new Error(`depcruise failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throw-away tree: `{ 'src/core/kernel/a.ts': 'source' }`. */
function fixture(tree: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boussole-arch-'));
  temps.push(dir);
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const rulesOf = (violations: Violation[]) => [...new Set(violations.map((v) => v.rule.name))].sort();

describe('architecture boundaries', () => {
  it('keeps src/core free of platform, LLM, scheduler and logging libraries', () => {
    const offenders = files(path.join(ROOT_DIR, 'src', 'core')).filter((file) =>
      PLATFORM.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(ROOT_DIR, f))).toEqual([]);
  });

  it('loads Vega only when a chart is drawn, never on the way to an answer', () => {
    // Vega takes a tenth of a second to load: no module imports it, or the chart renderer, statically.
    const statically = (target: string) =>
      new RegExp(`^import(?!\\s+type\\b)[^;]*?from ['"]${target}['"]`, 'mu');
    const offenders = files(path.join(ROOT_DIR, 'src')).filter((file) => {
      const source = readFileSync(file, 'utf8');
      return (
        statically('vega(?:-lite)?').test(source) || statically('[./]+/(?:render/)?chart\\.ts').test(source)
      );
    });
    expect(offenders.map((f) => path.relative(ROOT_DIR, f))).toEqual([]);
  });

  it('keeps src/core independent of the store and the adapters', () => {
    const offenders = files(path.join(ROOT_DIR, 'src', 'core')).filter((file) =>
      /from ['"][./]+\/(?:store|adapters|llm|reminders|platform|app|data)\//u.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders.map((f) => path.relative(ROOT_DIR, f))).toEqual([]);
  });
});

describe('the import-graph check (npm run check:arch)', () => {
  it('finds no import running up the layers in this project, and no file over the line limit', () => {
    expect(cruise(ROOT_DIR).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
    expect(findLongFiles(ROOT_DIR, ['src', 'scripts', 'bin'], PENDING)).toEqual([]);
  });

  it('passes a tree whose imports all run down the layers', () => {
    const dir = fixture({
      'src/core/text/fold.ts': 'export const fold = (s: string) => s;\n',
      'src/core/kernel/types.ts':
        "import { fold } from '../text/fold.ts';\nexport type Lang = 'fr';\nfold('');\n",
      'src/core/router/router.ts':
        "import type { Lang } from '../kernel/types.ts';\nexport const l: Lang = 'fr';\n",
      'src/store/db.ts':
        "import type { Lang } from '../core/kernel/types.ts';\nexport const x: Lang = 'fr';\n",
      'src/app/main.ts': "import { x } from '../store/db.ts';\nexport const y = x;\n",
    });
    expect(cruise(dir)).toEqual([]);
  });

  it('reports an import running up the core layers, even a type-only one', () => {
    const dir = fixture({
      'src/core/kernel/types.ts':
        "import type { Router } from '../router/router.ts';\nexport type R = Router;\n",
      'src/core/router/router.ts': 'export interface Router { ok: boolean }\n',
      'src/core/measurements/entry.ts': "import { answer } from '../query/answerer.ts';\nanswer();\n",
      'src/core/query/answerer.ts': 'export const answer = () => 1;\n',
      'src/core/plans/catalog.ts': "import { parse } from '../ingest/parse.ts';\nparse();\n",
      'src/core/ingest/parse.ts': 'export const parse = () => 1;\n',
    });
    expect(rulesOf(cruise(dir))).toEqual(['core-kernel-imports-up', 'core-plans-imports-up']);
  });

  it('reports an adapter reaching the composition root, and a core file doing file I/O', () => {
    const dir = fixture({
      'src/app/context.ts': 'export const ctx = 1;\n',
      'src/adapters/console/cli.ts': "import { ctx } from '../../app/context.ts';\nexport const c = ctx;\n",
      'src/core/query/glossary.ts':
        "import { readFileSync } from 'node:fs';\nexport const g = readFileSync;\n",
      'src/core/text/misc.ts': "import os from 'os';\nexport const o = os;\n",
    });
    expect(rulesOf(cruise(dir))).toEqual(['core-does-io', 'src-adapters-imports-up']);
  });

  it('lets an adapter reach its tables through the store ports only', () => {
    const dir = fixture({
      'src/store/ports.ts': 'export interface SlackStateStore { ok: boolean }\n',
      'src/store/db.ts': 'export type Db = { open: boolean };\n',
      'src/adapters/slack/state.ts':
        "import type { SlackStateStore } from '../../store/ports.ts';\nexport type S = SlackStateStore;\n",
      'src/adapters/teams/references.ts':
        "import type { Db } from '../../store/db.ts';\nexport const find = (db: Db) => db.open;\n",
    });
    expect(cruise(dir).map((v) => [v.rule.name, v.from])).toEqual([
      ['adapter-reaches-past-store-ports', 'src/adapters/teams/references.ts'],
    ]);
  });

  it('reports a cycle, an import between two adapters and a file outside the layers', () => {
    const dir = fixture({
      'src/store/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'src/store/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'src/adapters/slack/render.ts': "import { r } from '../teams/render.ts';\nexport const s = r;\n",
      'src/adapters/teams/render.ts': 'export const r = 1;\n',
      'src/helpers.ts': 'export const h = 1;\n',
      'src/app/main.ts': "import { h } from '../helpers.ts';\nexport const m = h;\n",
    });
    expect(rulesOf(cruise(dir))).toEqual([
      'adapter-slack-imports-another-adapter',
      'no-cycle',
      'src-file-outside-layers',
    ]);
  });

  it(`reports a source file over ${MAX_LINES} lines, and an allowance that outlived its file`, () => {
    const dir = fixture({
      'src/core/query/long.ts': 'export const x = 1;\n'.repeat(MAX_LINES + 1),
      'src/core/query/short.ts': 'export const x = 1;\n'.repeat(MAX_LINES),
      'scripts/build.mjs': '// x\n'.repeat(MAX_LINES + 5),
    });
    expect(findLongFiles(dir, ['src', 'scripts'], { 'src/core/query/short.ts': 'pending' })).toEqual([
      { file: 'scripts/build.mjs', lines: MAX_LINES + 5, problem: 'long' },
      { file: 'src/core/query/long.ts', lines: MAX_LINES + 1, problem: 'long' },
      { file: 'src/core/query/short.ts', lines: MAX_LINES, problem: 'stale' },
    ]);
  });
});

describe('the test tree', () => {
  // Support folders (helpers, fakes, fixtures…) and the cross-cutting architecture tests aside,
  // a test sits in the folder of test/ that mirrors the src/ folder of the code it exercises.
  const SUPPORT = new Set([
    'architecture',
    'bench',
    'fakes',
    'fault',
    'fixtures',
    'helpers',
    'setup',
    'tools',
  ]);

  it('mirrors src/: every test file lives under a folder that exists in src/', () => {
    const testRoot = path.join(ROOT_DIR, 'test');
    const misplaced = files(testRoot)
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => path.relative(testRoot, file))
      .filter((file) => !SUPPORT.has(file.split(path.sep)[0] ?? ''))
      .filter(
        (file) => !existsSync(path.join(ROOT_DIR, 'src', path.dirname(file))) || !file.includes(path.sep),
      );
    expect(misplaced).toEqual([]);
  });
});
