import path from 'node:path';
import * as z from '../core/kernel/schema.ts';
import { ROOT_DIR } from './paths.ts';

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
/** An empty variable counts as unset, then `schema` applies. */
const preprocess = <T extends z.core.$ZodType>(schema: T) => z.pipe(z.transform(emptyToUndefined), schema);
const optionalString = preprocess(z.optional(z.string().check(z.trim())));
const integer = (min: number, max: number, fallback: number) =>
  preprocess(z._default(z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max)), fallback));
const port = (fallback: number) => integer(0, 65535, fallback);
const positiveInt = (fallback: number, max: number) => integer(1, max, fallback);
const flag = preprocess(
  z.pipe(
    z._default(z.enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off']), '0'),
    z.transform((value) => ['1', 'true', 'yes', 'on'].includes(value)),
  ),
);
const url = preprocess(z.optional(z.url({ protocol: /^https?$/ })));

/**
 * Every environment variable Boussole reads, and nothing else reads process.env.
 * The README's configuration table mirrors this schema.
 */
export const envSchema = z.object({
  BOUSSOLE_DB: optionalString,
  BOUSSOLE_DATA_DIR: optionalString,
  BOUSSOLE_TIMEZONE: preprocess(z._default(z.string(), 'Europe/Paris')),
  BOUSSOLE_LOG_LEVEL: preprocess(
    z.optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  ),
  BOUSSOLE_ADMINS: preprocess(z._default(z.string(), '')),
  BOUSSOLE_TENANTS: preprocess(z._default(z.string(), '')),
  BOUSSOLE_MEMORY_MINUTES: positiveInt(30, 24 * 60),
  BOUSSOLE_REMINDER_CRON: preprocess(z._default(z.string(), '*/5 * * * *')),
  BOUSSOLE_HTTP_HOST: optionalString,
  BOUSSOLE_BUSY_TIMEOUT_MS: integer(0, 2500, 1000),
  BOUSSOLE_DATABASE_URL: preprocess(z.optional(z.url({ protocol: /^postgres(?:ql)?$/ }))),
  BOUSSOLE_DATABASE_POOL: positiveInt(10, 200),

  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_PORT: port(3000),
  SLACK_API_URL: url,

  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: preprocess(z.optional(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']))),
  TEAMS_PORT: port(3978),
  BOUSSOLE_TEAMS_DEV: flag,

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url,
  BOUSSOLE_LLM_MODEL: preprocess(z._default(z.string(), 'gpt-4o-mini')),
  BOUSSOLE_LLM_TIMEOUT_MS: positiveInt(20_000, 600_000),
  BOUSSOLE_LLM_MAX_RETRIES: integer(0, 5, 2),
  BOUSSOLE_LLM_MAX_PROMPT_CHARS: positiveInt(24_000, 400_000),
  BOUSSOLE_LLM_MAX_OUTPUT_TOKENS: positiveInt(800, 16_000),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  /**
   * The directory the user typed the command in: relative paths they give (files, BOUSSOLE_DB) are
   * read from there. npm runs scripts from the package root and says where the user was in INIT_CWD.
   */
  workDir: string;
  dbFile: string;
  dataDir: string;
  promptsDir: string;
  timezone: string;
  /** Log level of the long-running assistant (default info). */
  logLevel: string;
  /** Log level of one-shot CLI commands, quieter by default so stdout stays the command's output. */
  cliLogLevel: string;
  admins: string[];
  /**
   * BOUSSOLE_TENANTS: the académie of each Slack workspace or Teams tenant, by "slack:T0123" /
   * "teams:<tenant id>". Empty: one académie's deployment, every plan for everyone.
   */
  tenants: Map<string, string>;
  memoryMinutes: number;
  /**
   * How long the serving process (npm start) waits for a database locked by another process: short,
   * because the wait freezes every conversation and Slack wants its ack within 3 s.
   */
  busyTimeoutMs: number;
  /**
   * PostgreSQL (BOUSSOLE_DATABASE_URL) for `boussole migrate` and `boussole copy`; absent, the
   * embedded SQLite file `dbFile` is the database.
   */
  postgres?: { url: string; poolSize: number };
  reminderCron: string;
  httpHost: string;
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    port: number;
    apiUrl?: string;
  };
  teams: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType?: Env['MICROSOFT_APP_TYPE'];
    port: number;
    devMode: boolean;
  };
  llm: {
    apiKey?: string;
    baseUrl?: string;
    model: string;
    timeoutMs: number;
    maxRetries: number;
    maxPromptChars: number;
    maxOutputTokens: number;
  };
}

/** A configuration problem, with the variable to fix. */
export class ConfigError extends Error {
  readonly code = 'config';
}

/**
 * Parses the environment once. An invalid value stops start-up with a message that names the
 * variable and what is expected; secrets are never echoed back.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      return `  ${name} : ${describeIssue(issue)}`;
    });
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const workDir = path.resolve(env.INIT_CWD?.trim() || process.cwd());
  const dataDir = path.resolve(workDir, e.BOUSSOLE_DATA_DIR ?? path.join(ROOT_DIR, 'data'));
  const config: Config = {
    workDir,
    dbFile:
      e.BOUSSOLE_DB === ':memory:'
        ? ':memory:'
        : path.resolve(workDir, e.BOUSSOLE_DB ?? path.join(ROOT_DIR, 'data', 'boussole.db')),
    dataDir,
    promptsDir: path.join(ROOT_DIR, 'prompts'),
    timezone: e.BOUSSOLE_TIMEZONE,
    logLevel: e.BOUSSOLE_LOG_LEVEL ?? 'info',
    cliLogLevel: e.BOUSSOLE_LOG_LEVEL ?? 'warn',
    admins: e.BOUSSOLE_ADMINS.split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    tenants: parseTenants(e.BOUSSOLE_TENANTS),
    memoryMinutes: e.BOUSSOLE_MEMORY_MINUTES,
    busyTimeoutMs: e.BOUSSOLE_BUSY_TIMEOUT_MS,
    ...(e.BOUSSOLE_DATABASE_URL
      ? { postgres: { url: e.BOUSSOLE_DATABASE_URL, poolSize: e.BOUSSOLE_DATABASE_POOL } }
      : {}),
    reminderCron: e.BOUSSOLE_REMINDER_CRON,
    httpHost: e.BOUSSOLE_HTTP_HOST ?? (e.BOUSSOLE_TEAMS_DEV ? '127.0.0.1' : '0.0.0.0'),
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      port: e.SLACK_PORT,
      apiUrl: e.SLACK_API_URL,
    },
    teams: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      port: e.TEAMS_PORT,
      devMode: e.BOUSSOLE_TEAMS_DEV,
    },
    llm: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.BOUSSOLE_LLM_MODEL,
      timeoutMs: e.BOUSSOLE_LLM_TIMEOUT_MS,
      maxRetries: e.BOUSSOLE_LLM_MAX_RETRIES,
      maxPromptChars: e.BOUSSOLE_LLM_MAX_PROMPT_CHARS,
      maxOutputTokens: e.BOUSSOLE_LLM_MAX_OUTPUT_TOKENS,
    },
  };
  validateCombinations(config);
  return config;
}

/**
 * What an operator reads when a variable is wrong: what is expected, in French, never the value
 * received (it may be a secret put in the wrong variable).
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  const detail = issue as { expected?: string; minimum?: unknown; maximum?: unknown; values?: unknown[] };
  switch (issue.code) {
    case 'invalid_type':
      return detail.expected === 'number' || detail.expected === 'int'
        ? 'un nombre entier est attendu'
        : 'valeur invalide';
    case 'too_small':
      return `valeur trop petite : au moins ${String(detail.minimum)}`;
    case 'too_big':
      return `valeur trop grande : au plus ${String(detail.maximum)}`;
    case 'invalid_value':
      return `valeur inconnue ; valeurs possibles : ${(detail.values ?? []).map(String).join(', ')}`;
    case 'invalid_format':
      return 'adresse invalide : une URL http:// ou https:// est attendue';
    default:
      return issue.message;
  }
}

function validateCombinations(config: Config): void {
  const problems: string[] = [];
  if (config.slack.botToken && !config.slack.appToken && !config.slack.signingSecret) {
    problems.push(
      '  SLACK_SIGNING_SECRET : requis en mode HTTP (SLACK_BOT_TOKEN sans SLACK_APP_TOKEN) pour vérifier les requêtes de Slack',
    );
  }
  if (config.slack.appToken && !config.slack.botToken) {
    problems.push('  SLACK_BOT_TOKEN : requis quand SLACK_APP_TOKEN est défini');
  }
  if (
    config.teams.appId &&
    !config.teams.devMode &&
    !config.teams.appPassword &&
    config.teams.appType !== 'UserAssignedMSI'
  ) {
    problems.push(
      '  MICROSOFT_APP_PASSWORD : requis avec MICROSOFT_APP_ID (sauf MICROSOFT_APP_TYPE=UserAssignedMSI)',
    );
  }
  if (config.teams.appType === 'SingleTenant' && !config.teams.tenantId) {
    problems.push('  MICROSOFT_APP_TENANT_ID : requis quand MICROSOFT_APP_TYPE=SingleTenant');
  }
  if (config.teams.devMode && config.teams.appId) {
    problems.push(
      "  BOUSSOLE_TEAMS_DEV : désactive l'authentification Teams, ce qui est refusé avec MICROSOFT_APP_ID (une vraie inscription de bot) ; retirez MICROSOFT_APP_ID pour un essai local, ou BOUSSOLE_TEAMS_DEV sur un serveur",
    );
  }
  if (config.teams.devMode && !isLoopback(config.httpHost)) {
    problems.push(
      `  BOUSSOLE_HTTP_HOST : BOUSSOLE_TEAMS_DEV=1 désactive l'authentification Teams et n'écoute que sur 127.0.0.1 ; retirez BOUSSOLE_HTTP_HOST=${config.httpHost} ou BOUSSOLE_TEAMS_DEV`,
    );
  }
  // Loading the time-zone database costs ~20 ms: only check a zone someone actually set.
  if (config.timezone !== 'Europe/Paris' && !isValidTimezone(config.timezone)) {
    problems.push(`  BOUSSOLE_TIMEZONE : fuseau horaire inconnu (exemple : Europe/Paris)`);
  }
  if (problems.length) throw new ConfigError(`Configuration invalide :\n${problems.join('\n')}`);
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/u.test(host);
}

function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "slack:T0123=clermont-ferrand, teams:72f9…=orleans-tours": which académie each workspace is. */
function parseTenants(value: string): Map<string, string> {
  const tenants = new Map<string, string>();
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^(slack|teams):([^=\s]+)\s*=\s*([a-z0-9-]+)$/u.exec(entry);
    if (!match)
      throw new ConfigError(
        `Configuration invalide :\n  BOUSSOLE_TENANTS : « ${entry} » n'est pas de la forme slack:ID_ESPACE=académie ou teams:ID_LOCATAIRE=académie (par exemple slack:T0123ABC=clermont-ferrand)`,
      );
    const [, platform, workspace, academie] = match as unknown as [string, string, string, string];
    const key = `${platform}:${workspace}`;
    const earlier = tenants.get(key);
    if (earlier && earlier !== academie)
      throw new ConfigError(
        `Configuration invalide :\n  BOUSSOLE_TENANTS : ${key} est rattaché à deux académies (${earlier} et ${academie}) ; gardez-en une`,
      );
    tenants.set(key, academie);
  }
  return tenants;
}
