#!/usr/bin/env node
// Entry point of the `boussole` command and of `npm start`. Runs the bundled build in dist/,
// rebuilding it first when a source file changed, so `npm install` is the only setup step.
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildBundle, bundleIsFresh } from './build.mjs';

// A closed pipe (`boussole search … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

if (!bundleIsFresh()) await buildBundle();
const { runCli } = await import(pathToFileURL(BUNDLE).href);
process.exitCode = await runCli(process.argv.slice(2));
