#!/usr/bin/env node
// Fails when a source file grows past MAX_LINES (house style: « Small files »; question anything
// over 300). Run by `npm run check:arch`, part of `npm test`. Usage: check-lines.mjs [ROOT] [DIR…]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_LINES = 300;
const SOURCE = /\.(?:ts|mts|cts|js|mjs|cjs)$/u;

/**
 * Files over the limit on purpose for now, each with the reason. An entry fails the check once its
 * file is back under the limit or gone, so an allowance cannot outlive its reason.
 */
export const PENDING = {};

function sources(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** Files of `dirs` (relative to `root`) longer than MAX_LINES, with their line counts. */
export function findLongFiles(root, dirs = ['src', 'scripts', 'bin'], pending = {}) {
  const long = [];
  for (const dir of dirs) {
    for (const file of sources(path.join(root, dir))) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      const name = path.relative(root, file).split(path.sep).join('/');
      if (lines > MAX_LINES && !pending[name]) long.push({ file: name, lines, problem: 'long' });
      if (lines <= MAX_LINES && pending[name]) long.push({ file: name, lines, problem: 'stale' });
    }
  }
  for (const name of Object.keys(pending)) {
    if (!existsSync(path.join(root, name))) long.push({ file: name, lines: 0, problem: 'stale' });
  }
  return long.sort((a, b) => a.file.localeCompare(b.file));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = process.cwd(), ...dirs] = process.argv.slice(2);
  const long = findLongFiles(path.resolve(root), dirs.length ? dirs : undefined, PENDING);
  for (const { file, lines, problem } of long) {
    process.stderr.write(
      problem === 'long'
        ? `${file}: ${lines} lines, over ${MAX_LINES}: split it by responsibility\n`
        : `${file}: ${lines} lines, within the limit or gone: remove it from PENDING in scripts/check-lines.mjs\n`,
    );
  }
  if (long.length) process.exit(1);
  process.stdout.write(`no source file over ${MAX_LINES} lines\n`);
}
