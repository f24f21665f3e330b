import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AppContext, openContext } from '../../src/app/context.ts';
import { parseSource, vocabularyOf } from '../../src/core/ingest/sources.ts';
import type { ParsedPlan } from '../../src/core/plans/types.ts';
import { loadScopes, loadShippedSources } from '../../src/data/plans.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { ROOT_DIR } from '../../src/platform/paths.ts';

export const DATA_DIR = path.join(ROOT_DIR, 'data');

let parsed: ParsedPlan[] | null = null;

/** The five shipped plans, parsed once per test file. */
export function shippedPlans(): ParsedPlan[] {
  if (!parsed) {
    const sources = loadShippedSources(DATA_DIR);
    const vocabulary = vocabularyOf(sources);
    const scopes = loadScopes(DATA_DIR);
    parsed = sources.map((source) => parseSource(source, vocabulary, scopes));
  }
  return parsed;
}

export function planByFile(prefix: string): ParsedPlan {
  const plan = shippedPlans().find((p) => p.meta.file.startsWith(prefix));
  if (!plan) throw new Error(`no shipped plan ${prefix}`);
  return plan;
}

export function tempDir(prefix = 'boussole-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A context on a fresh temporary database seeded with the shipped plans. */
export function testContext(env: Record<string, string> = {}): AppContext & { cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const config = loadConfig({ BOUSSOLE_DB: path.join(dir, 'test.db'), ...env });
  const ctx = openContext(config, createLogger('silent'));
  return {
    ...ctx,
    cleanup: () => {
      ctx.close();
      cleanup();
    },
  };
}

/** Captures what a CLI command writes. */
export function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) },
    out,
    err,
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
  };
}
