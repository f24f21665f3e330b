/**
 * The layers of Boussole, checked by `npm run check:arch` (part of `npm test`). A folder may import
 * the folders listed before it, never those after it; see the README, « Architecture ».
 * test/boundary.test.ts runs this configuration on fixtures to prove each rule can fail.
 */

/** Inside src/core, bottom first. */
const CORE_LAYERS = [
  'text',
  'kernel',
  'plans',
  'ingest',
  'query',
  'measurements',
  'deadlines',
  'progress',
  'router',
];

/**
 * src/, bottom first. Folders in one group are siblings: they may not import each other (the
 * composition root wires them together). `platform`: config, logging, paths, request context;
 * `data`: the loaders of the files people edit under data/.
 */
const SRC_LAYERS = [
  ['core'],
  ['platform'],
  ['data'],
  ['store', 'llm', 'render', 'reminders'],
  ['adapters'],
  ['app'],
];

/** Adapters are siblings too: Slack, Teams and the console share the core, not each other. */
const ADAPTERS = ['slack', 'teams', 'console'];

/** Libraries that talk to a platform, a network, a database or the terminal: never in the core. */
const PLATFORM_PACKAGES = [
  '@slack',
  'botbuilder[^/]*',
  'botframework-[^/]+',
  'openai',
  'better-sqlite3',
  'node-cron',
  'pino',
  '@resvg',
  'write-excel-file',
  'esbuild',
];

/** Node built-ins that reach files, processes or the network: the edge does this, not the core. */
const IO_BUILTINS = [
  'fs',
  'fs/promises',
  'os',
  'child_process',
  'cluster',
  'dgram',
  'dns',
  'http',
  'https',
  'http2',
  'net',
  'readline',
  'tls',
  'worker_threads',
];

const alt = (names) => `(?:${names.join('|')})`;

function upwardRules() {
  const rules = [];
  CORE_LAYERS.forEach((layer, i) => {
    const above = CORE_LAYERS.slice(i + 1);
    if (!above.length) return;
    rules.push({
      name: `core-${layer}-imports-up`,
      comment: `src/core/${layer} may import only ${CORE_LAYERS.slice(0, i).join(', ') || 'nothing of the core'}`,
      severity: 'error',
      from: { path: `^src/core/${layer}/` },
      to: { path: `^src/core/${alt(above)}/` },
    });
  });
  // A file at the root of src/core would sit outside the order.
  rules.push({
    name: 'core-file-outside-layers',
    comment: `every file of src/core belongs to one of ${CORE_LAYERS.join(', ')}`,
    severity: 'error',
    from: {},
    to: { path: `^src/core/(?!${alt(CORE_LAYERS)}/)` },
  });
  SRC_LAYERS.forEach((tier, i) => {
    const above = SRC_LAYERS.slice(i + 1).flat();
    for (const folder of tier) {
      const siblings = tier.filter((other) => other !== folder);
      const banned = [...above, ...siblings];
      if (!banned.length) continue;
      rules.push({
        name: `src-${folder}-imports-up`,
        comment: `src/${folder} may not import ${banned.join(', ')}`,
        severity: 'error',
        from: { path: `^src/${folder}/` },
        to: { path: `^src/${alt(banned)}/` },
      });
    }
  });
  rules.push({
    name: 'src-file-outside-layers',
    comment: `every file of src/ belongs to one of ${SRC_LAYERS.flat().join(', ')}`,
    severity: 'error',
    from: {},
    to: { path: `^src/(?!${alt(SRC_LAYERS.flat())}/)` },
  });
  for (const adapter of ADAPTERS) {
    rules.push({
      name: `adapter-${adapter}-imports-another-adapter`,
      severity: 'error',
      from: { path: `^src/adapters/${adapter}/` },
      to: { path: `^src/adapters/${alt(ADAPTERS.filter((a) => a !== adapter))}/` },
    });
  }
  return rules;
}

module.exports = {
  forbidden: [
    ...upwardRules(),
    {
      name: 'no-cycle',
      comment: 'no import cycle, between folders or between files',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-platform',
      comment: 'src/core imports no platform SDK, database, LLM client, scheduler or logger',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: `(?:^|/)node_modules/${alt(PLATFORM_PACKAGES)}/` },
    },
    {
      name: 'core-does-io',
      comment: 'src/core reads no file and opens no socket: loaders at the edge hand it data',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'], path: `^(?:node:)?${alt(IO_BUILTINS)}$` },
    },
    {
      name: 'adapter-reaches-past-store-ports',
      comment: 'adapters reach their tables through src/store/ports.ts, never the database or its SQL',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/store/', pathNot: '^src/store/ports\\.ts$' },
    },
    {
      name: 'database-outside-store',
      comment: 'only src/store opens SQLite and writes SQL',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: '(?:^|/)node_modules/better-sqlite3/' },
    },
    {
      name: 'src-imports-scripts-or-tests',
      comment: 'the application never imports build scripts, the launcher or tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(?:scripts|bin|test)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that does not resolve would hide an arrow from these rules',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API for dependency-cruiser: swc parses the sources.
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    // Packages that only declare their entry points in package.json "exports" (csv-parse/sync,
    // vega-lite) resolve like Node resolves them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    moduleSystems: ['es6', 'cjs'],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
