/**
 * The zod used by every schema (environment, plan metadata, profiles, glossary, scopes): the
 * functional `zod/mini` API, bundled into dist/. The classic API loads its whole module graph and
 * every locale (~100 ms, a fifth of a `boussole ask`); mini validates with the same core. Its
 * messages reach the people who run Boussole (invalid plan metadata, profiles): the French locale
 * is set here, as everything else Boussole says is French by default. Import it as a namespace
 * (`import * as z`) so the bundler keeps only the functions in use.
 */
import { config } from 'zod/mini';
import fr from 'zod/v4/locales/fr.js';

config(fr());

export * from 'zod/mini';
