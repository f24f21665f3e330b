#!/usr/bin/env node
// Launcher of the `boussole` command and of `npm start`: runs the bundled build of src/app/main.ts,
// rebuilding it first when a source file changed, so `npm install` is the only setup step.
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildBundle, bundleIsFresh } from '../scripts/build.mjs';

// A closed pipe (`boussole search … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

if (!bundleIsFresh()) await buildBundle();
const { main } = await import(pathToFileURL(BUNDLE).href);
process.exitCode = await main(process.argv.slice(2));
