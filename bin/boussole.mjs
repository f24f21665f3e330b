#!/usr/bin/env node
// Launcher of the `boussole` command and of `npm start`: runs the bundled build of src/app/main.ts,
// rebuilding it first when a source file changed, so `npm install` is the only setup step.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE, bundleIsFresh } from '../scripts/build.mjs';

// A closed pipe (`boussole search … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Sources changed since the last build (a `git pull` without `npm install`): rebuild first, in a
// process of its own. In this one, the word index and esbuild's output would have to fit in the heap
// `npm start` caps at 128 MB, and do not: the assistant would die at every start.
if (!bundleIsFresh()) {
  const build = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))],
    {
      // Its output goes to stderr: stdout is the command's own (`ask --json`).
      stdio: ['ignore', 2, 2],
    },
  );
  if (build.status !== 0) {
    process.stderr.write(
      `La construction de Boussole (node scripts/build.mjs) a échoué (${build.error?.message ?? build.signal ?? `code ${build.status}`}) ; relancez \`npm install\` puis réessayez.\n`,
    );
    process.exit(1);
  }
}
const { main } = await import(pathToFileURL(BUNDLE).href);
process.exitCode = await main(process.argv.slice(2));
