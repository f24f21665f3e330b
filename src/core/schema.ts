/**
 * The zod used by every schema (environment, plan metadata, profiles, glossary, scopes): the
 * functional `zod/mini` API, bundled into dist/. The classic API loads its whole module graph and
 * every locale (~100 ms, a fifth of a `boussole ask`); mini validates with the same core and, with
 * the English locale set here, reports the same messages. Import it as a namespace
 * (`import * as z`) so the bundler keeps only the functions in use.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
