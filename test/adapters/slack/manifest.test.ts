import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../../src/adapters/slack/listeners/slash-command.ts';
import { ROOT_DIR } from '../../../src/platform/paths.ts';

const manifest = readFileSync(path.join(ROOT_DIR, 'manifests', 'slack.yaml'), 'utf8');

/** The "- item" lines under a "key:" line (enough YAML for this flat manifest). */
function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+- (\S+)$/u.exec(line);
    if (!item) break;
    items.push(item[1] as string);
  }
  return items;
}

/**
 * The bot scopes each Web API method needs (https://docs.slack.dev/reference/methods). A method
 * missing here fails the test: add it with its scope, then to the manifest.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.open': ['im:write'],
  // Before a reminder is posted again after a crash, the bot looks for it in the DM or channel.
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'files.uploadV2': ['files:write'],
  'users.info': ['users:read'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
};
/** The scope each subscribed event needs. */
const EVENT_SCOPES: Record<string, string[]> = {
  app_home_opened: [],
  app_mention: ['app_mentions:read'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(path.join(dir, name), 'utf8'));
}

/** Every `client.x.y(` call and listener registration of the Slack adapter. */
function usedByTheCode(): { methods: string[]; commands: boolean } {
  const code = sources(path.join(ROOT_DIR, 'src', 'adapters', 'slack')).join('\n');
  const methods = [...code.matchAll(/\bclient\.([a-z]+)\.([A-Za-z0-9]+)\(/gu)].map((m) => `${m[1]}.${m[2]}`);
  return { methods: [...new Set(methods)].sort(), commands: /\bapp\.command\(/u.test(code) };
}

describe('the Slack manifest', () => {
  it('asks for exactly the bot scopes the code needs: the methods it calls and the events it gets', () => {
    const { methods, commands } = usedByTheCode();
    expect(methods.length).toBeGreaterThan(5);
    const unknown = methods.filter((method) => !(method in METHOD_SCOPES));
    expect(unknown).toEqual([]);
    const needed = new Set([
      ...methods.flatMap((method) => METHOD_SCOPES[method] ?? []),
      ...listUnder('bot_events').flatMap((event) => EVENT_SCOPES[event] ?? [`unknown event ${event}`]),
      ...(commands ? ['commands'] : []),
    ]);
    expect(listUnder('bot').sort()).toEqual([...needed].sort());
  });

  it('subscribes to every event a listener handles', () => {
    expect(listUnder('bot_events').sort()).toEqual(
      ['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im'].sort(),
    );
  });

  it('declares the slash command, interactivity, the Home and Messages tabs, and HTTP mode', () => {
    expect(manifest).toContain(`- command: ${SLASH_COMMAND}`);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/u);
    expect(manifest).toMatch(/home_tab_enabled: true/u);
    expect(manifest).toMatch(/messages_tab_enabled: true/u);
    expect(manifest).toMatch(/^\s+socket_mode_enabled: false$/mu);
    const urls = manifest.match(/(?:url|request_url): (\S+)/gu) ?? [];
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url).toMatch(/\/slack\/events$/u);
  });
});
