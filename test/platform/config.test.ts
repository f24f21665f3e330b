import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, loadConfig } from '../../src/platform/config.ts';
import { ROOT_DIR } from '../../src/platform/paths.ts';

const variables = Object.keys(envSchema.shape).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|mjs)$/u.test(name) ? [full] : [];
  });
}

describe('configuration', () => {
  it('starts on embedded defaults with no variable set', () => {
    const config = loadConfig({});
    expect(config.dbFile).toBe(path.join(ROOT_DIR, 'data', 'boussole.db'));
    expect(config.timezone).toBe('Europe/Paris');
    expect(config.slack.port).toBe(3000);
    expect(config.teams.port).toBe(3978);
    expect(config.llm.timeoutMs).toBe(20_000);
  });

  it('stops on an invalid value with a message naming the variable', () => {
    expect(() => loadConfig({ SLACK_PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ SLACK_PORT: 'abc' })).toThrow(/SLACK_PORT/u);
    expect(() => loadConfig({ BOUSSOLE_TIMEZONE: 'Mars/Olympus' })).toThrow(/BOUSSOLE_TIMEZONE/u);
    expect(() => loadConfig({ OPENAI_BASE_URL: 'not a url' })).toThrow(/OPENAI_BASE_URL/u);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-secret-value' })).toThrow(/SLACK_SIGNING_SECRET/u);
  });

  it('never echoes a secret in its error messages', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-secret-value', MICROSOFT_APP_ID: 'id' });
    } catch (error) {
      expect(String(error)).not.toContain('xoxb-secret-value');
    }
  });

  it('refuses Teams without authentication on a non-loopback address', () => {
    expect(() => loadConfig({ BOUSSOLE_TEAMS_DEV: '1', BOUSSOLE_HTTP_HOST: '0.0.0.0' })).toThrow(
      /BOUSSOLE_HTTP_HOST/u,
    );
    expect(loadConfig({ BOUSSOLE_TEAMS_DEV: '1' }).httpHost).toBe('127.0.0.1');
  });

  it('is documented: .env.example and the README table list exactly the variables the code reads', () => {
    const example = readFileSync(path.join(ROOT_DIR, '.env.example'), 'utf8');
    const inExample = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gmu)].map((m) => m[1]).sort();
    expect(inExample).toEqual(variables);
    const readme = readFileSync(path.join(ROOT_DIR, 'README.md'), 'utf8');
    const inReadme = [
      ...new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` *\|/gmu)].map((m) => m[1])),
    ].sort();
    expect(inReadme).toEqual(variables);
  });

  it('is the only module that reads process.env', () => {
    const offenders = sources(path.join(ROOT_DIR, 'src')).filter((file) => {
      if (file.endsWith(path.join('src', 'platform', 'config.ts'))) return false;
      return /process\.env\.[A-Z]|process\.env\[/u.test(readFileSync(file, 'utf8'));
    });
    expect(offenders).toEqual([]);
  });
});
