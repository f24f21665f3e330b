import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root (where package.json, data/ and prompts/ live). Found by walking up from this
 * module, so it is right both from src/ (tests, tsx) and from the bundled dist/ build.
 */
export const ROOT_DIR = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json introuvable au-dessus de src/');
    dir = parent;
  }
  return dir;
})();

export const MIGRATIONS_DIR = path.join(ROOT_DIR, 'src', 'store', 'migrations');
export const PG_MIGRATIONS_DIR = path.join(ROOT_DIR, 'src', 'store', 'postgres', 'migrations');
