import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../src/paths.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') ? [full] : [];
  });
}

const PLATFORM =
  /from ['"](?:@slack\/[^'"]+|botbuilder[^'"]*|botframework-[^'"]+|openai[^'"]*|node-cron|pino)['"]/u;

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
      /from ['"][./]+\/(?:store|adapters|llm|reminders)\//u.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(ROOT_DIR, f))).toEqual([]);
  });
});
